package io.obitox.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code webhook-signature} header of Standard Webhooks: {@code v1,} + base64(HMAC-SHA256(key, id + "." +
 * timestamp + "." + body)) for each active secret, space-separated (two during a key rotation). Stateless.
 */
public final class Signatures {
    private Signatures() {}

    public static String header(String webhookId, long timestampSeconds, byte[] body, List<SigningSecret> secrets) {
        StringBuilder sb = new StringBuilder();
        for (SigningSecret s : secrets) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append("v1,").append(sign(s, webhookId, timestampSeconds, body));
        }
        return sb.toString();
    }

    static String sign(SigningSecret secret, String webhookId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            mac.update((webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
