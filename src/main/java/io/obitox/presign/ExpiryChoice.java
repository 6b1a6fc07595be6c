package io.obitox.presign;

import io.obitox.common.ObitoxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Auto expiry (from size and throughput), or a fixed number of seconds that overrides it.
 *
 * @param fixedSeconds null for auto
 */
public record ExpiryChoice(Long fixedSeconds) {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,7})\\s*([smhd]?)");

    public static ExpiryChoice auto() {
        return new ExpiryChoice(null);
    }

    public static ExpiryChoice fixed(long seconds) {
        SmartExpiry.requireValidFixed(seconds);
        return new ExpiryChoice(seconds);
    }

    public boolean isAuto() {
        return fixedSeconds == null;
    }

    /**
     * Parses {@code auto} or a duration: plain seconds ({@code 3600}) or with a unit ({@code 90s}, {@code 15m},
     * {@code 12h}, {@code 7d}); INVALID_EXPIRY for anything else or outside 1 s to 7 days.
     */
    public static ExpiryChoice parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("auto")) {
            return auto();
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            throw new ObitoxException(
                    "INVALID_EXPIRY",
                    "'" + text + "' is not an expiry.",
                    "Use 'auto', a number of seconds (3600) or a duration such as 15m, 12h or 7d.");
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86_400;
            default -> 1;
        };
        return fixed(n * unit);
    }
}
