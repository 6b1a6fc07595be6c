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
            // one a line: a value may hold commas (Cache-Control, the tagging header)
            sb.append("\nThe uploader must send these headers, exactly as written:");
            l.headers()
                    .forEach((name, value) ->
                            sb.append("\n    ").append(name).append(": ").append(value));
        }
        l.warnings().forEach(w -> sb.append("\n⚠ ").append(w));
        return sb.toString();
    }

    /** "none", or "3 to send" for the links table; the tooltip lists them. */
    static String headerCount(PresignedLink l) {
        return l.headers().isEmpty() ? "none" : l.headers().size() + " to send";
    }

    /** {@code Name: value}, one a line; an SSE-C key is its placeholder (the service never lists the key). */
    static String headerLines(PresignedLink l) {
        return l.headers().entrySet().stream()
                .map(h -> h.getKey() + ": " + h.getValue())
                .collect(Collectors.joining("\n"));
    }

    /** The headers as curl options, one {@code -H '…'} a line, to paste after a curl command. */
    static String curlHeaders(PresignedLink l) {
        return l.headers().entrySet().stream()
                .map(h -> "-H " + shellQuoted(h.getKey() + ": " + h.getValue()))
                .collect(Collectors.joining(" \\\n"));
    }

    /**
     * A complete curl command: {@code curl -X PUT -T FILE -H … 'URL'} for an upload, {@code curl -o FILE … 'URL'} for
     * a download. {@code FILE} is the key's last segment, for the user to change.
     */
    static String curl(PresignedLink l) {
        String leaf = l.key().substring(l.key().lastIndexOf('/') + 1);
        String file = shellQuoted(leaf.isEmpty() ? "FILE" : leaf);
        StringBuilder sb = new StringBuilder("curl ");
        sb.append(l.method() == io.obitox.presign.LinkMethod.PUT ? "-X PUT -T " + file : "-o " + file);
        if (!l.headers().isEmpty()) {
            sb.append(" \\\n").append(curlHeaders(l));
        }
        return sb.append(" \\\n").append(shellQuoted(l.url())).toString();
    }

    /** In POSIX single quotes; a quote inside (Content-Disposition's {@code UTF-8''name}) as {@code '\''}. */
    static String shellQuoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** What the status line says after "Copy" of one link. */
    static String copied(LinkCopy what, PresignedLink l) {
        return switch (what) {
            case LINK -> copied(1);
            case HEADERS ->
                "Copied " + l.headers().size() + " header(s) as curl -H lines. The uploader must send them"
                        + " with the link, or the server refuses it.";
            case CURL ->
                "Copied a curl command with the link and its headers. Anyone holding it can use it until it"
                        + " expires.";
        };
    }

    /** What the status line says after copying {@code count} links. */
    static String copied(int count) {
        return count == 1
                ? "Copied the link. Anyone holding it can use it until it expires."
                : "Copied " + count + " links, one per line. Anyone holding them can use them until they expire.";
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
