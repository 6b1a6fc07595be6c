package io.obitox.profile;

import io.obitox.common.ObitoxException;
import io.obitox.common.TextRef;
import io.obitox.common.UserMessage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileLocation;
import software.amazon.awssdk.profiles.ProfileFileSupplier;

/**
 * The AWS shared config and credentials files ({@code ~/.aws/config}, {@code ~/.aws/credentials}, or wherever
 * {@code AWS_CONFIG_FILE}/{@code AWS_SHARED_CREDENTIALS_FILE} point), read and written the way {@code aws configure}
 * does. This is where typed keys go, so the ObitoX database never holds a secret.
 *
 * <p>Thread-safe for readers. Writers hold a lock file beside the credentials file ({@code credentials.obitox.lock},
 * {@link FileChannel#lock}) for the whole read-change-write, so two ObitoX processes adding profiles at once cannot
 * lose each other's keys; in this JVM they also queue on one lock, whichever instance they use. The file is replaced
 * atomically; when it is a symbolic link (dotfiles kept elsewhere), its target is replaced and the link stays.
 */
public final class AwsSharedFiles {
    private static final Pattern SECTION = Pattern.compile("^\\s*\\[\\s*(?:profile\\s+)?([^\\]]+?)\\s*]\\s*$");

    /** FileChannel locks belong to the process: threads of this JVM must queue before taking one. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final Path credentialsFile;
    private final Path configFile;

    public AwsSharedFiles(Path credentialsFile, Path configFile) {
        this.credentialsFile = credentialsFile;
        this.configFile = configFile;
    }

    /** The files the AWS SDK itself would read in this process (same environment variables and properties). */
    public static AwsSharedFiles standard() {
        return new AwsSharedFiles(
                ProfileFileLocation.credentialsFilePath(), ProfileFileLocation.configurationFilePath());
    }

    public Path credentialsFile() {
        return credentialsFile;
    }

    public Path configFile() {
        return configFile;
    }

