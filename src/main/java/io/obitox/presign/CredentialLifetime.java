package io.obitox.presign;

import io.obitox.common.Sizes;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * How long the credentials that sign a link live. A presigned URL dies with temporary credentials (session token,
 * SSO, assumed role, credential process) whatever its own expiry says, so the effective expiry is the earlier of the
 * two.
 *
 * @param expiresAt when the credentials expire; null for long-term keys and for session tokens without a known expiry
 */
public record CredentialLifetime(Kind kind, Instant expiresAt, String providerName) {

    /** What kind of credentials sign the link. */
    public enum Kind {
        /** Access key and secret of a user: a link can last the full 7 days. */
        LONG_TERM,
        /** Temporary credentials whose identity reports when they expire. */
        TEMPORARY,
        /** A session token with no expiry ObitoX can see (typed into a profile or an environment variable). */
        TEMPORARY_UNKNOWN
    }

    /** Reads the lifetime off resolved credentials: their reported expiry, else whether they carry a session token. */
    public static CredentialLifetime of(AwsCredentialsIdentity identity) {
        String provider = identity.providerName().orElse(null);
        Optional<Instant> expiry = identity.expirationTime();
        if (expiry.isPresent()) {
            return new CredentialLifetime(Kind.TEMPORARY, expiry.get(), provider);
        }
        if (identity instanceof AwsSessionCredentialsIdentity) {
            return new CredentialLifetime(Kind.TEMPORARY_UNKNOWN, null, provider);
        }
        return new CredentialLifetime(Kind.LONG_TERM, null, provider);
    }

    /** Whole seconds left at {@code now} (negative once expired); {@link Long#MAX_VALUE} without a known expiry. */
    public long remainingSeconds(Instant now) {
        return expiresAt == null
                ? Long.MAX_VALUE
                : Math.floorDiv(Duration.between(now, expiresAt).toMillis(), 1000);
    }

    /** The warning to show with every batch these credentials sign, or empty when there is nothing to say. */
    public Optional<String> warning(Instant now) {
        return switch (kind) {
            case LONG_TERM -> Optional.empty();
            case TEMPORARY ->
                Optional.of("Signed with temporary credentials that expire at " + expiresAt + " (in "
                        + Sizes.duration(Math.max(0, remainingSeconds(now)))
                        + "): no link lasts longer than that, whatever its own expiry says.");
            case TEMPORARY_UNKNOWN ->
                Optional.of("Unknown lifetime: these links are signed with temporary"
                        + " credentials (a session token) whose expiry ObitoX cannot see; each link stops working when"
                        + " they expire, whatever its own expiry says. For links that must last, sign with long-term"
                        + " keys.");
        };
    }
}
