package io.obitox.profile;

import io.obitox.storage.Provider;

/**
 * What the user typed in the profile editor or on the command line, before validation.
 *
 * @param credentialMode where the keys come from
 * @param awsProfile for {@link CredentialMode#AWS_PROFILE}: the name of an existing AWS profile
 * @param accessKeyId for {@link CredentialMode#KEYS}; blank when editing means "keep the stored keys"
 */
public record ProfileDraft(
        String name,
        Provider provider,
        String endpoint,
        String region,
        Boolean pathStyle,
        String defaultBucket,
        CredentialMode credentialMode,
        String awsProfile,
        String accessKeyId,
        String secretAccessKey,
        String sessionToken) {

    /** How the user chose to give credentials. */
    public enum CredentialMode {
        /** Keys typed now; ObitoX writes them to the AWS credentials file under its own profile name. */
        KEYS,
        /** An existing profile of the AWS shared config/credentials files (static, SSO, role …). */
        AWS_PROFILE,
        /** The standard AWS chain of environment variables and files. */
        DEFAULT_CHAIN
    }

    @Override
    public String toString() {
        // never print the secret or the token
        return "ProfileDraft[name=" + name + ", provider=" + provider + ", endpoint=" + endpoint + ", mode="
                + credentialMode + ", awsProfile=" + awsProfile + "]";
    }
}
