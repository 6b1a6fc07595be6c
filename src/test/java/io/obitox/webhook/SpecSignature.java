package io.obitox.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent implementation of the Standard Webhooks verification, written from the spec (not from ObitoX's
 * code): strip {@code whsec_}, base64-decode the key, HMAC-SHA256 over {@code id.timestamp.body}, compare with each
 * space-separated {@code v1,} signature in constant time.
 */
final class SpecSignature {
    private SpecSignature() {}

    static boolean verifies(String secret, String id, String timestamp, String body, String header) {
        return matchCount(secret, id, timestamp, body, header) > 0;
    }

    static int matchCount(String secret, String id, String timestamp, String body, String header) {
        byte[] expected = expected(secret, id, timestamp, body);
        int matches = 0;
        for (String candidate : header.split(" ")) {
            String[] parts = candidate.split(",", 2);
            if (parts.length == 2 && parts[0].equals("v1")) {
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(parts[1]);
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (MessageDigest.isEqual(expected, given)) {
                    matches++;
                }
            }
        }
        return matches;
    }

    private static byte[] expected(String secret, String id, String timestamp, String body) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
