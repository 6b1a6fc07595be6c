package io.obitox.validation;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * File names: extensions (as Windows reads them), hidden and system files, and sanitizing a name into one that is
 * safe on every desktop OS and as an S3 key segment.
 *
 * <p>{@link #sanitize} keeps the last path segment only; NFC-normalizes; removes control characters (C0, DEL, C1),
 * Unicode direction controls and invisible format characters, {@code < > : " | ? *} and trailing dots and spaces
 * (Windows drops them silently, so {@code evil.exe.} runs as {@code evil.exe}); prefixes Windows device names
 * ({@code CON}, {@code NUL}, {@code COM1}…, with or without extension) and a leading {@code -} with {@code _};
 * shortens to at most {@value #MAX_BYTES} bytes of UTF-8 keeping the extension and never splitting a character;
 * and never returns an empty name ({@value #FALLBACK}).
 */
public final class FileNames {
    /** The longest name (in UTF-8 bytes) common file systems accept. */
    public static final int MAX_BYTES = 255;

    /** The name used when nothing usable is left. */
    public static final String FALLBACK = "file";

    private static final Set<String> RESERVED = Set.of(
            "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
            "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8",
            "LPT9", "LPT¹", "LPT²", "LPT³");

    /** Files operating systems and tools drop into folders; treated like hidden files. */
    private static final Set<String> SYSTEM_FILES = Set.of(
            "thumbs.db",
            "ehthumbs.db",
            "ehthumbs_vista.db",
            "desktop.ini",
            "$recycle.bin",
            "system volume information",
            "__macosx",
            "icon\r");

    private static final int LONGEST_EXTENSION = 32;

    private FileNames() {}

    /** The name Windows would use: trailing dots and spaces dropped (used for every extension decision). */
    public static String effectiveName(String name) {
        int end = name.length();
        while (end > 0 && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
            end--;
        }
        return name.substring(0, end);
    }

    /** The extension in lower case without the dot ({@code photo.JPG} → {@code jpg}), or "" when there is none. */
    public static String extension(String name) {
        String n = effectiveName(stripInvisible(name));
        int dot = n.lastIndexOf('.');
        return dot < 0 || dot == n.length() - 1 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** True when the name ends with {@code .ext}, so multi-part extensions like {@code tar.gz} work. */
    public static boolean hasExtension(String name, String ext) {
        String n = effectiveName(stripInvisible(name)).toLowerCase(Locale.ROOT);
        String e = ext.startsWith(".") ? ext.substring(1) : ext;
        return !e.isEmpty() && n.endsWith("." + e.toLowerCase(Locale.ROOT));
    }

    /** Dot files and the litter of Windows and macOS (Thumbs.db, desktop.ini, __MACOSX, Icon\r). */
    public static boolean isHiddenOrSystem(String name) {
        return name.startsWith(".") || SYSTEM_FILES.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Length of the name in UTF-8 bytes. */
    public static int utf8Length(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Makes {@code name} safe; see the class comment for the rules. Never returns an empty string. */
    public static String sanitize(String name) {
        if (name == null) {
            return FALLBACK;
        }
        if (plain(name, 0, name.length())) {
            return name; // the common case, checked without copies: a 100,000-file drop sanitizes every segment
        }
        String n = name;
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = n.substring(slash + 1);
        n = Normalizer.normalize(n, Normalizer.Form.NFC);
        StringBuilder sb = new StringBuilder(n.length());
        n.codePoints().filter(cp -> !isUnsafe(cp)).forEach(sb::appendCodePoint);
        n = sb.toString().strip();
        n = effectiveName(n);
        if (n.isEmpty() || n.chars().allMatch(c -> c == '.')) {
            return FALLBACK;
        }
        if (isReserved(n)) {
            n = "_" + n;
        }
        if (n.startsWith("-")) {
            n = "_" + n;
        }
        return truncate(n);
    }

    /**
     * Whether {@link #sanitize} would return {@code name.substring(from, to)} unchanged, decided in one pass without
     * allocating for the common name: printable ASCII only (NFC leaves it alone, no code point is removed), no
     * leading or trailing space, no trailing dot, no leading {@code -}, at most {@value #MAX_BYTES} bytes, and not a
     * device name (looked up only when the part before the first dot is as long as one). Any thread.
     */
    static boolean plain(String name, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > MAX_BYTES || name.charAt(from) == ' ' || name.charAt(from) == '-') {
            return false;
        }
        char last = name.charAt(to - 1);
        if (last == ' ' || last == '.') {
            return false;
        }
        int dot = -1;
        for (int i = from; i < to; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c >= 0x7F || isUnsafe(c)) {
                return false;
            }
            if (c == '.' && dot < 0) {
                dot = i;
            }
        }
        int baseEnd = dot < 0 ? to : dot;
        while (baseEnd > from && name.charAt(baseEnd - 1) == ' ') {
            baseEnd--; // "CON .txt" is CON to Windows
        }
        int base = baseEnd - from;
        return !(base == 3 || base == 4 || base == 6 || base == 7) || !isReserved(name.substring(from, to));
    }

    /** True when the part before the first dot is a Windows device name (CON, nul.txt, Com1.tar.gz…). */
    static boolean isReserved(String name) {
        int dot = name.indexOf('.');
        String base = (dot < 0 ? name : name.substring(0, dot)).strip().toUpperCase(Locale.ROOT);
        return RESERVED.contains(base);
    }

    /** Bidirectional overrides, embeddings and isolates: they can make {@code gpj.exe} display as {@code exe.jpg}. */
    public static boolean isDirectionOverride(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    /** The first direction-control character of the name, or -1. */
    public static int firstDirectionOverride(String name) {
        return name.codePoints()
                .filter(FileNames::isDirectionOverride)
                .findFirst()
                .orElse(-1);
    }

    private static boolean isUnsafe(int cp) {
        return cp < 0x20
                || (cp >= 0x7F && cp <= 0x9F)
                || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)
                || cp == '<'
                || cp == '>'
                || cp == ':'
                || cp == '"'
                || cp == '|'
                || cp == '?'
                || cp == '*'
                || cp == '/'
                || cp == '\\'
                || isInvisible(cp);
    }

    /** Direction controls and marks, zero-width space, word joiner, BOM (ZWJ/ZWNJ stay: scripts and emoji use them). */
    private static boolean isInvisible(int cp) {
        return isDirectionOverride(cp)
                || cp == 0x200E
                || cp == 0x200F
                || cp == 0x061C
                || cp == 0x200B
                || cp == 0x2060
                || cp == 0xFEFF;
    }

    private static String stripInvisible(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (isInvisible(name.charAt(i))) {
                StringBuilder sb = new StringBuilder(name.length());
                name.codePoints().filter(cp -> !isInvisible(cp)).forEach(sb::appendCodePoint);
                return sb.toString();
            }
        }
        return name;
    }

    /** Shortens to {@link #MAX_BYTES} UTF-8 bytes, keeping a (short) extension and whole code points. */
    static String truncate(String name) {
        if (utf8Length(name) <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 ? name.substring(dot) : "";
        if (utf8Length(ext) > LONGEST_EXTENSION) {
            ext = "";
        }
        String base = ext.isEmpty() ? name : name.substring(0, dot);
        int budget = MAX_BYTES - utf8Length(ext);
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            int bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (used + bytes > budget) {
                break;
            }
            kept.appendCodePoint(cp);
            used += bytes;
            i += Character.charCount(cp);
        }
        String b = effectiveName(kept.toString()).strip();
        return (b.isEmpty() ? FALLBACK : b) + ext;
    }
}
