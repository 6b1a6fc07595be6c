package io.obitox.cli.kit;

import io.obitox.app.AppContext;
import io.obitox.common.ObitoxException;
import io.obitox.common.TextRef;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.storage.Provider;
import io.obitox.storage.S3Target;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options every S3 command takes, like the aws CLI: a saved ObitoX profile ({@code --profile}), or an endpoint
 * ({@code --endpoint-url}, {@code --region}, {@code --path-style}) with credentials from the standard AWS chain
 * (environment variables, {@code AWS_PROFILE}, shared files). Without either, the default profile is used.
 */
public final class TargetOptions {
    @Option(names = "--profile", paramLabel = "NAME", descriptionKey = "cli.help.targetOptions.profile")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL", descriptionKey = "cli.help.targetOptions.endpointUrl")
    String endpointUrl;

    @Option(names = "--region", paramLabel = "REGION", descriptionKey = "cli.help.targetOptions.region")
    String region;

    @Option(names = "--path-style", negatable = true, descriptionKey = "cli.help.targetOptions.pathStyle")
    Boolean pathStyle;

    @Option(names = "--provider", paramLabel = "KIND", descriptionKey = "cli.help.targetOptions.provider")
    String provider;

    /** True when the user named the target ({@code --profile} or {@code --endpoint-url}) on the command line. */
    public boolean named() {
        return (profile != null && !profile.isBlank()) || (endpointUrl != null && !endpointUrl.isBlank());
    }

    /** Sets the profile as if {@code --profile NAME} was given (for commands that take it as a parameter). */
    public void useProfile(String name) {
        this.profile = name;
    }

    /** Uses {@code name} when neither --profile nor --endpoint-url was given. */
    public void useProfileIfUnset(String name) {
        if (profile == null && endpointUrl == null) {
            profile = name;
        }
    }

    /** Uses this endpoint when neither --profile nor --endpoint-url was given (credentials: the default chain). */
    public void useEndpointIfUnset(String endpoint, String region, Boolean pathStyle, String provider) {
        if (profile == null && endpointUrl == null) {
            this.endpointUrl = endpoint;
            this.region = this.region == null ? region : this.region;
            this.pathStyle = this.pathStyle == null ? pathStyle : this.pathStyle;
            this.provider = this.provider == null ? provider : this.provider;
        }
    }

    /** A resolved target, how to find it again after a restart, and the saved profile it came from, if any. */
    public record Resolved(S3Target target, TargetRef ref, Optional<StorageProfile> profile) {
        /** The bucket named on the command line, else the profile's default bucket. */
        public String bucketOr(String explicit) {
            if (explicit != null && !explicit.isBlank()) {
                return explicit;
            }
            return profile.flatMap(StorageProfile::defaultBucketOpt)
                    .orElseThrow(() -> CliFailure.of(
                            "BUCKET_REQUIRED",
                            TextRef.of(
                                    profile.isPresent()
                                            ? "cli.error.targetOptions.bucketRequired"
                                            : "cli.error.targetOptions.bucketRequiredNoProfile"),
                            TextRef.of("cli.error.targetOptions.bucketRequired.fix")));
        }
    }

    public Resolved resolve(AppContext app) {
        TargetRef ref = ref(app);
        Optional<StorageProfile> saved = ref.isProfile() ? app.profiles().find(ref.profileId()) : Optional.empty();
        return new Resolved(app.profiles().resolve(ref), ref, saved);
    }

    /** What the options name, as a {@link TargetRef}; fails with the fix when they name nothing usable. */
    public TargetRef ref(AppContext app) {
        if (endpointUrl != null && !endpointUrl.isBlank()) {
            URI uri;
            try {
                uri = URI.create(endpointUrl.trim());
            } catch (IllegalArgumentException e) {
                throw invalidEndpoint();
            }
            if (uri.getHost() == null || uri.getScheme() == null) {
                throw invalidEndpoint();
            }
            if (profile != null && !app.profiles().awsFiles().hasProfile(profile)) {
                // like the aws CLI: a named profile that does not exist is an error, not a silent fall-back
                throw CliFailure.of(
                        "PROFILE_NOT_FOUND",
                        TextRef.of(
                                "cli.error.targetOptions.profileNotFound",
                                profile,
                                app.profiles().awsFiles().credentialsFile(),
                                app.profiles().awsFiles().configFile()),
                        TextRef.of("cli.error.targetOptions.profileNotFound.fix"));
            }
            String awsProfile = profile;
            String kind = provider == null ? null : Provider.parse(provider).name();
            return new TargetRef(null, uri.toString(), regionOr(envRegion().orElse(null)), pathStyle, kind, awsProfile);
        }
        if (profile != null && !profile.isBlank()) {
            Optional<StorageProfile> saved = app.profiles().find(profile);
            if (saved.isPresent()) {
                return new TargetRef(saved.get().id(), null, regionOr(null), pathStyle, null, null);
            }
            if (app.profiles().awsFiles().hasProfile(profile)) {
                return new TargetRef(
                        null, null, regionOr(envRegion().orElse("us-east-1")), pathStyle, Provider.AWS.name(), profile);
            }
            app.profiles().require(profile); // throws PROFILE_NOT_FOUND with the fix
        }
        StorageProfile p = app.profiles()
                .defaultProfile()
                .orElseThrow(() -> CliFailure.of(
                        "PROFILE_NOT_FOUND",
                        TextRef.of("cli.error.targetOptions.noProfile"),
                        TextRef.of("cli.error.targetOptions.noProfile.fix")));
        return new TargetRef(p.id(), null, regionOr(null), pathStyle, null, null);
    }

    private static ObitoxException invalidEndpoint() {
        return CliFailure.of(
                "INVALID_ENDPOINT",
                TextRef.of("cli.error.targetOptions.invalidEndpoint"),
                TextRef.of("cli.error.targetOptions.invalidEndpoint.fix"));
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
