package io.obitox.common;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Human-readable sizes, rates and durations, and parsing of sizes such as {@code 16M} or {@code 1.5GiB}. */
public final class Sizes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    private static final Pattern SIZE = Pattern.compile("(?i)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([kmgtp]?)(i?b?)\\s*");

    private Sizes() {}

    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        // Step up while the shown (rounded) number would read 1024 or more, so 1048575 B is "1.0 MiB", not "1024 KiB".
        while (unit < UNITS.length - 1 && Math.round(value) >= 1024) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value >= 99.95 ? "%.0f %s" : "%.1f %s", value, UNITS[unit]);
    }

    public static String rate(double bytesPerSecond) {
        if (bytesPerSecond <= 0 || Double.isNaN(bytesPerSecond)) {
            return "–";
        }
        return bytes((long) bytesPerSecond) + "/s";
    }

    public static String duration(long seconds) {
        if (seconds < 0) {
            return "–";
        }
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%d d %d h", seconds / 86_400, (seconds % 86_400) / 3600);
    }

    /** Parses {@code 123}, {@code 16M}, {@code 16MiB}, {@code 1.5G}; binary multiples (M = 1024 × 1024). */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new NotASize(text);
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        // indexOf("") is 0, so a plain number must not go through the lookup (it would count as KiB)
        int power = unit.isEmpty() ? 0 : "kmgtp".indexOf(unit) + 1;
        double bytes = number * Math.pow(1024, power);
        if (bytes >= 0x1p63) {
            throw new IllegalArgumentException("Too large: '" + text + "'. Use a size below 8 EiB, e.g. 16M.");
        }
        return (long) bytes;
    }

    /** A text that is not a size; {@link #text()} says so in the user's language, {@code getMessage()} in English. */
    public static final class NotASize extends IllegalArgumentException {
        private final transient TextRef text;

        NotASize(String input) {
            this(TextRef.of("svc.size.invalid", String.valueOf(input)));
        }

        private NotASize(TextRef text) {
            super(text.english());
            this.text = text;
        }

        public TextRef text() {
            return text;
        }
    }
}
