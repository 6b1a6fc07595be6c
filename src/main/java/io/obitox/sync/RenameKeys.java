package io.obitox.sync;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The key a {@code rename} upload goes to: {@code name (1).ext}, {@code name (2).ext}, … the first one that does not
 * exist. The number goes before the extension (compound ones such as {@code .tar.gz} kept whole), after the whole
 * name of a dotfile ({@code .env (1)}) or of a name without an extension, and never into a folder of the key
 * ({@code a.b/c} gives {@code a.b/c (1)}). Counting starts again from the original key, so renaming twice in a row
 * gives {@code (1)} then {@code (2)}, not {@code (1) (1)}. Stateless.
 */
public final class RenameKeys {
    private static final List<String> COMPOUND = List.of(".tar.gz", ".tar.bz2", ".tar.xz", ".tar.zst", ".tar.lz");
    private static final int MAX_TRIES = 100_000;

    private RenameKeys() {}

    /** The first free key, given which keys exist (e.g. {@code listing::contains}). */
    public static String firstFree(String key, Predicate<String> exists) {
        if (!exists.test(key)) {
            return key;
        }
        for (int n = 1; n <= MAX_TRIES; n++) {
            String candidate = numbered(key, n);
            if (!exists.test(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free name for '" + key + "' after " + MAX_TRIES + " tries");
    }

    /** {@code key} with {@code (n)} inserted before its extension. */
    public static String numbered(String key, int n) {
        if (key.isEmpty() || key.endsWith("/")) {
            throw new IllegalArgumentException("not an object key that can be renamed: '" + key + "'");
        }
        int slash = key.lastIndexOf('/');
        String folder = key.substring(0, slash + 1);
        String name = key.substring(slash + 1);
        int ext = extensionStart(name);
        return folder + name.substring(0, ext) + " (" + n + ")" + name.substring(ext);
    }

    /** Where the extension starts in a file name, or its length when it has none. */
    private static int extensionStart(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String c : COMPOUND) {
            if (lower.endsWith(c) && lower.length() > c.length()) {
                return name.length() - c.length();
            }
        }
        int dot = name.lastIndexOf('.');
        // a leading dot is a hidden file's name, not an extension; a trailing dot extends nothing
        return dot <= 0 || dot == name.length() - 1 ? name.length() : dot;
    }
}
