package io.obitox.validation;

import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * Object keys for uploads: the target prefix plus the file's path inside what was dropped, {@code /}-separated.
 * Empty, {@code .} and {@code ..} segments are always dropped (a key never climbs out of its prefix and never has
 * {@code //}); with sanitizing on, every segment goes through {@link FileNames#sanitize}.
 */
public final class ObjectKeys {
    /** S3's limit for a key, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;

    private ObjectKeys() {}

    /** The prefix in key form: no leading {@code /}, one trailing {@code /} unless empty. */
    public static String normalizePrefix(String prefix, boolean sanitize) {
        String joined = join(prefix == null ? "" : prefix.replace('\\', '/'), sanitize);
        return joined.isEmpty() ? "" : joined + "/";
    }

    /**
     * The key for a file at {@code relativePath} ({@code /}-separated, e.g. {@code photos/2024/a.jpg}) under
     * {@code prefix}. Does not check the length: see {@link #utf8Length}.
     */
    public static String key(String prefix, String relativePath, boolean sanitize) {
        String path = join(relativePath == null ? "" : relativePath, sanitize);
        if (path.isEmpty()) {
            path = FileNames.FALLBACK;
        }
        String normalized = normalizePrefix(prefix, sanitize);
        return normalized.isEmpty() ? path : normalized + path;
    }

    public static int utf8Length(String key) {
        return key.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String join(String path, boolean sanitize) {
        if (plainPath(path, sanitize)) {
            return path; // no segment to drop or change: the path is its own key (no copy per file of a big drop)
        }
        StringJoiner out = new StringJoiner("/");
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                continue;
            }
            out.add(sanitize ? FileNames.sanitize(segment) : segment);
        }
        return out.toString();
    }

    /**
     * True when {@link #join} would return {@code path} itself: no empty, {@code .} or {@code ..} segment and, with
     * sanitizing, every segment already what {@link FileNames#sanitize} makes of it.
     */
    private static boolean plainPath(String path, boolean sanitize) {
        int from = 0;
        int len = path.length();
        if (len == 0) {
            return false;
        }
        while (from <= len) {
            int slash = path.indexOf('/', from);
            int to = slash < 0 ? len : slash;
            int n = to - from;
            if (n == 0
                    || (n == 1 && path.charAt(from) == '.')
                    || (n == 2 && path.charAt(from) == '.' && path.charAt(from + 1) == '.')) {
                return false;
            }
            if (sanitize && !FileNames.plain(path, from, to)) {
                return false;
            }
            from = to + 1;
        }
        return true;
    }
}
