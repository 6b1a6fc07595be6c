package io.obitox.profile;

import io.obitox.common.ObitoxException;
import io.obitox.common.TextRef;
import io.obitox.common.UserMessage;
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
            throw invalid(t("profile.val.noName"), t("profile.val.noName.fix"));
        }
        if (d.name().trim().length() > 100) {
            throw invalid(t("profile.val.nameTooLong"), t("profile.val.nameTooLong.fix"));
        }
        Optional<StorageProfile> sameName = repository.findByName(d.name().trim());
        if (sameName.isPresent() && (old == null || !sameName.get().id().equals(old.id()))) {
            throw new ObitoxException(
                    UserMessage.of(
                            "PROFILE_EXISTS", t("profile.val.exists", d.name().trim()), t("profile.val.exists.fix")),
                    null);
        }
        if (d.provider() == null) {
            throw invalid(t("profile.val.noProvider"), null);
        }
        if (d.provider() == Provider.SANDBOX) {
            throw invalid(t("profile.val.sandbox"), t("profile.val.sandbox.fix"));
        }
        if (d.provider().requiresEndpoint() && isBlank(d.endpoint())) {
            throw invalid(
                    t("profile.val.needsEndpoint", providerName(d.provider())),
                    t("profile.val.example", d.provider().endpointExample()));
        }
        if (!isBlank(d.endpoint())) {
            checkEndpoint(d.endpoint());
        }
        if (!isBlank(d.region()) && !REGION.matcher(d.region().trim()).matches()) {
            throw invalid(t("profile.val.region", d.region()), t("profile.val.region.fix"));
        }
        if (!isBlank(d.defaultBucket())) {
            TextRef problem = BucketNames.problemText(d.defaultBucket().trim());
            if (problem != null) {
                throw invalid(problem, t("profile.val.bucket.fix"));
            }
        }
        if (d.credentialMode() == null) {
            throw invalid(t("profile.val.noCredentialMode"), null);
        }
        switch (d.credentialMode()) {
            case KEYS -> {
                boolean keeping =
                        old != null && old.managedKeys() && isBlank(d.accessKeyId()) && isBlank(d.secretAccessKey());
                if (!keeping && (isBlank(d.accessKeyId()) || isBlank(d.secretAccessKey()))) {
                    throw new ObitoxException(
                            UserMessage.of(
                                    "MISSING_CREDENTIALS", t("profile.val.bothKeys"), t("profile.val.bothKeys.fix")),
                            null);
                }
            }
            case AWS_PROFILE -> {
                if (isBlank(d.awsProfile())) {
                    throw invalid(
                            t("profile.val.noAwsProfile"),
                            t("profile.val.pickOne", String.join(", ", awsFiles.profileNames())));
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
                throw invalid(t("profile.val.scheme"), example());
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                throw invalid(t("profile.val.noHost"), example());
            }
            if (uri.getRawUserInfo() != null) {
                // it would put a password into the database; keys belong in the credentials fields
                throw invalid(t("profile.val.userInfo"), t("profile.val.userInfo.fix"));
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw invalid(t("profile.val.query"), t("profile.val.query.fix"));
            }
        } catch (URISyntaxException e) {
            throw invalid(t("profile.val.badUrl", endpoint), example());
        }
    }

    private static ObitoxException invalid(TextRef message, TextRef fix) {
        return new ObitoxException(UserMessage.of("INVALID_PROFILE", message, fix), null);
    }

    private static TextRef example() {
        return t("profile.val.example", "https://s3.example.com");
    }

    /** The provider's name in the reader's language, where its English is the name the English sentence had. */
    private static Object providerName(Provider p) {
        TextRef name = p.nameText();
        return name.english().equals(p.displayName()) ? name : p.displayName();
    }

    private static TextRef t(String key, Object... args) {
        return TextRef.of(key, args);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
