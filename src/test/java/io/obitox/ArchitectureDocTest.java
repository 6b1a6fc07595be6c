package io.obitox;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The dependency table of docs/ARCHITECTURE.md is the real one: every package's uses of other ObitoX packages, read
 * from the compiled main classes, must be exactly what the table says. On a difference the failure prints the table
 * as it should read, to paste over the old one.
 */
class ArchitectureDocTest {
    private static final Path DOC = Path.of("docs", "ARCHITECTURE.md");
    private static final String BEGIN = "<!-- dependencies: checked by ArchitectureDocTest -->";
    private static final String END = "<!-- end of dependencies -->";
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z.]+)` \\| (.*) \\|$");
    private static final Pattern NAME = Pattern.compile("`([a-z.]+)`");

    @Test
    void theDocumentedDependenciesAreTheRealOnes() throws IOException {
        Map<String, Set<String>> real = realDependencies();
        Map<String, Set<String>> documented = documented(Files.readString(DOC));
        assertThat(documented)
                .as("docs/ARCHITECTURE.md, the table between %s and %s; it should read:%n%s", BEGIN, END, table(real))
                .isEqualTo(real);
    }

    @Test
    void theTableIsReadAsWritten() {
        String doc = "x\n" + BEGIN + "\n| package | uses |\n|---|---|\n| `a` | `b`, `c.ui` |\n| `b` | — |\n" + END;
        assertThat(documented(doc)).isEqualTo(Map.of("a", Set.of("b", "c.ui"), "b", Set.of()));
    }

    /** Package (without {@code io.obitox.}) → the other ObitoX packages its classes use. */
    private static Map<String, Set<String>> realDependencies() {
        Map<String, Set<String>> deps = new TreeMap<>();
        for (JavaClass c : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.obitox")) {
            String from = shortName(c.getPackageName());
            if (from == null) {
                continue;
            }
            Set<String> uses = deps.computeIfAbsent(from, k -> new TreeSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = shortName(d.getTargetClass().getPackageName());
                if (to != null && !to.equals(from)) {
                    uses.add(to);
                }
            }
        }
        return deps;
    }

    private static String shortName(String pkg) {
        return pkg.startsWith("io.obitox.") ? pkg.substring("io.obitox.".length()) : null;
    }

    private static Map<String, Set<String>> documented(String doc) {
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("the marker %s in the doc", BEGIN).isNotNegative();
        assertThat(end).as("the marker %s after it", END).isGreaterThan(begin);
        Map<String, Set<String>> table = new TreeMap<>();
        for (String line : doc.substring(begin, end).split("\n")) {
            Matcher row = ROW.matcher(line.strip());
            if (row.matches()) {
                Set<String> uses = new TreeSet<>();
                Matcher name = NAME.matcher(row.group(2));
                while (name.find()) {
                    uses.add(name.group(1));
                }
                table.put(row.group(1), uses);
            }
        }
        return table;
    }

    private static String table(Map<String, Set<String>> deps) {
        StringBuilder out = new StringBuilder("| package | uses (ObitoX packages) |\n|---|---|\n");
        deps.forEach((pkg, uses) -> out.append("| `")
                .append(pkg)
                .append("` | ")
                .append(
                        uses.isEmpty()
                                ? "—"
                                : uses.stream().map(u -> "`" + u + "`").collect(Collectors.joining(", ")))
                .append(" |\n"));
        return out.toString();
    }
}
