package io.obitox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 20's "no class in src/main over 400 lines", enforced: a class grew past it twice in one merge while nothing
 * checked. Counts the lines of every main source file as `wc -l` does (the formatter keeps them at most 120
 * characters wide, so lines are a fair measure of size).
 */
class ClassSizeTest {
    static final int MAX_LINES = 400;

    @Test
    void noMainSourceFileIsOverTheLimit() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).isDirectory();
        List<String> over = new ArrayList<>();
        int files = 0;
        try (Stream<Path> all = Files.walk(main)) {
            for (Path p : all.filter(f -> f.toString().endsWith(".java")).toList()) {
                files++;
                long lines;
                try (Stream<String> l = Files.lines(p)) {
                    lines = l.count();
                }
                if (lines > MAX_LINES) {
                    over.add(main.relativize(p) + ": " + lines + " lines");
                }
            }
        }
        assertThat(files).as("main source files found").isGreaterThan(100);
        assertThat(over).as("split these into cohesive pieces").isEmpty();
    }
}
