package io.obitox.sync;

import io.obitox.common.ObitoxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which files of a dropped folder are left out, and by which rule. Paths are relative to the folder's root, with
 * {@code /} separators and no leading slash.
 *
 * <p>Semantics (gitignore's, plus "only these" includes): rules are read in order (defaults, then
 * {@code --exclude-from} lines, then {@code --exclude}/{@code --include} in command-line order) and the <em>last</em>
 * rule that matches a path decides: an exclude leaves the file out, an include or a {@code !} re-include takes it
 * back. A rule matches a path when its pattern matches the path or one of its folders. When there is at least one
 * {@code --include} rule (not merely a {@code !} line), a file that no
 * rule matches is left out too, reported under {@link #NOT_INCLUDED}: {@code --include '*.jpg'} alone means "only
 * JPEGs" (rclone's meaning), and {@code --exclude '*' --include '*.jpg'} (the aws CLI's idiom) means the same. Unlike
 * git, an include may take back a file inside an excluded folder ({@code .git/} then {@code !.git/config}).
 *
 * <p>Immutable and thread-safe: patterns are compiled once when the rules are built.
 */
public final class ExcludeRules {
    /** The rule name reported for files left out because includes exist and none matched them. */
    public static final String NOT_INCLUDED = "not matched by any --include";

    /** The default excludes of the issue, each named by its pattern. */
    public static final List<String> DEFAULT_PATTERNS =
            List.of("**/.DS_Store", "Thumbs.db", "desktop.ini", "~$*", ".git/");

    private final List<Rule> rules;
    private final Glob[] globs;
    private final boolean anyInclude;

    private ExcludeRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.globs = new Glob[this.rules.size()];
        boolean inc = false;
        for (int i = 0; i < globs.length; i++) {
            Rule r = this.rules.get(i);
            try {
                globs[i] = Glob.compile(r.pattern());
            } catch (RuntimeException e) {
                throw new ObitoxException(
                        "INVALID_PATTERN",
                        "The pattern '" + r.pattern() + "' (" + r.origin() + ") cannot be used: " + e.getMessage()
                                + ".",
                        "Use gitignore syntax, e.g. *.tmp, build/, **/cache/**.",
                        e);
            }
            inc |= r.kind() == Rule.Kind.INCLUDE;
        }
        this.anyInclude = inc;
    }

    public static ExcludeRules of(List<Rule> rules) {
        return new ExcludeRules(rules);
    }

    /**
     * The rules of one upload in their order of precedence: the defaults (unless turned off), then the lines of each
     * {@code --exclude-from} file, then the command line's {@code --exclude}/{@code --include} in the order typed.
     */
    public static ExcludeRules assemble(boolean withDefaults, List<Path> excludeFrom, List<Rule> commandLine) {
        List<Rule> all = new ArrayList<>(withDefaults ? defaults() : List.of());
        for (Path f : excludeFrom) {
            all.addAll(readFile(f));
        }
        all.addAll(commandLine);
        return new ExcludeRules(all);
    }

    /** Nothing excluded. */
    public static ExcludeRules none() {
        return new ExcludeRules(List.of());
    }

    public static List<Rule> defaults() {
        return DEFAULT_PATTERNS.stream()
                .map(p -> new Rule(p, p, Rule.Kind.EXCLUDE, Rule.DEFAULT))
                .toList();
    }

    /** The rules of a gitignore-style file, each with origin {@code FILE:LINE}. */
    public static List<Rule> readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ObitoxException(
                    "FILE_NOT_FOUND", "The exclude file '" + file + "' does not exist.", "Check the path.", e);
        } catch (IOException e) {
            throw new ObitoxException(
                    "UNREADABLE",
                    "The exclude file '" + file + "' cannot be read: " + e.getMessage() + ".",
                    "Check the file; it must be UTF-8 text, one pattern a line.",
                    e);
        }
        List<Rule> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line =
                    i == 0 && lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(i);
            Rule r = Rule.parseLine(line, file.getFileName() + ":" + (i + 1));
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** What happens to one path. */
    public record Verdict(boolean excluded, Rule rule) {
        /** The name to report: "skipped by rule NAME"; null for a file that is kept by no rule at all. */
        public String ruleName() {
            return rule == null ? null : rule.name();
        }
    }

    private static final Rule NOT_INCLUDED_RULE = new Rule(NOT_INCLUDED, "**", Rule.Kind.EXCLUDE, "--include");
    private static final Verdict KEPT = new Verdict(false, null);

    /** The verdict for the file at {@code relPath}. */
    public Verdict check(String relPath) {
        return verdict(relPath, false);
    }

    /** The rule that leaves the file at {@code relPath} out, if one does. */
    public Optional<Rule> excludedBy(String relPath) {
        Verdict v = check(relPath);
        return v.excluded() ? Optional.of(v.rule()) : Optional.empty();
    }

    /**
     * Whether a walker may skip the folder at {@code relDir} and everything below it: true only when every file
     * below would be left out anyway (its last matching rule is an exclude and no later include could reach inside).
     */
    public boolean excludesDirectory(String relDir) {
        return directoryExcludedBy(relDir).isPresent();
    }

    /** The rule to report a skipped folder under ("skipped by rule NAME"), when {@link #excludesDirectory} holds. */
    public Optional<Rule> directoryExcludedBy(String relDir) {
        String dir = trimSlashes(relDir);
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        int decided = lastMatch(dir, true);
        if (decided >= 0 && rules.get(decided).keeps()) {
            return Optional.empty();
        }
        for (int i = decided + 1; i < globs.length; i++) {
            if (rules.get(i).keeps() && globs[i].couldMatchBelow(dir)) {
                return Optional.empty();
            }
        }
        if (decided >= 0) {
            return Optional.of(rules.get(decided));
        }
        // no rule names the folder: skipped whole only when includes exist and none can reach inside (checked above)
        return anyInclude ? Optional.of(NOT_INCLUDED_RULE) : Optional.empty();
    }

    private Verdict verdict(String relPath, boolean isDirectory) {
        String path = trimSlashes(relPath);
        int i = lastMatch(path, isDirectory);
        if (i >= 0) {
            Rule r = rules.get(i);
            return new Verdict(!r.keeps(), r);
        }
        return anyInclude ? new Verdict(true, NOT_INCLUDED_RULE) : KEPT;
    }

    private int lastMatch(String path, boolean isDirectory) {
        for (int i = globs.length - 1; i >= 0; i--) {
            if (globs[i].matches(path, isDirectory)) {
                return i;
            }
        }
        return -1;
    }

    /** The path of {@code file} below {@code root} as rules see it: {@code /} separators whatever the platform's. */
    public static String relativePath(Path root, Path file) {
        Path rel = root.relativize(file);
        StringBuilder out = new StringBuilder();
        for (Path part : rel) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
        }
        return out.toString();
    }

    private static String trimSlashes(String p) {
        String s = p;
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == '/') {
            a++;
        }
        while (b > a && s.charAt(b - 1) == '/') {
            b--;
        }
        return s.substring(a, b);
    }
}
