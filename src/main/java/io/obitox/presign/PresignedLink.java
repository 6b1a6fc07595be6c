package io.obitox.presign;

import io.obitox.common.Redactor;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A signed link and what its holder needs to use it. The URL is a secret (anyone holding it can use it until it
 * expires): {@link #toString()} redacts it, so a stray log line never carries it.
 *
 * @param headers the headers the caller must send with exactly these values (signed), e.g. Content-Type
 * @param expiresAt when the link stops working (the earlier of its own expiry and its credentials')
 * @param warnings what the user should know about this link (credentials expiring first, unknown size …)
 */
public record PresignedLink(
        String bucket,
        String key,
        LinkMethod method,
        String url,
        Map<String, String> headers,
        Instant expiresAt,
        long expiresInSeconds,
        ExpiryExplanation explanation,
        List<String> warnings) {

    public PresignedLink {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        warnings = List.copyOf(warnings);
    }

    /** The URL with its signature and credentials masked, for display where it could be seen or logged. */
    public String redactedUrl() {
        return Redactor.redact(url);
    }

    @Override
    public String toString() {
        return "PresignedLink[" + method + " s3://" + bucket + "/" + key + " " + redactedUrl() + " expires " + expiresAt
                + "]";
    }
}
