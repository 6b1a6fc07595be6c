package io.obitox.profile;

import io.obitox.common.TextRef;
import io.obitox.storage.Provider;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * A storage target the user saved: where (provider, endpoint, region, addressing) and how to sign (credentials
 * reference). Immutable; edits produce a new instance through the {@code with…} methods.
 *
 * @param managedKeys true when ObitoX wrote the keys into the AWS credentials file itself (and removes them with the
 *     profile)
 */
public record StorageProfile(
        String id,
        String name,
        Provider provider,
        String endpoint,
        String region,
        boolean pathStyle,
        String defaultBucket,
        CredentialKind credentialKind,
        String awsProfile,
        boolean managedKeys,
        Instant createdAt,
        Instant updatedAt) {

    public StorageProfile {
        endpoint = blankToNull(endpoint);
        region = blankToNull(region);
        defaultBucket = blankToNull(defaultBucket);
        awsProfile = blankToNull(awsProfile);
    }

    public Optional<URI> endpointUri() {
        return endpoint == null ? Optional.empty() : Optional.of(URI.create(endpoint));
    }

    public String effectiveRegion() {
        return region != null ? region : provider.defaultRegion();
    }

    public Optional<String> defaultBucketOpt() {
        return Optional.ofNullable(defaultBucket);
    }

    public boolean isSandbox() {
        return provider == Provider.SANDBOX;
    }

    /** What the profile list shows under the name, e.g. {@code Ceph RGW · http://127.0.0.1:7480 · bucket photos}. */
    public String summary() {
        return summaryText().english();
    }

    /** The summary for a view to show in the user's language (see {@link TextRef}). */
    public TextRef summaryText() {
        TextRef text = provider.nameText();
        if (endpoint != null) {
            text = TextRef.of("svc.profile.summaryWhere", text, endpoint);
        } else if (provider == Provider.AWS) {
            text = TextRef.of("svc.profile.summaryWhere", text, effectiveRegion());
        }
        return defaultBucket == null ? text : TextRef.of("svc.profile.summaryBucket", text, defaultBucket);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
