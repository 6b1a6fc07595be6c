package io.obitox.validation.detect;

import static io.obitox.validation.detect.Bytes.at;

/**
 * Text, and the text formats worth telling apart by content (HTML, XML, SVG, JSON, RTF, PostScript, vCard, iCalendar).
 * Plain text is refined by the file name later ({@code .csv} → text/csv), the way Tika does it.
 */
final class TextSniffer {
    private TextSniffer() {}

    /**
     * True for bytes that read as text: no NUL, and at most 1 % other control characters (tab, line breaks, form feed
     * and escape are text). Bytes above 127 are allowed (UTF-8 and the legacy 8-bit encodings).
     */
    static boolean looksLikeText(byte[] h, int n) {
        if (n >= 2 && ((h[0] == (byte) 0xFF && h[1] == (byte) 0xFE) || (h[0] == (byte) 0xFE && h[1] == (byte) 0xFF))) {
            return true; // UTF-16 with a byte-order mark
        }
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = h[i] & 0xFF;
            if (b < 0x20) {
                if (b == 0) {
                    return false;
                }
                if (b != '\t' && b != '\n' && b != '\r' && b != 0x0C && b != 0x1B) {
                    control++;
                }
            } else if (b == 0x7F) {
                control++;
            }
        }
        return control * 100 <= n;
    }

    /** @param complete whether {@code h} holds the whole file (then JSON must also end like JSON) */
    static DetectedType sniff(byte[] h, int n, boolean complete) {
        if (n == 0 || !looksLikeText(h, n)) {
            return null;
        }
        if (n >= 2 && (h[0] == (byte) 0xFF || h[0] == (byte) 0xFE)) {
            return DetectedType.of("text/plain", "detect.textUtf16");
        }
        int i = at(h, n, 0, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        while (i < n && isSpace(h[i])) {
            i++;
        }
        if (i >= n) {
            return DetectedType.of("text/plain", "detect.text");
        }
        if (h[i] == '<') {
            return markup(h, n, i);
        }
        if (h[i] == '{' || h[i] == '[') {
            if (at(h, n, i, "{\\rtf")) {
                return DetectedType.of("application/rtf", "detect.richTextFormatDocument");
            }
            if (json(h, n, i, complete)) {
                return DetectedType.of("application/json", "detect.jsonData");
            }
        }
        if (at(h, n, i, "%!PS")) {
            return DetectedType.of("application/postscript", "detect.postscriptDocument");
        }
        if (startsWithIgnoreCase(h, n, i, "BEGIN:VCARD")) {
            return DetectedType.of("text/x-vcard", "detect.vcardContact");
        }
        if (startsWithIgnoreCase(h, n, i, "BEGIN:VCALENDAR")) {
            return DetectedType.of("text/calendar", "detect.icalendarData");
        }
        if (csv(h, n, i, complete)) {
            return DetectedType.of("text/csv", "detect.csvData");
        }
        return DetectedType.of("text/plain", "detect.text");
    }

    /**
     * Comma-, semicolon- or tab-separated values: at least two lines, every line (up to 50) with the same number of
     * separators outside quotes; with only two lines at least three columns, so two lines of prose are not a table.
     */
    private static boolean csv(byte[] h, int n, int start, boolean complete) {
        int end = n;
        if (!complete) {
            while (end > start && h[end - 1] != '\n') {
                end--; // judge whole lines only
            }
        }
        for (byte sep : new byte[] {',', ';', '\t'}) {
            int lines = 0;
            int expected = -1;
            int count = 0;
            int length = 0;
            boolean quoted = false;
            boolean table = true;
            for (int k = start; k < end && lines < 50; k++) {
                byte b = h[k];
                if (b == '"') {
                    quoted = !quoted;
                } else if (b == sep && !quoted) {
                    count++;
                } else if (b == '\n' && !quoted) {
                    if (length > 0) {
                        if (count == 0 || (expected >= 0 && count != expected)) {
                            table = false;
                            break;
                        }
                        expected = count;
                        lines++;
                    }
                    count = 0;
                    length = 0;
                    continue;
                }
                if (b != '\r') {
                    length++;
                }
            }
            if (table && length > 0 && lines < 50 && complete) {
                // a last line without a line break
                table = count == expected;
                lines++;
            }
            if (table && lines >= 2 && (lines > 2 || expected >= 2)) {
                return true;
            }
        }
        return false;
    }

    private static DetectedType markup(byte[] h, int n, int i) {
        int window = Math.min(n, i + 4096);
        if (at(h, n, i, "<?xml")) {
            if (indexOfIgnoreCase(h, i, window, "<svg") >= 0) {
                return DetectedType.of("image/svg+xml", "detect.svgImage");
            }
            if (indexOfIgnoreCase(h, i, window, "<html") >= 0) {
                return DetectedType.of("application/xhtml+xml", "detect.xhtmlDocument");
            }
            return DetectedType.of("application/xml", "detect.xmlDocument");
        }
        if (startsWithIgnoreCase(h, n, i, "<svg") || startsWithIgnoreCase(h, n, i, "<!DOCTYPE svg")) {
            return DetectedType.of("image/svg+xml", "detect.svgImage");
        }
        if (startsWithIgnoreCase(h, n, i, "<!DOCTYPE html")
                || indexOfIgnoreCase(h, i, window, "<html") >= 0
                || indexOfIgnoreCase(h, i, window, "<head") >= 0
                || indexOfIgnoreCase(h, i, window, "<body") >= 0) {
            return DetectedType.of("text/html", "detect.htmlDocument");
        }
        if (indexOfIgnoreCase(h, i, window, "<svg") >= 0) {
            return DetectedType.of("image/svg+xml", "detect.svgImage");
        }
        return DetectedType.of("text/plain", "detect.text");
    }

    /** A JSON object or array: {@code {"} / {@code {}} or {@code [} followed by a value, and a matching end. */
    private static boolean json(byte[] h, int n, int i, boolean complete) {
        byte open = h[i];
        int j = i + 1;
        while (j < n && isSpace(h[j])) {
            j++;
        }
        if (j >= n) {
            return false;
        }
        byte next = h[j];
        boolean plausible = open == '{'
                ? next == '"' || next == '}'
                : next == '{'
                        || next == '['
                        || next == '"'
                        || next == ']'
                        || next == '-'
                        || next == 't'
                        || next == 'f'
                        || next == 'n'
                        || (next >= '0' && next <= '9');
        if (!plausible) {
            return false;
        }
        int end = n - 1;
        while (end > j && isSpace(h[end])) {
            end--;
        }
        // Only a complete file can be checked for its closing bracket; a longer file is judged by its start.
        return h[end] == (open == '{' ? '}' : ']') || !complete;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0C;
    }

    private static boolean startsWithIgnoreCase(byte[] h, int n, int off, String s) {
        if (off + s.length() > n) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (Character.toLowerCase((char) (h[off + k] & 0xFF)) != Character.toLowerCase(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfIgnoreCase(byte[] h, int from, int to, String s) {
        for (int k = from; k + s.length() <= to; k++) {
            if (h[k] == '<' && startsWithIgnoreCase(h, to, k, s)) {
                return k;
            }
        }
        return -1;
    }
}
