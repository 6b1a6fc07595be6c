package io.obitox.common;

/**
 * Makes text from servers and files safe to print on a terminal: control characters (C0, DEL, C1, including ESC) and
 * Unicode direction controls become visible escapes (backslash-e for ESC, backslash-n, backslash-u009B for U+009B,
 * backslash-u202E for U+202E), so an object key holding ESC ] 0 ; pwned BEL cannot retitle or redraw the terminal,
 * and a file named report, U+202E, txt.pdf is not shown reversed as "reportfdp.txt". Backslashes are left alone, so
 * escaping twice changes nothing; the escaped form is for reading, JSON output keeps the exact value.
 */
public final class TerminalText {
    private TerminalText() {}

    /** Every control escaped, line breaks included: for one value (a key, a file name, a table cell). */
    public static String escape(String text) {
        return escape(text, false);
    }

    /** The same, keeping {@code \n}: for whole messages and lines a command built from several values. */
    public static String escapeLines(String text) {
        return escape(text, true);
    }

    /** True for the characters {@link #escape} replaces. */
    public static boolean isUnsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || isDirectionControl(c);
    }

    private static boolean isDirectionControl(char c) {
        return (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200E'
                || c == '\u200F'
                || c == '\u061C';
    }

    private static String escape(String text, boolean keepNewlines) {
        if (text == null) {
            return null;
        }
        int first = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isUnsafe(c) && !(keepNewlines && c == '\n')) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return text; // the common case: no copy
        }
        StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isUnsafe(c) || (keepNewlines && c == '\n')) {
                sb.append(c);
                continue;
            }
            switch (c) {
                case 0 -> sb.append("\\0");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case 0x0b -> sb.append("\\v");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                case 0x1b -> sb.append("\\e");
                default -> sb.append(String.format("\\u%04X", (int) c));
            }
        }
        return sb.toString();
    }
}
