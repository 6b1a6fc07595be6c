package io.obitox.webhook;

import io.obitox.common.ObitoxException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A Standard Webhooks signing secret: {@code whsec_} followed by the base64 of 24 to 64 random bytes. The HMAC key is
 * the decoded bytes, not the text. {@link #toString()} never shows the value, so a secret cannot reach a log by
 * accident.
 */
public final class SigningSecret {
    public static final String PREFIX = "whsec_";
    public static final int MIN_BYTES = 24;
    public static final int MAX_BYTES = 64;
    /** What ObitoX generates: 32 bytes, as long as an HMAC-SHA256 output (RFC 2104's recommended minimum). */
    public static final int GENERATED_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();
    private final String text;
    private final byte[] key;

    private SigningSecret(String text, byte[] key) {
        this.text = text;
        this.key = key;
    }

    public static SigningSecret generate() {
        byte[] key = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(key);
        return new SigningSecret(PREFIX + Base64.getEncoder().encodeToString(key), key);
    }

    /** Parses {@code whsec_<base64>}; rejects other forms and keys outside 24–64 bytes. */
    public static SigningSecret parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw invalid();
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw invalid();
        }
        return new SigningSecret(text, key);
    }

    private static ObitoxException invalid() {
        return new ObitoxException(
                "INVALID_WEBHOOK_SECRET",
                "A webhook signing secret must be 'whsec_' followed by the base64 of 24 to 64 bytes.",
                "Rotate the endpoint's secret to get a new one.");
    }

    /** The secret as the receiver configures it ({@code whsec_…}). Show it only to the user who asked for it. */
    public String reveal() {
        return text;
    }

    /** The HMAC key (a copy). */
    byte[] key() {
        return key.clone();
    }

    @Override
    public String toString() {
        return PREFIX + "…";
    }
}
