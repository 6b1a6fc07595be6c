package io.obitox.sync;

import java.util.regex.Pattern;

/**
 * One gitignore-style pattern, compiled once. Matched against a path relative to the dropped folder's root with
 * {@code /} separators and no leading slash. A pattern matches a path when it matches the path itself or one of its
 * ancestor folders (so {@code build/} covers everything below {@code build}).
 *
 * <p>Syntax: {@code *} (any run within a segment), {@code ?} (one character but {@code /}), {@code [abc]},
 * {@code [a-z]}, {@code [!a]} / {@code [^a]}, {@code **} as a whole segment (any number of folders), {@code \x} for a
 * literal x. A leading {@code /} or a {@code /} inside anchors the pattern to the root; otherwise it matches a name at
 * any depth. A trailing {@code /} matches folders only.
 *
 * <p>Immutable and thread-safe. Names without a slash (the common case: {@code Thumbs.db}, {@code *.tmp},
 * {@code ~$*}) are matched segment by segment without a regex where the pattern is a literal, a prefix or a suffix:
 * checking 100,000 paths against the default rules must cost milliseconds, not seconds.
 */
final class Glob {
    private final boolean dirOnly;
    private final boolean anchored;
    private final String literalPrefix; // anchored patterns: the leading segments that hold no wildcard
    // unanchored single-segment patterns: one of these three is set
    private final String exact;
    private final String prefix;
    private final String suffix;
    private final Pattern segment;
    // anchored (or multi-segment) patterns: the whole path
    private final Pattern whole;

    private Glob(String text) {
        String p = stripTrailingSpaces(text);
        boolean dir = false;
        while (p.endsWith("/") && !p.endsWith("\\/")) {
            dir = true;
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            throw new IllegalArgumentException("empty pattern '" + text + "'");
        }
        boolean lead = p.startsWith("/");
        if (lead) {
            p = p.substring(1);
        }
        while (!lead && p.startsWith("**/") && p.indexOf('/', 3) < 0 && p.length() > 3) {
            // "**/name" is "name at any depth": the segment matcher does that without a regex over the whole path
            p = p.substring(3);
        }
        this.dirOnly = dir;
        this.anchored = lead || p.contains("/");
        if (anchored) {
            this.whole = Pattern.compile(pathRegex(p));
            this.literalPrefix = literalPrefix(p);
            this.exact = null;
            this.prefix = null;
            this.suffix = null;
            this.segment = null;
        } else {
            this.whole = null;
            this.literalPrefix = "";
            String star = p.equals("**") ? "*" : p; // a bare ** is "anything", like *
            String body = star.length() > 1 ? star.substring(1) : "";
            String head = star.length() > 1 ? star.substring(0, star.length() - 1) : "";
            if (isLiteral(star)) {
                this.exact = unescape(star);
                this.prefix = null;
                this.suffix = null;
                this.segment = null;
            } else if (star.startsWith("*") && isLiteral(body)) {
                this.exact = null;
                this.prefix = null;
                this.suffix = unescape(body);
                this.segment = null;
            } else if (star.endsWith("*") && !star.endsWith("\\*") && isLiteral(head)) {
                this.exact = null;
                this.prefix = unescape(head);
                this.suffix = null;
                this.segment = null;
            } else {
                this.exact = null;
                this.prefix = null;
                this.suffix = null;
                this.segment = Pattern.compile(segmentRegex(star));
            }
        }
    }

    static Glob compile(String pattern) {
        return new Glob(pattern);
    }

    boolean dirOnly() {
        return dirOnly;
    }

