package io.obitox.profile;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed keys of a profile in the AWS credentials file, under a name ObitoX manages ({@code obitox-my-ceph}): written
 * under the writers' lock of {@link AwsSharedFiles}, and taken out again when the profile could not be saved, so the
 * file never keeps keys no profile refers to (nobody would use them, and nobody would remove them).
 */
final class ManagedKeys {
    private static final Logger log = LoggerFactory.getLogger(ManagedKeys.class);

    /** Keys written under {@code awsProfile}; {@code replaced} is the section they replaced (empty: none). */
    record Written(String awsProfile, List<String> replaced) {}

    private final AwsSharedFiles files;
    private final Supplier<List<StorageProfile>> profiles;

    ManagedKeys(AwsSharedFiles files, Supplier<List<StorageProfile>> profiles) {
        this.files = files;
        this.profiles = profiles;
    }

    /** Writes the draft's keys under the old profile's managed name, or a free one for a new profile. */
    Written write(ProfileDraft d, StorageProfile old) {
        // choosing the free name and writing under it is one step for every ObitoX process on this file
        return files.locked(() -> {
            String name = old != null && old.managedKeys() ? old.awsProfile() : freeName(d.name());
            List<String> before = files.section(name);
            files.writeKeys(name, d.accessKeyId(), d.secretAccessKey(), d.sessionToken());
            return new Written(name, before);
        });
    }

    /** Puts the section back as it was; a failure to do so is added to {@code cause}, which the caller throws. */
    void undo(Written written, RuntimeException cause) {
        try {
            files.replaceSection(written.awsProfile(), written.replaced());
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            log.warn("Could not put back the keys of [{}] in the credentials file", written.awsProfile(), e);
        }
    }

    /**
     * The managed AWS profile name for a new set of keys, with a number added when another profile (or a section of
     * the credentials file) already has it: "My Ceph" and "my-ceph" both make {@code obitox-my-ceph}, and the second
     * must not overwrite, or later remove, the keys of the first.
     */
    private String freeName(String profileName) {
        String base = ProfileService.managedAwsProfileName(profileName);
        Set<String> used = new HashSet<>(files.profileNames());
        profiles.get().forEach(p -> {
            if (p.awsProfile() != null) {
                used.add(p.awsProfile());
            }
        });
        String candidate = base;
        for (int n = 2; used.contains(candidate); n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }
}
