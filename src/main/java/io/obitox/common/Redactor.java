package io.obitox.common;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is logged or shown: presigned signatures and session tokens in URLs,
 * SigV4 Authorization signatures, webhook signing secrets and secret-key assignments. Applied by the log layout to
 * every line, and by code that echoes URLs.
 */
public final class Redactor {
    private static final String MASK = "REDACTED";
    private static final Pattern QUERY_SECRET = Pattern.compile(
            "(?i)((?:X-Amz-Signature|X-Amz-Security-Token|X-Amz-Credential|Signature|AWSAccessKeyId)=)[^&\\s\"'<>]+");
    private static final Pattern AUTH_SIGNATURE = Pattern.compile("(?i)(Signature=)[0-9a-f]{16,}");
    private static final Pattern WEBHOOK_SECRET = Pattern.compile("whsec_[A-Za-z0-9+/=]+");
    private static final Pattern WEBHOOK_SIGNATURE = Pattern.compile("(v1,)[A-Za-z0-9+/=]{20,}");
    /** The session token as an HTTP header ({@code x-amz-security-token: …}), e.g. in a wire log. */
    private static final Pattern TOKEN_HEADER = Pattern.compile("(?i)(x-amz-security-token\\s*:\\s*)[^\\s,;]+");

    private static final Pattern KEY_ASSIGNMENT = Pattern.compile(
            "(?i)((?:aws_secret_access_key|aws_session_token|secret[_-]?key|secretAccessKey|sessionToken|password)"
                    // the optional quote after the name covers JSON: "secretAccessKey":"…"
                    + "\"?\\s*[=:]\\s*\"?)[^\\s\",}]+");

    private Redactor() {}

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = replace(QUERY_SECRET, text, "$1" + MASK);
        out = replace(AUTH_SIGNATURE, out, "$1" + MASK);
        out = replace(WEBHOOK_SECRET, out, "whsec_" + MASK);
        out = replace(WEBHOOK_SIGNATURE, out, "$1" + MASK);
        out = replace(TOKEN_HEADER, out, "$1" + MASK);
        return replace(KEY_ASSIGNMENT, out, "$1" + MASK);
    }

    private static String replace(Pattern pattern, String text, String replacement) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.replaceAll(replacement) : text;
    }
}