    /** Profile names found in both files, sorted. */
    public List<String> profileNames() {
        Set<String> names = new TreeSet<>();
        for (Path f : List.of(credentialsFile, configFile)) {
            if (!Files.isRegularFile(f)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    var m = SECTION.matcher(line);
                    if (m.matches()
                            && !m.group(1).toLowerCase(Locale.ROOT).startsWith("sso-session")
                            && !m.group(1).startsWith("services ")) {
                        names.add(m.group(1).trim());
                    }
                }
            } catch (IOException ignored) {
                // unreadable file: no names from it
            }
        }
        return new ArrayList<>(names);
    }

    public boolean hasProfile(String name) {
        return profileNames().contains(name);
    }

    /** A provider that re-reads the files when they change, so edits made with {@code aws configure} apply at once. */
    public AwsCredentialsProvider credentialsProvider(String profileName) {
        ProfileFileSupplier supplier = ProfileFileSupplier.aggregate(
                ProfileFileSupplier.reloadWhenModified(configFile, ProfileFile.Type.CONFIGURATION),
                ProfileFileSupplier.reloadWhenModified(credentialsFile, ProfileFile.Type.CREDENTIALS));
        return ProfileCredentialsProvider.builder()
                .profileFile(supplier)
                .profileName(profileName)
                .build();
    }

    /** Writes (or replaces) a {@code [name]} section with static keys in the credentials file, mode 0600. */
    public void writeKeys(String profileName, String accessKeyId, String secretAccessKey, String sessionToken) {
        requireValue(accessKeyId, "profile.aws.accessKeyId");
        requireValue(secretAccessKey, "profile.aws.secretAccessKey");
        List<String> section = new ArrayList<>();
        section.add("[" + profileName + "]");
        section.add("aws_access_key_id = " + accessKeyId.trim());
        section.add("aws_secret_access_key = " + secretAccessKey.trim());
        if (sessionToken != null && !sessionToken.isBlank()) {
            requireValue(sessionToken, "profile.aws.sessionToken"); // a line break in it would write extra lines
            section.add("aws_session_token = " + sessionToken.trim());
        }
        replaceSection(profileName, section);
    }

    /** Removes the {@code [name]} section from the credentials file, if there is one. */
    public void removeKeys(String profileName) {
        replaceSection(profileName, List.of());
    }

    /**
     * The lines of the {@code [name]} section of the credentials file (header included; empty when there is none),
     * so a caller can put back what it is about to overwrite with {@link #replaceSection}.
     */
    public List<String> section(String profileName) {
        List<String> all = readLines(credentialsFile);
        List<String> without = withoutSection(all, profileName);
        List<String> out = new ArrayList<>();
        boolean inside = false;
        for (String line : all) {
            var m = SECTION.matcher(line);
            if (m.matches()) {
                inside = m.group(1).trim().equals(profileName);
            }
            if (inside) {
                out.add(line);
            }
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
            out.remove(out.size() - 1);
        }
        return without.size() == all.size() ? List.of() : out;
    }

    /**
     * Replaces the {@code [name]} section with {@code lines} (a whole section, header first), or removes it when
     * {@code lines} is empty; under the writers' lock, so no other writer's change is lost.
     */
    public void replaceSection(String profileName, List<String> lines) {
        locked(() -> {
            if (lines.isEmpty() && !Files.isRegularFile(credentialsFile)) {
                return null;
            }
            List<String> before = readLines(credentialsFile);
            List<String> after = withoutSection(before, profileName);
            if (!lines.isEmpty()) {
                if (!after.isEmpty() && !after.get(after.size() - 1).isBlank()) {
                    after.add("");
                }
                after.addAll(lines);
            } else if (after.size() == before.size()) {
                return null; // nothing to remove
            }
            writeLines(credentialsFile, after);
            return null;
        });
    }

    /**
     * Runs {@code change} holding the lock file beside the credentials file (and this JVM's lock). Re-entrant in
     * one thread. The lock file stays: removing it would let a waiting process lock a file nobody else sees.
     */
    public <T> T locked(Supplier<T> change) {
        IN_PROCESS.lock();
        try {
            if (IN_PROCESS.getHoldCount() > 1) {
                return change.get();
            }
            Path target = writeTarget(credentialsFile);
            Path lockFile = target.resolveSibling(target.getFileName() + ".obitox.lock");
            try {
                Files.createDirectories(lockFile.getParent());
                try (FileChannel channel =
                                FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock ignored = channel.lock()) {
                    return change.get();
                }
            } catch (IOException e) {
                throw new ObitoxException(
                        UserMessage.of(
                                "CREDENTIALS_FILE_UNWRITABLE",
                                TextRef.of(
                                        "profile.aws.cannotLock",
                                        credentialsFile.toString(),
                                        lockFile.toString(),
                                        String.valueOf(e.getMessage())),
                                TextRef.of("profile.aws.checkFolder")),
                        e);
            }
        } finally {
            IN_PROCESS.unlock();
        }
    }

    /**
     * The file to replace: the credentials file itself, or the file its symbolic link points at (followed to the
     * end, even when that file does not exist yet), so the link survives the write.
     */
    private static Path writeTarget(Path file) {
        Path f = file.toAbsolutePath();
        try {
            for (int hops = 0; hops < 40 && Files.isSymbolicLink(f); hops++) {
                Path next = Files.readSymbolicLink(f);
                f = f.resolveSibling(next).normalize();
            }
        } catch (IOException e) {
            return file.toAbsolutePath();
        }
        return f;
    }

    /** @param whatKey the key of what the value is ("access key ID"), for the sentence */
    private static void requireValue(String value, String whatKey) {
        TextRef what = TextRef.of(whatKey);
        if (value == null || value.isBlank()) {
            throw new ObitoxException(
                    UserMessage.of(
                            "MISSING_CREDENTIALS",
                            TextRef.of("profile.aws.empty", what),
                            TextRef.of("profile.aws.empty.fix", what)),
                    null);
        }
        if (value.trim().chars().anyMatch(ch -> ch < 0x21 || ch == '[' || ch == ']')) {
            throw new ObitoxException(
                    UserMessage.of(
                            "INVALID_CREDENTIALS",
                            TextRef.of("profile.aws.badChars", what),
                            TextRef.of("profile.aws.badChars.fix")),
                    null);
        }
    }

    private static List<String> withoutSection(List<String> lines, String profileName) {
        List<String> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        boolean skipping = false;
        for (String line : lines) {
            var m = SECTION.matcher(line);
            if (m.matches()) {
                if (skipping) {
                    // comments right above the next section introduce that section: keep them with it
                    out.addAll(leadingComments(skipped));
                }
                skipping = m.group(1).trim().equals(profileName);
                skipped.clear();
            }
            if (skipping) {
                skipped.add(line);
            } else {
                out.add(line);
            }
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** The comment block (with its blank lines) at the end of {@code lines}, without blank lines before it. */
    private static List<String> leadingComments(List<String> lines) {
        int start = lines.size();
        while (start > 0 && isCommentOrBlank(lines.get(start - 1))) {
            start--;
        }
        while (start < lines.size() && lines.get(start).isBlank()) {
            start++;
        }
        return lines.subList(start, lines.size());
    }

    private static boolean isCommentOrBlank(String line) {
        String t = line.trim();
        return t.isEmpty() || t.startsWith("#") || t.startsWith(";");
    }

    private static List<String> readLines(Path file) {
        if (!Files.isRegularFile(file)) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ObitoxException(
                    UserMessage.of(
                            "CREDENTIALS_FILE_UNREADABLE",
                            TextRef.of("profile.aws.cannotRead", file.toString()),
                            TextRef.of("profile.aws.cannotRead.fix")),
                    e);
        }
    }

    private static void writeLines(Path named, List<String> lines) {
        Path file = writeTarget(named);
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".credentials", ".tmp");
            try {
                restrict(tmp);
                Files.write(tmp, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                // The SDK reloads the file only when its mtime is after its last read. The kernel stamps writes with a
                // coarse clock (a few ms behind), so a write just after a read could look older and go unseen; an
                // explicit, precise mtime makes every change of ours visible.
                Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            } finally {
                Files.deleteIfExists(tmp);
            }
            restrict(file);
        } catch (IOException e) {
            throw new ObitoxException(
                    UserMessage.of(
                            "CREDENTIALS_FILE_UNWRITABLE",
                            TextRef.of("profile.aws.cannotWrite", file.toString(), String.valueOf(e.getMessage())),
                            TextRef.of("profile.aws.checkFolder")),
                    e);
        }
    }

    private static void restrict(Path f) throws IOException {
        try {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // Windows: the file lives in the user's private profile folder
        }
    }
}
