package io.obitox.presign;

import io.obitox.common.ObitoxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Network classes of the feature plan's table (the browser's {@code effectiveType} names), with the throughput a
 * link's expiry assumes for each when there is no measured history, or when the user picks one.
 */
public enum NetworkType {
    SLOW_2G("slow-2g", 50 * 1024),
    TWO_G("2g", 150 * 1024),
    THREE_G("3g", 750 * 1024),
    FOUR_G("4g", 5 * 1024 * 1024),
    WIFI("wifi", 15 * 1024 * 1024),
    UNKNOWN("unknown", 500 * 1024);

    private final String label;
    private final long bytesPerSecond;

    NetworkType(String label, long bytesPerSecond) {
        this.label = label;
        this.bytesPerSecond = bytesPerSecond;
    }

    /** The name as typed on the command line: {@code slow-2g}, {@code 2g}, … {@code wifi}, {@code unknown}. */
    public String label() {
        return label;
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Parses a {@link #label()} (case-insensitive); INVALID_NETWORK names the accepted values otherwise. */
    public static NetworkType parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (NetworkType n : values()) {
            if (n.label.equals(t) || n.name().equalsIgnoreCase(t)) {
                return n;
            }
        }
        throw new ObitoxException(
                "INVALID_NETWORK", "Unknown network type '" + text + "'.", "Use one of: " + labels() + ".");
    }

    public static String labels() {
        return Arrays.stream(values()).map(NetworkType::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label;
    }
}
