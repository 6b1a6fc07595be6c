package io.obitox.cli;

import io.obitox.app.AppContext;
import io.obitox.common.ObitoxException;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.Provider;
import io.obitox.storage.S3Target;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The options every S3 command takes, like the aws CLI: a saved ObitoX profile ({@code --profile}), or an endpoint
 * ({@code --endpoint-url}, {@code --region}, {@code --path-style}) with credentials from the standard AWS chain
 * (environment variables, {@code AWS_PROFILE}, shared files). Without either, the default profile is used.
 */
public final class TargetOptions {
    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description = "ObitoX profile to use (see 'obitox profile list'); with --endpoint-url, an AWS profile.")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "S3 endpoint, e.g. http://127.0.0.1:7480.")
    String endpointUrl;

    @Option(names = "--region", paramLabel = "REGION", description = "Signing region (default us-east-1).")
    String region;

    @Option(
            names = "--path-style",
            negatable = true,
            description = "Path-style addressing (default: on for IP addresses and localhost).")
    Boolean pathStyle;

    @Option(
            names = "--provider",
            paramLabel = "KIND",
            description = "With --endpoint-url: aws, r2, minio, ceph, b2 or generic (default generic).")
    String provider;

    /** Sets the profile as if {@code --profile NAME} was given (for commands that take it as a parameter). */
    public void useProfile(String name) {
        this.profile = name;
    }

    /** A resolved target and the saved profile it came from, if any. */
    public record Resolved(S3Target target, Optional<StorageProfile> profile) {
        /** The bucket named on the command line, else the profile's default bucket. */
        public String bucketOr(String explicit) {
            if (explicit != null && !explicit.isBlank()) {
                return explicit;
            }
            return profile.flatMap(StorageProfile::defaultBucketOpt)
                    .orElseThrow(() -> new ObitoxException(
                            "BUCKET_REQUIRED",
                            "No bucket given and the profile has no default bucket.",
                            "Name a bucket, e.g. --bucket my-bucket."));
        }
    }

    public Resolved resolve(AppContext app) {
        if (endpointUrl != null && !endpointUrl.isBlank()) {
            return adHoc(app);
        }
        if (profile != null && !profile.isBlank()) {
            Optional<StorageProfile> saved = app.profiles().find(profile);
            if (saved.isPresent()) {
                return fromProfile(app, saved.get());
            }
            if (app.profiles().awsFiles().hasProfile(profile)) {
                S3Target t = new S3Target(
                        "aws:" + profile,
                        profile,
                        Provider.AWS,
                        null,
                        regionOr("us-east-1"),
                        Boolean.TRUE.equals(pathStyle),
                        app.profiles().awsFiles().credentialsProvider(profile));
                return new Resolved(t, Optional.empty());
            }
            app.profiles().require(profile); // throws PROFILE_NOT_FOUND with the fix
        }
        StorageProfile p = app.profiles()
                .defaultProfile()
                .orElseThrow(() -> new ObitoxException(
                        "PROFILE_NOT_FOUND",
                        "There is no storage profile yet.",
                        "Add one with 'obitox profile add', or pass --endpoint-url."));
        return fromProfile(app, p);
    }

    private Resolved fromProfile(AppContext app, StorageProfile p) {
        S3Target t = app.profiles().target(p);
        if (region != null || pathStyle != null) {
            t = new S3Target(
                    t.key() + "|cli",
                    t.label(),
                    t.provider(),
                    t.endpoint(),
                    regionOr(t.region()),
                    pathStyle != null ? pathStyle : t.pathStyle(),
                    t.credentials());
        }
        return new Resolved(t, Optional.of(p));
    }

    private Resolved adHoc(AppContext app) {
        URI uri;
        try {
            uri = URI.create(endpointUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new ObitoxException(
                    "INVALID_ENDPOINT",
                    "'" + endpointUrl + "' is not a valid URL.",
                    "For example --endpoint-url http://127.0.0.1:7480.");
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            throw new ObitoxException(
                    "INVALID_ENDPOINT",
                    "'" + endpointUrl + "' has no scheme or host.",
                    "For example --endpoint-url http://127.0.0.1:7480.");
        }
        Provider kind = provider != null
                ? Provider.parse(provider)
                : uri.getHost().endsWith("amazonaws.com") ? Provider.AWS : Provider.GENERIC;
        if (profile != null && !app.profiles().awsFiles().hasProfile(profile)) {
            // like the aws CLI: a named profile that does not exist is an error, not a silent fall-back to other keys
            throw new ObitoxException(
                    "PROFILE_NOT_FOUND",
                    "There is no AWS profile '" + profile + "' in "
                            + app.profiles().awsFiles().credentialsFile() + " or "
                            + app.profiles().awsFiles().configFile() + ".",
                    "Check the name (aws configure list-profiles), or leave out --profile to use the default chain.");
        }
        var credentials = profile != null
                ? app.profiles().awsFiles().credentialsProvider(profile)
                : DefaultCredentialsProvider.builder().build();
        boolean local = uri.getHost().matches("[0-9.]+|\\[.*]|localhost");
        S3Target t = new S3Target(
                "endpoint:" + uri + "|" + profile,
                uri.getHost(),
                kind,
                uri,
                regionOr(envRegion().orElse(kind.defaultRegion())),
                pathStyle != null ? pathStyle : local,
                credentials);
        return new Resolved(t, Optional.empty());
    }

    private String regionOr(String fallback) {
        return region != null && !region.isBlank() ? region.trim() : fallback;
    }

    private static Optional<String> envRegion() {
        String r = System.getenv("AWS_REGION");
        if (r == null || r.isBlank()) {
            r = System.getenv("AWS_DEFAULT_REGION");
        }
        return r == null || r.isBlank() ? Optional.empty() : Optional.of(r.trim());
    }
}
