package io.obitox.profile;

import io.obitox.common.ObitoxException;
import io.obitox.storage.BucketNames;
import io.obitox.storage.Provider;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks a {@link ProfileDraft} before it is saved; each problem is one plain sentence with its fix. */
final class ProfileValidator {
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{2,40}");

    private final ProfileRepository repository;
    private final AwsSharedFiles awsFiles;

    ProfileValidator(ProfileRepository repository, AwsSharedFiles awsFiles) {
        this.repository = repository;
        this.awsFiles = awsFiles;
    }

    /**
     * @param old the saved profile being edited, or null for a new one
     * @throws ObitoxException {@code INVALID_PROFILE}, {@code PROFILE_EXISTS} or {@code MISSING_CREDENTIALS}
     */
    void validate(ProfileDraft d, StorageProfile old) {
        if (isBlank(d.name())) {
            throw invalid("The profile needs a name.", "Type a name, e.g. 'My Ceph'.");
        }
        if (d.name().trim().length() > 100) {
            throw invalid("The profile name is longer than 100 characters.", "Use a shorter name.");
        }
        Optional<StorageProfile> sameName = repository.findByName(d.name().trim());
        if (sameName.isPresent() && (old == null || !sameName.get().id().equals(old.id()))) {
            throw new ObitoxException(
                    "PROFILE_EXISTS",
                    "A profile named '" + d.name().trim() + "' already exists.",
                    "Pick another name, or edit that profile.");
        }
        if (d.provider() == null) {
            throw invalid("Choose a provider.", "");
        }
        if (d.provider() == Provider.SANDBOX) {
            throw invalid("The Sandbox profile is built in; there can be only one.", "Choose another provider.");
        }
        if (d.provider().requiresEndpoint() && isBlank(d.endpoint())) {
            throw invalid(
                    d.provider().displayName() + " needs an endpoint URL.",
                    "For example " + d.provider().endpointExample() + ".");
        }
        if (!isBlank(d.endpoint())) {
            checkEndpoint(d.endpoint());
        }
        if (!isBlank(d.region()) && !REGION.matcher(d.region().trim()).matches()) {
            throw invalid("'" + d.region() + "' is not a region name.", "Use a name such as us-east-1 or auto.");
        }
        if (!isBlank(d.defaultBucket())) {
            String problem = BucketNames.problem(d.defaultBucket().trim());
            if (problem != null) {
                throw invalid(problem, "Fix the default bucket name or leave it empty.");
            }
        }
        if (d.credentialMode() == null) {
            throw invalid("Choose where the credentials come from.", "");
        }
        switch (d.credentialMode()) {
            case KEYS -> {
                boolean keeping =
                        old != null && old.managedKeys() && isBlank(d.accessKeyId()) && isBlank(d.secretAccessKey());
                if (!keeping && (isBlank(d.accessKeyId()) || isBlank(d.secretAccessKey()))) {
                    throw new ObitoxException(
                            "MISSING_CREDENTIALS",
                            "Both the access key ID and the secret key are " + "needed.",
                            "Type both keys, or choose an AWS profile instead.");
                }
            }
            case AWS_PROFILE -> {
                if (isBlank(d.awsProfile())) {
                    throw invalid(
                            "Name the AWS profile to use.",
                            "Pick one of: " + String.join(", ", awsFiles.profileNames()) + ".");
                }
            }
            default -> {
                // the default chain needs nothing now; 'profile test' says whether it finds keys
            }
        }
    }

    private static void checkEndpoint(String endpoint) {
        try {
            URI uri = new URI(endpoint.trim());
            if (uri.getScheme() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw invalid(
                        "The endpoint must start with http:// or https://.", "For example https://s3.example.com.");
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                throw invalid("The endpoint URL has no host name.", "For example https://s3.example.com.");
            }
            if (uri.getRawUserInfo() != null) {
                // it would put a password into the database; keys belong in the credentials fields
                throw invalid(
                        "The endpoint URL must not contain a user name or password.",
                        "Remove the part before @ and type the keys in the credentials fields.");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw invalid("The endpoint URL must not have a query or fragment.", "Remove everything after ? or #.");
            }
        } catch (URISyntaxException e) {
            throw invalid("'" + endpoint + "' is not a valid URL.", "For example https://s3.example.com.");
        }
    }

    private static ObitoxException invalid(String message, String fix) {
        return new ObitoxException("INVALID_PROFILE", message, fix);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
