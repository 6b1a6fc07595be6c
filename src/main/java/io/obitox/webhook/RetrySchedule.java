package io.obitox.webhook;

import io.obitox.common.ObitoxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When to try a delivery: the n-th entry is the wait before attempt n (the first is usually 0, "at once"). After the
 * last entry the delivery is dead. Waits get ±20 % jitter so that a receiver coming back is not hit by every retry
 * at the same second. Immutable.
 */
public record RetrySchedule(List<Duration> delays) {
    // before the presets: static fields initialise in order
    private static final Pattern ITEM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h|d)?");
    private static final double JITTER = 0.2;

    /** Svix's schedule: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (about 27.6 hours in all). */
    public static final RetrySchedule STANDARD = of("0,5s,5m,30m,2h,5h,10h,10h");
    /** The feature plan's quick schedule: at once, then 1 s, 5 s and 30 s. */
    public static final RetrySchedule QUICK = of("0,1s,5s,30s");

    public RetrySchedule {
        if (delays.isEmpty() || delays.size() > 50) {
            throw new IllegalArgumentException("1 to 50 attempts");
        }
        delays = List.copyOf(delays);
    }

    public int maxAttempts() {
        return delays.size();
    }

    /** The wait after {@code failedAttempts} failures, jittered; empty when the schedule is used up. */
    public java.util.Optional<Duration> nextDelay(int failedAttempts) {
        if (failedAttempts >= delays.size()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(jitter(delays.get(Math.max(0, failedAttempts))));
    }

    static Duration jitter(Duration d) {
        if (d.isZero()) {
            return d;
        }
        double factor = 1 - JITTER + ThreadLocalRandom.current().nextDouble() * 2 * JITTER;
        return Duration.ofMillis(Math.max(1, Math.round(d.toMillis() * factor)));
    }

    /** {@code standard}, {@code quick}, or a comma-separated list such as {@code 0,5s,5m,2h}. */
    public static RetrySchedule parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("standard") || t.equals("default")) {
            return STANDARD;
        }
        if (t.equals("quick")) {
            return QUICK;
        }
        try {
            return of(t);
        } catch (IllegalArgumentException e) {
            throw new ObitoxException(
                    "INVALID_RETRY_SCHEDULE",
                    "'" + text + "' is not a retry schedule.",
                    "Use 'standard', 'quick', or waits such as 0,5s,5m,30m,2h (1 to 50 of them; ms, s, m, h, d).");
        }
    }

    /** One wait such as {@code 15s}, {@code 500ms}, {@code 2h} (seconds when no unit is given). */
    public static Duration parseDuration(String text) {
        try {
            return duration(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ObitoxException(
                    "INVALID_DURATION",
                    "'" + text + "' is not a duration.",
                    "Use a number with ms, s, m, h or d, e.g. 15s or 24h.");
        }
    }

    private static RetrySchedule of(String list) {
        List<Duration> out = new ArrayList<>();
        for (String part : list.split(",")) {
            out.add(duration(part.trim()));
        }
        return new RetrySchedule(out);
    }

    private static Duration duration(String part) {
        Matcher m = ITEM.matcher(part);
        if (!m.matches()) {
            throw new IllegalArgumentException(part);
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        long millis = Math.round(value
                * switch (unit) {
                    case "ms" -> 1L;
                    case "s" -> 1_000L;
                    case "m", "min" -> 60_000L;
                    case "h" -> 3_600_000L;
                    default -> 86_400_000L;
                });
        return Duration.ofMillis(millis);
    }

    /** The list form, e.g. {@code 0,5s,5m,30m} (what {@link #parse} reads back). */
    public String format() {
        List<String> parts = new ArrayList<>();
        for (Duration d : delays) {
            parts.add(formatDuration(d));
        }
        return String.join(",", parts);
    }

    /** {@code 0}, {@code 250ms}, {@code 15s}, {@code 5m}, {@code 2h}, {@code 1d}. */
    public static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0";
        }
        if (ms % 86_400_000L == 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
