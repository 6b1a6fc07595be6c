package io.obitox.presign.ui;

import io.obitox.common.Messages;
import io.obitox.common.Sizes;
import io.obitox.presign.PresignBatch;
import io.obitox.presign.PresignedLink;
import io.obitox.presign.SmartExpiry;
import io.obitox.presign.ThroughputEstimate;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * The sentences the Links view shows about links and expiries, in the user's language. Pure; the curl texts are
 * shell syntax and not translated.
 */
final class LinkTexts {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Messages messages;
    private final DateTimeFormatter shortTime;

    LinkTexts(Messages messages) {
        this.messages = messages;
        this.shortTime = DateTimeFormatter.ofPattern("MMM d, HH:mm:ss", messages.locale());
    }

    /** {@code 1 h 00 min · until Nov 28, 14:05:00} in {@code zone}. */
    String expiry(PresignedLink l, ZoneId zone) {
        return messages.get(
                "links.texts.expiry",
                Sizes.duration(l.expiresInSeconds()),
                shortTime.format(l.expiresAt().atZone(zone)));
    }

    /** The link, its expiry explanation, the headers to send and its warnings, one per line. */
    String details(PresignedLink l) {
        StringBuilder sb = new StringBuilder();
        sb.append(l.method()).append(" s3://").append(l.bucket()).append('/').append(l.key());
        sb.append('\n')
                .append(messages.get(
                        "links.texts.expiryLine",
                        messages.render(l.explanation().textRef())));
        if (!l.headers().isEmpty()) {
            // one a line: a value may hold commas (Cache-Control, the tagging header)
            sb.append('\n').append(messages.get("links.texts.mustSendExactly"));
            l.headers()
                    .forEach((name, value) ->
                            sb.append("\n    ").append(name).append(": ").append(value));
        }
        l.warnings().forEach(w -> sb.append("\n⚠ ").append(w));
        return sb.toString();
    }

    /** "none", or "3 to send" for the links table; the tooltip lists them. */
    String headerCount(PresignedLink l) {
        return l.headers().isEmpty()
                ? messages.get("links.texts.noHeaders")
                : messages.get("links.texts.toSend", l.headers().size());
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
    String copied(LinkCopy what, PresignedLink l) {
        return switch (what) {
            case LINK -> copied(1);
            case HEADERS ->
                messages.get("links.texts.copiedHeaders", l.headers().size());
            case CURL -> messages.get("links.texts.copiedCurl");
        };
    }

    /** What the status line says after copying {@code count} links. */
    String copied(int count) {
        return count == 1 ? messages.get("links.texts.copiedOne") : messages.get("links.texts.copiedMany", count);
    }

    /** {@code Signed 12 link(s); they expire between … and ….} */
    String signed(PresignBatch batch, ZoneId zone) {
        Instant first = batch.links().stream()
                .map(PresignedLink::expiresAt)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        Instant last = batch.links().stream()
                .map(PresignedLink::expiresAt)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        return first.equals(last)
                ? messages.get("links.texts.signedAt", batch.links().size(), TIME.format(first.atZone(zone)))
                : messages.get(
                        "links.texts.signedBetween",
                        batch.links().size(),
                        TIME.format(first.atZone(zone)),
                        TIME.format(last.atZone(zone)));
    }

    String autoPreview(ThroughputEstimate e) {
        return messages.get(
                "links.texts.autoPreview",
                messages.render(e.describeText()),
                String.valueOf(SmartExpiry.BUFFER),
                SmartExpiry.MIN_SECONDS / 60,
                SmartExpiry.MAX_SECONDS / 86_400);
    }

    /** The auto preview when the measured history could not be read. */
    String autoFailed(String reason) {
        return messages.get("links.texts.autoFailed", reason);
    }

    String fixedPreview(long seconds) {
        return messages.get("links.texts.fixedPreview", Sizes.duration(seconds));
    }
}
