package io.obitox.webhook;

import java.security.SecureRandom;

/**
 * Time-ordered unique ids in the ULID layout (48 bits of milliseconds, 80 random bits, Crockford base32) behind a
 * prefix: {@code msg_…} for deliveries (the {@code webhook-id} header), {@code ep_…} for endpoints. Thread-safe.
 */
final class Ids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    static String delivery(long epochMillis) {
        return "msg_" + ulid(epochMillis);
    }

    static String endpoint(long epochMillis) {
        return "ep_" + ulid(epochMillis);
    }

    static String ulid(long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        char[] out = new char[26];
        long time = epochMillis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        // 80 random bits as 16 base32 digits
        long hi = 0;
        for (int i = 0; i < 5; i++) {
            hi = (hi << 8) | (random[i] & 0xff);
        }
        long lo = 0;
        for (int i = 5; i < 10; i++) {
            lo = (lo << 8) | (random[i] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (hi & 31)];
            hi >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo >>>= 5;
        }
        return new String(out);
    }
}
