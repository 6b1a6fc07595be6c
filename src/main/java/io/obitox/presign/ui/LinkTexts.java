package io.obitox.presign.ui;

import io.obitox.common.Sizes;
import io.obitox.presign.PresignBatch;
import io.obitox.presign.PresignedLink;
import io.obitox.presign.SmartExpiry;
import io.obitox.presign.ThroughputEstimate;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Collectors;

/** The sentences the Links view shows about links and expiries. Pure. */
final class LinkTexts {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MMM d, HH:mm:ss", Locale.ENGLISH);

    private LinkTexts() {}

    /** {@code 1 h 00 min · until Nov 28, 14:05:00} in {@code zone}. */
    static String expiry(PresignedLink l, ZoneId zone) {
        return Sizes.duration(l.expiresInSeconds()) + " · until "
                + SHORT.format(l.expiresAt().atZone(zone));
    }

    /** The link, its expiry explanation, the headers to send and its warnings, one per line. */
    static String details(PresignedLink l) {
        StringBuilder sb = new StringBuilder();
        sb.append(l.method()).append(" s3://").append(l.bucket()).append('/').append(l.key());
        sb.append("\nExpiry: ").append(l.explanation().text());
        if (!l.headers().isEmpty()) {
            sb.append("\nThe uploader must send: ")
                    .append(l.headers().entrySet().stream()
                            .map(h -> h.getKey() + ": " + h.getValue())
                            .collect(Collectors.joining(", ")));
        }
        l.warnings().forEach(w -> sb.append("\n⚠ ").append(w));
        return sb.toString();
    }

    /** {@code Signed 12 link(s); they expire between … and ….} */
    static String signed(PresignBatch batch, ZoneId zone) {
        Instant first = batch.links().stream()
                .map(PresignedLink::expiresAt)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        Instant last = batch.links().stream()
                .map(PresignedLink::expiresAt)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        String when = first.equals(last)
                ? "they expire at " + TIME.format(first.atZone(zone))
                : "they expire between " + TIME.format(first.atZone(zone)) + " and " + TIME.format(last.atZone(zone));
        return "Signed " + batch.links().size() + " link(s); " + when + ".";
    }

    static String autoPreview(ThroughputEstimate e) {
        return "Auto: each link lasts its size ÷ " + e.describe() + " × " + SmartExpiry.BUFFER + ", at least "
                + SmartExpiry.MIN_SECONDS / 60 + " min, at most " + SmartExpiry.MAX_SECONDS / 86_400 + " days.";
    }

    static String fixedPreview(long seconds) {
        return "Fixed: every link lasts " + Sizes.duration(seconds)
                + ", unless the credentials that sign it expire first.";
    }
}