    /**
     * Whether the pattern matches {@code path} or one of its ancestor folders. {@code isDirectory} says whether
     * {@code path} itself is a folder (a folder-only pattern matches a file only through an ancestor).
     */
    boolean matches(String path, boolean isDirectory) {
        if (anchored) {
            return matchesAnchored(path, isDirectory);
        }
        int start = 0;
        int n = path.length();
        while (start <= n) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? n : slash;
            boolean last = slash < 0;
            if ((!last || isDirectory || !dirOnly) && segmentMatches(path, start, end)) {
                return true;
            }
            if (last) {
                return false;
            }
            start = slash + 1;
        }
        return false;
    }

    private boolean matchesAnchored(String path, boolean isDirectory) {
        // whatever matches (the path or an ancestor) starts with the literal folders, so the path must too
        if (!path.startsWith(literalPrefix)) {
            return false;
        }
        var m = whole.matcher(path);
        if ((isDirectory || !dirOnly) && m.matches()) {
            return true;
        }
        // each ancestor folder, longest first: the pattern must match a whole prefix that ends before a slash
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            m.region(0, slash);
            if (m.matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether this pattern could match {@code dir} or something below it: false only when the pattern is anchored
     * and its literal leading folders lead elsewhere. Used to decide whether a folder may be skipped whole.
     */
    boolean couldMatchBelow(String dir) {
        if (!anchored || literalPrefix.isEmpty()) {
            return true;
        }
        String d = dir + "/";
        return d.startsWith(literalPrefix) || literalPrefix.startsWith(d);
    }

    private boolean segmentMatches(String path, int start, int end) {
        int len = end - start;
        if (exact != null) {
            return len == exact.length() && path.regionMatches(start, exact, 0, len);
        }
        if (suffix != null) {
            return len >= suffix.length() && path.regionMatches(end - suffix.length(), suffix, 0, suffix.length());
        }
        if (prefix != null) {
            return len >= prefix.length() && path.regionMatches(start, prefix, 0, prefix.length());
        }
        return segment.matcher(path).region(start, end).matches();
    }

    private static boolean isLiteral(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                return false;
            }
            if (c == '\\') {
                i++;
            }
        }
        return true;
    }

    /** The leading folders that hold no wildcard, e.g. {@code docs/api/} of {@code docs/api/*} or {@code docs/api/x}. */
    private static String literalPrefix(String p) {
        String[] segs = p.split("/", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < segs.length - 1; i++) {
            if (!isLiteral(segs[i]) || segs[i].contains("\\")) {
                break;
            }
            out.append(segs[i]).append('/');
        }
        return out.toString();
    }

    private static String unescape(String s) {
        return s.indexOf('\\') < 0 ? s : s.replaceAll("\\\\(.)", "$1");
    }

    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ' && (end < 2 || s.charAt(end - 2) != '\\')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** A pattern with slashes: {@code **} segments cross folders, everything else stays within one. */
    private static String pathRegex(String p) {
        String[] segs = p.split("/", -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < segs.length; i++) {
            boolean lastSeg = i == segs.length - 1;
            if (segs[i].equals("**")) {
                if (lastSeg) {
                    // "a/**": everything inside a (not a itself); the separator was written by the previous segment
                    re.append(".+");
                } else {
                    re.append("(?:.*/)?"); // zero or more folders
                }
            } else {
                re.append(segmentRegex(segs[i]));
                if (!lastSeg) {
                    re.append('/');
                }
            }
        }
        return re.toString();
    }

    /** One segment: {@code *} and {@code ?} never cross a {@code /}; other runs of stars count as one. */
    private static String segmentRegex(String s) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '*' -> {
                    while (i + 1 < s.length() && s.charAt(i + 1) == '*') {
                        i++;
                    }
                    re.append("[^/]*");
                }
                case '?' -> re.append("[^/]");
                case '[' -> i = charClass(s, i, re);
                case '\\' -> {
                    if (i + 1 < s.length()) {
                        re.append(Pattern.quote(String.valueOf(s.charAt(++i))));
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    /** Appends {@code [...]} starting at {@code open}; returns the index of its {@code ]} (an unclosed [ is literal). */
    private static int charClass(String s, int open, StringBuilder re) {
        int i = open + 1;
        boolean negate = i < s.length() && (s.charAt(i) == '!' || s.charAt(i) == '^');
        if (negate) {
            i++;
        }
        StringBuilder cls = new StringBuilder();
        boolean first = true;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ']' && !first) {
                re.append('[').append(negate ? "^/" : "").append(cls).append(']');
                return i;
            }
            first = false;
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            if (c == '-' && cls.length() > 0 && i + 1 < s.length() && s.charAt(i + 1) != ']') {
                cls.append('-');
            } else {
                // letters and digits as they are (\\d would be a class); the rest escaped so ^ [ & stay literal
                if (Character.isLetterOrDigit(c)) {
                    cls.append(c);
                } else {
                    cls.append('\\').append(c);
                }
            }
        }
        re.append(Pattern.quote("["));
        return open;
    }
}
