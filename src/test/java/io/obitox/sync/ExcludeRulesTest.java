package io.obitox.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ExcludeRulesTest {

    private static ExcludeRules excluding(String... patterns) {
        return ExcludeRules.of(Stream.of(patterns).map(Rule::exclude).toList());
    }

    private static String skippedBy(ExcludeRules rules, String path) {
        return rules.excludedBy(path).map(Rule::name).orElse(null);
    }

    @Test
    void defaultsLeaveOutTheUsualJunkByName() {
        ExcludeRules d = ExcludeRules.of(ExcludeRules.defaults());
        assertThat(skippedBy(d, ".DS_Store")).isEqualTo("**/.DS_Store");
        assertThat(skippedBy(d, "photos/2024/.DS_Store")).isEqualTo("**/.DS_Store");
        assertThat(skippedBy(d, "a/Thumbs.db")).isEqualTo("Thumbs.db");
        assertThat(skippedBy(d, "desktop.ini")).isEqualTo("desktop.ini");
        assertThat(skippedBy(d, "docs/~$report.docx")).isEqualTo("~$*");
        assertThat(skippedBy(d, ".git/config")).isEqualTo(".git/");
        assertThat(skippedBy(d, "sub/.git/objects/ab/cdef")).isEqualTo(".git/");
        // near misses are kept
        assertThat(skippedBy(d, "DS_Store")).isNull();
        assertThat(skippedBy(d, "Thumbs.db.bak")).isNull();
        assertThat(skippedBy(d, "my~$file")).isNull();
        assertThat(skippedBy(d, ".gitignore")).isNull();
        assertThat(skippedBy(d, ".git"))
                .as(".git/ matches folders only; a file named .git is kept")
                .isNull();
        assertThat(d.rules()).allSatisfy(r -> assertThat(r.origin()).isEqualTo("default"));
    }

    @Test
    void starsQuestionMarksAndClassesStayWithinOneSegment() {
        ExcludeRules r = excluding("*.tmp", "file?.txt", "[abc]x.log", "[!0-9]y.dat");
        assertThat(skippedBy(r, "x.tmp")).isEqualTo("*.tmp");
        assertThat(skippedBy(r, "deep/down/x.tmp")).isEqualTo("*.tmp");
        assertThat(skippedBy(r, "x.tmp.keep")).isNull();
        assertThat(skippedBy(r, "file1.txt")).isEqualTo("file?.txt");
        assertThat(skippedBy(r, "file12.txt")).isNull();
        assertThat(skippedBy(r, "bx.log")).isEqualTo("[abc]x.log");
        assertThat(skippedBy(r, "dx.log")).isNull();
        assertThat(skippedBy(r, "ay.dat")).isEqualTo("[!0-9]y.dat");
        assertThat(skippedBy(r, "7y.dat")).isNull();
        assertThat(skippedBy(excluding("[]x]z"), "]z"))
                .as("a leading ] is a member")
                .isEqualTo("[]x]z");
        assertThat(skippedBy(excluding("[a-c].md"), "b.md")).isEqualTo("[a-c].md");
        assertThat(skippedBy(excluding("[a-c].md"), "d.md")).isNull();
        assertThat(skippedBy(excluding("[.d"), "[.d"))
                .as("an unclosed [ is literal")
                .isEqualTo("[.d");
        assertThat(skippedBy(excluding("**/*.bak"), "x/y.bak")).isEqualTo("**/*.bak");
        assertThat(skippedBy(excluding("**/*.bak"), "y.bak")).isEqualTo("**/*.bak");
        assertThat(skippedBy(excluding("a*b"), "a/b"))
                .as("* never crosses a slash")
                .isNull();
        assertThat(skippedBy(excluding("a?b"), "a/b")).isNull();
    }

    @Test
    void aSlashAnchorsToTheRootAndDoubleStarCrossesFolders() {
        assertThat(skippedBy(excluding("/build"), "build/out.o")).isEqualTo("/build");
        assertThat(skippedBy(excluding("/build"), "src/build/out.o")).isNull();
        assertThat(skippedBy(excluding("build"), "src/build/out.o")).isEqualTo("build");
        assertThat(skippedBy(excluding("docs/*.md"), "docs/a.md")).isEqualTo("docs/*.md");
        assertThat(skippedBy(excluding("docs/*.md"), "docs/sub/a.md")).isNull();
        assertThat(skippedBy(excluding("docs/*.md"), "x/docs/a.md"))
                .as("a middle slash anchors")
                .isNull();
        assertThat(skippedBy(excluding("docs/**/*.md"), "docs/a.md")).isEqualTo("docs/**/*.md");
        assertThat(skippedBy(excluding("docs/**/*.md"), "docs/x/y/a.md")).isEqualTo("docs/**/*.md");
        assertThat(skippedBy(excluding("**/cache"), "a/b/cache/f")).isEqualTo("**/cache");
        assertThat(skippedBy(excluding("**/cache"), "cache")).isEqualTo("**/cache");
        assertThat(skippedBy(excluding("logs/**"), "logs/a/b.txt")).isEqualTo("logs/**");
        assertThat(skippedBy(excluding("logs/**"), "logs"))
                .as("logs/** is what is inside, not logs itself")
                .isNull();
        assertThat(skippedBy(excluding("a/**/b"), "a/b")).isEqualTo("a/**/b");
        assertThat(skippedBy(excluding("a/**/b"), "a/x/y/b/f")).isEqualTo("a/**/b");
    }

    @Test
    void aTrailingSlashMatchesFoldersOnly() {
        ExcludeRules r = excluding("tmp/");
        assertThat(skippedBy(r, "tmp/a")).isEqualTo("tmp/");
        assertThat(skippedBy(r, "x/tmp/a")).isEqualTo("tmp/");
        assertThat(skippedBy(r, "tmp")).isNull();
        assertThat(r.excludesDirectory("tmp")).isTrue();
        assertThat(r.excludesDirectory("x/tmp/")).isTrue();
        assertThat(r.excludesDirectory("x")).isFalse();
    }

    @Test
    void theLastMatchingRuleDecidesAndBangTakesFilesBack() {
        ExcludeRules r = ExcludeRules.of(
                List.of(Rule.exclude("*.log"), Rule.parseLine("!keep.log", "f:2"), Rule.exclude("old/")));
        assertThat(r.check("a.log").excluded()).isTrue();
        ExcludeRules.Verdict kept = r.check("keep.log");
        assertThat(kept.excluded()).isFalse();
        assertThat(kept.ruleName()).isEqualTo("!keep.log");
        assertThat(skippedBy(r, "old/keep.log"))
                .as("a later exclude wins again")
                .isEqualTo("old/");
        // a file inside an excluded folder can be taken back (git cannot; this tool can)
        ExcludeRules git = ExcludeRules.of(List.of(Rule.exclude(".git/"), Rule.include(".git/config")));
        assertThat(skippedBy(git, ".git/config")).isNull();
        assertThat(skippedBy(git, ".git/HEAD")).isEqualTo(".git/");
        assertThat(git.excludesDirectory(".git"))
                .as("an include reaches inside, so no pruning")
                .isFalse();
    }

    @Test
    void includesMeanOnlyTheseWhetherAloneOrAfterAnExcludeAll() {
        ExcludeRules only = ExcludeRules.of(List.of(Rule.include("*.jpg")));
        assertThat(skippedBy(only, "a/b.jpg")).isNull();
        assertThat(skippedBy(only, "a/b.png")).isEqualTo(ExcludeRules.NOT_INCLUDED);
        ExcludeRules awsStyle = ExcludeRules.of(List.of(Rule.exclude("*"), Rule.include("*.jpg")));
        assertThat(skippedBy(awsStyle, "a/b.jpg")).isNull();
        assertThat(skippedBy(awsStyle, "a/b.png")).isEqualTo("*");
        assertThat(awsStyle.excludesDirectory("a")).isFalse();
        // defaults still apply to files no include takes back
        List<Rule> withDefaults = new ArrayList<>(ExcludeRules.defaults());
        withDefaults.add(Rule.include("photos/"));
        ExcludeRules photos = ExcludeRules.of(withDefaults);
        assertThat(skippedBy(photos, "photos/x.jpg")).isNull();
        assertThat(skippedBy(photos, "notes.txt")).isEqualTo(ExcludeRules.NOT_INCLUDED);
        assertThat(skippedBy(ExcludeRules.of(ExcludeRules.defaults()), "notes.txt"))
                .isNull();
    }

    @Test
    void foldersAreSkippedWholeOnlyWhenNothingInsideCouldBeTakenBack() {
        ExcludeRules r = ExcludeRules.of(List.of(Rule.exclude("*"), Rule.include("docs/api/**")));
        assertThat(r.directoryExcludedBy("photos").map(Rule::name)).contains("*");
        assertThat(r.excludesDirectory("docs")).isFalse();
        assertThat(r.excludesDirectory("docs/api")).isFalse();
        assertThat(r.directoryExcludedBy("docs/other").map(Rule::name)).contains("*");
        ExcludeRules only = ExcludeRules.of(List.of(Rule.include("/src/**")));
        assertThat(only.directoryExcludedBy("test").map(Rule::name)).contains(ExcludeRules.NOT_INCLUDED);
        assertThat(only.excludesDirectory("src")).isFalse();
        assertThat(ExcludeRules.none().excludesDirectory("anything")).isFalse();
        // consistency: every file below a pruned folder is excluded file by file as well
        for (String f : List.of("photos/a.jpg", "docs/other/x/y.txt")) {
            assertThat(r.check(f).excluded()).as(f).isTrue();
        }
        assertThat(only.check("test/a/b.java").excluded()).isTrue();
    }

    @Test
    void readsGitignoreFilesWithCommentsBlankLinesAndEscapes() throws Exception {
        Path file = TestPaths.newDir("exclude-from").resolve("rules.txt");
        Files.writeString(file, "\uFEFF# build output\n\n*.o\n!main.o\n\\#literal\nbuild/   \n   \n");
        List<Rule> rules = ExcludeRules.readFile(file);
        assertThat(rules).extracting(Rule::pattern).containsExactly("*.o", "main.o", "#literal", "build/   ");
        assertThat(rules)
                .extracting(Rule::origin)
                .containsExactly("rules.txt:3", "rules.txt:4", "rules.txt:5", "rules.txt:6");
        ExcludeRules r = ExcludeRules.of(rules);
        assertThat(skippedBy(r, "x.o")).isEqualTo("*.o");
        assertThat(r.check("main.o").excluded()).isFalse();
        assertThat(skippedBy(r, "#literal")).isEqualTo("\\#literal");
        assertThat(skippedBy(r, "notes.txt"))
                .as("a ! line takes back; it does not make an allow-list")
                .isNull();
        assertThat(skippedBy(r, "build/out"))
                .as("trailing spaces are not part of the pattern")
                .isNotNull();
        assertThatThrownBy(() -> ExcludeRules.readFile(file.resolveSibling("missing.txt")))
                .isInstanceOf(ObitoxException.class)
                .extracting(e -> ((ObitoxException) e).code())
                .isEqualTo("FILE_NOT_FOUND");
    }

    @Test
    void assembledRulesPutTheCommandLineLastSoItWins() throws Exception {
        Path file = TestPaths.newDir("exclude-assemble").resolve("ignore");
        Files.writeString(file, "*.psd\n");
        ExcludeRules r = ExcludeRules.assemble(
                true, List.of(file), List.of(Rule.include("keep/*.psd"), Rule.exclude("keep/old.psd")));
        assertThat(r.rules()).extracting(Rule::origin).startsWith("default").contains("ignore:1", "--include");
        assertThat(skippedBy(r, "keep/new.psd")).isNull();
        assertThat(skippedBy(r, "keep/old.psd")).isEqualTo("keep/old.psd");
        assertThat(skippedBy(r, "other/a.psd")).isEqualTo("*.psd");
        assertThat(skippedBy(r, "notes.txt"))
                .as("an --include makes it an allow-list")
                .isEqualTo(ExcludeRules.NOT_INCLUDED);
        assertThat(ExcludeRules.assemble(false, List.of(), List.of())
                        .check(".DS_Store")
                        .excluded())
                .isFalse();
    }

    @Test
    void aGivenNameIsWhatReportsUse() {
        ExcludeRules r = ExcludeRules.of(List.of(new Rule("office lock files", "~$*", Rule.Kind.EXCLUDE, "settings")));
        assertThat(skippedBy(r, "~$a.xlsx")).isEqualTo("office lock files");
    }

    @Test
    void relativePathsUseSlashesAndLeadingSlashesAreIgnored() {
        Path root = Path.of("root");
        assertThat(ExcludeRules.relativePath(root, root.resolve("a").resolve("b.txt")))
                .isEqualTo("a/b.txt");
        assertThat(skippedBy(excluding("/a/b.txt"), "/a/b.txt")).isEqualTo("/a/b.txt");
    }

    @Test
    void checksAHundredThousandPathsQuickly() {
        List<Rule> rules = new ArrayList<>(ExcludeRules.defaults());
        rules.add(Rule.exclude("*.tmp"));
        rules.add(Rule.exclude("/build/"));
        rules.add(Rule.exclude("**/node_modules/**"));
        rules.add(Rule.parseLine("!build/keep/*.txt", "f:1"));
        rules.add(Rule.exclude("[0-9][0-9]-draft*.doc"));
        ExcludeRules r = ExcludeRules.of(rules);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            paths.add("photos/" + (i % 97) + "/album-" + (i % 13) + "/IMG_" + i + (i % 10 == 0 ? ".tmp" : ".jpg"));
        }
        int excluded = 0;
        for (String p : paths) { // warm-up, so the timed loop measures matching and not the JIT
            excluded += r.check(p).excluded() ? 1 : 0;
        }
        long start = System.nanoTime();
        excluded = 0;
        for (String p : paths) {
            excluded += r.check(p).excluded() ? 1 : 0;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(excluded).isEqualTo(10_000);
        // loose on purpose (shared 2-core box): a regex per rule per path without precompiling takes seconds
        assertThat(millis).isLessThan(3_000);
    }

    @Test
    void aBrokenPatternIsRefusedWithItsOrigin() {
        assertThatThrownBy(() -> ExcludeRules.of(List.of(Rule.exclude("/"))))
                .isInstanceOf(ObitoxException.class)
                .hasMessageContaining("'/'")
                .hasMessageContaining("--exclude");
    }

    @Test
    void aWalkerSkipsExcludedFoldersWholeAndReportsEverySkipByRule() throws Exception {
        Path root = TestPaths.newDir("exclude-walk").resolve("drop");
        for (String f : List.of(
                "a.jpg",
                ".DS_Store",
                "raw/b.cr2",
                "raw/sub/c.cr2",
                ".git/HEAD",
                ".git/objects/ab/cd",
                "docs/~$x.docx",
                "docs/readme.md",
                "docs/Thumbs.db")) {
            Path p = root.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f);
        }
        List<Rule> rules = new ArrayList<>(ExcludeRules.defaults());
        rules.add(Rule.exclude("raw/"));
        ExcludeRules r = ExcludeRules.of(rules);
        List<String> kept = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> visitedDirs = new ArrayList<>();
        Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(
                    Path dir, java.nio.file.attribute.BasicFileAttributes attrs) {
                String rel = ExcludeRules.relativePath(root, dir);
                var rule = r.directoryExcludedBy(rel);
                if (rule.isPresent()) {
                    skipped.add(rel + "/ " + rule.get().skippedMessage());
                    return java.nio.file.FileVisitResult.SKIP_SUBTREE;
                }
                visitedDirs.add(rel);
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a) {
                String rel = ExcludeRules.relativePath(root, file);
                ExcludeRules.Verdict v = r.check(rel);
                (v.excluded() ? skipped : kept)
                        .add(v.excluded() ? rel + " " + v.rule().skippedMessage() : rel);
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        assertThat(kept).containsExactlyInAnyOrder("a.jpg", "docs/readme.md");
        assertThat(skipped)
                .containsExactlyInAnyOrder(
                        ".DS_Store skipped by rule **/.DS_Store",
                        "raw/ skipped by rule raw/",
                        ".git/ skipped by rule .git/",
                        "docs/~$x.docx skipped by rule ~$*",
                        "docs/Thumbs.db skipped by rule Thumbs.db");
        assertThat(visitedDirs).as("excluded folders are never entered").containsExactlyInAnyOrder("", "docs");
    }
}
