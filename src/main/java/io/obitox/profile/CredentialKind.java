package io.obitox.profile;

/** Where a profile's credentials come from. None of them puts a secret in the ObitoX database. */
public enum CredentialKind {
    /** A named profile in the AWS shared config/credentials files (static keys, SSO, role, process …). */
    AWS_PROFILE,
    /** The standard AWS chain: environment variables, {@code AWS_PROFILE}, shared files, instance roles. */
    DEFAULT_CHAIN,
    /** The embedded sandbox's own random keys. */
    SANDBOX
}
