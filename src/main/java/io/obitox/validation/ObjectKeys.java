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
        return normalizePrefix(prefix, sanitize) + path;
    }

    public static int utf8Length(String key) {
        return key.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String join(String path, boolean sanitize) {
        StringJoiner out = new StringJoiner("/");
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                continue;
            }
            out.add(sanitize ? FileNames.sanitize(segment) : segment);
        }
        return out.toString();
    }
}
