package io.obitox.webhook;

import io.obitox.common.ObitoxException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Checks a receiver URL before it is stored: http or https, a host, no credentials in it. Stateless. */
public final class EndpointUrls {
    private EndpointUrls() {}

    /** A usable URL and what the user should know about it. */
    public record Checked(URI uri, List<String> warnings) {}

    public static Checked check(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw invalid("The webhook URL is empty.", "Type the receiver's URL, e.g. https://example.com/hooks.");
        }
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw invalid(
                    "'" + t + "' is not a valid URL (" + e.getReason() + ").",
                    "Type a full URL such as https://example.com/hooks; encode spaces as %20.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw invalid(
                    "A webhook URL must start with https:// or http://, not '" + t + "'.",
                    "Type a full URL such as https://example.com/hooks.");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid(
                    "The webhook URL '" + t + "' has no valid host name.",
                    "Type a full URL such as https://example.com/hooks (letters, digits, dots and hyphens).");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid(
                    "The webhook URL contains a user name or password, which would be stored in plain text.",
                    "Remove the user:password@ part; receivers check the webhook-signature header instead.");
        }
        if (uri.getRawFragment() != null) {
            throw invalid("The webhook URL has a #fragment, which is never sent.", "Remove the # part.");
        }
        List<String> warnings = new ArrayList<>();
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            warnings.add("Plain http to " + uri.getHost() + ": payloads travel unencrypted and can be read on the "
                    + "way. Use https unless the receiver is on this machine.");
        }
        if (uri.getRawQuery() != null) {
            warnings.add("The URL's query is stored as typed; do not put tokens in it (the signature proves "
                    + "the sender).");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        try {
            URI normal = new URI(scheme + "://" + uri.getRawAuthority() + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            return new Checked(normal, List.copyOf(warnings));
        } catch (URISyntaxException e) {
            throw invalid("'" + t + "' is not a valid URL.", "Type a full URL such as https://example.com/hooks.");
        }
    }

    /** localhost, 127.0.0.0/8 and ::1; names are not looked up (no DNS when checking input). */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost")
                || h.endsWith(".localhost")
                || h.matches("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}")
                || h.equals("::1")
                || h.matches("(0{1,4}:){7}0{0,3}1");
    }

    private static ObitoxException invalid(String message, String fix) {
        return new ObitoxException("INVALID_WEBHOOK_URL", message, fix);
    }
}
