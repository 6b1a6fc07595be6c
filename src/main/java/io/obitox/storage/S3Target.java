package io.obitox.storage;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Everything needed to talk to one S3 endpoint: provider (for its quirks), endpoint (null means AWS's own), region,
 * addressing style and a credentials provider. Built from a saved profile or from command-line options.
 *
 * @param key a stable identity for client caching, e.g. the profile id or the endpoint URL plus AWS profile name
 * @param label what messages call this target, e.g. the profile name
 */
public record S3Target(
        String key,
        String label,
        Provider provider,
        URI endpoint,
        String region,
        boolean pathStyle,
        AwsCredentialsProvider credentials) {

    public S3Target {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
    }

    public Optional<URI> endpointOpt() {
        return Optional.ofNullable(endpoint);
    }

    /** Host and port, or the AWS regional endpoint, for messages. */
    public String where() {
        return endpoint != null ? endpoint.toString() : "s3." + region + ".amazonaws.com";
    }
}
