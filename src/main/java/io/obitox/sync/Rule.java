package io.obitox.sync;

import java.util.Objects;

/**
 * One exclude or include rule: a gitignore-style pattern and the name a skipped file is reported under ("skipped by
 * rule NAME"). The name is the pattern as written unless one is given (a settings entry may carry a label).
 *
 * @param name what reports call the rule
 * @param pattern the pattern, without the {@code !} of a re-include line
 * @param kind exclude, include ({@code --include}: "only these") or re-include ({@code !pattern}: takes back only)
 * @param origin where it came from, for the "which rule matches" test field: {@code default}, {@code --exclude},
 *     {@code --include}, or {@code FILE:LINE}
 */
public record Rule(String name, String pattern, Kind kind, String origin) {
    public static final String DEFAULT = "default";

    /**
     * What a matching rule does. An {@link #INCLUDE} (from {@code --include}) also means "only what includes match":
     * see {@link ExcludeRules}. A {@link #REINCLUDE} ({@code !pattern} in a gitignore-style list) only takes back
     * files an earlier rule left out, as in git, so an exclude file with a {@code !} line does not turn into an
     * allow-list.
     */
    public enum Kind {
        EXCLUDE,
        INCLUDE,
        REINCLUDE
    }

    public Rule {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(origin, "origin");
        name = name == null || name.isBlank() ? pattern : name;
    }

    public static Rule exclude(String pattern) {
        return new Rule(pattern, pattern, Kind.EXCLUDE, "--exclude");
    }

    public static Rule include(String pattern) {
        return new Rule(pattern, pattern, Kind.INCLUDE, "--include");
    }

    /** What a report says of a file or folder this rule left out. */
    public String skippedMessage() {
        return "skipped by rule " + name;
    }

    /** Whether a match keeps the file (an include or a re-include). */
    public boolean keeps() {
        return kind != Kind.EXCLUDE;
    }

    /**
     * One line of a gitignore-style file: blank lines and {@code #} comments give null; {@code !p} is an include
     * (re-include) named {@code !p}; {@code \#} and {@code \!} start a pattern with a literal {@code #} or {@code !}.
     */
    public static Rule parseLine(String line, String origin) {
        String t = line.strip().isEmpty() ? "" : stripLeading(line);
        if (t.isEmpty() || t.startsWith("#")) {
            return null;
        }
        if (t.startsWith("!")) {
            String p = t.substring(1);
            return p.isBlank() ? null : new Rule(t, p, Kind.REINCLUDE, origin);
        }
        if (t.startsWith("\\#") || t.startsWith("\\!")) {
            return new Rule(t, t.substring(1), Kind.EXCLUDE, origin);
        }
        return new Rule(t, t, Kind.EXCLUDE, origin);
    }

    // trailing spaces belong to Glob (an escaped one is part of the name); leading ones are never meant
    private static String stripLeading(String line) {
        String t = line.stripLeading();
        return t.endsWith("\r") ? t.substring(0, t.length() - 1) : t;
    }
}
