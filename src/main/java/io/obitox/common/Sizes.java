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
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, UNITS[unit]);
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
            throw new IllegalArgumentException(
                    "Not a size: '" + text + "'. Use a number with an optional unit, e.g. 16M.");
        }
        double number = Double.parseDouble(m.group(1));
        int power = "kmgtp".indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
        return (long) (number * Math.pow(1024, power));
    }
}
