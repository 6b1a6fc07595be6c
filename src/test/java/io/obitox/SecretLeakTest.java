package io.obitox;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.TestPaths;
import io.obitox.testing.TestSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs after the whole suite (see junit-platform.properties): no secret a test gave to ObitoX may appear in any H2
 * database file or log file the suite produced. The AWS credentials files are the one place keys belong, so they
 * are not scanned.
 *
 * <p>Tagged {@code leak-check} so the e2e run can include it too: {@code mvn -B test -Pe2e -Dtest.groups='e2e |
 * leak-check'} (scripts/e2e.sh and .ci/run do this).
 */
@Tag("leak-check")
@Order(Integer.MAX_VALUE)
class SecretLeakTest {

    @Test
    void noSecretOfTheSuiteIsInADatabaseFileOrLog() throws IOException {
        List<String> secrets = TestSecrets.all();
        Assumptions.assumeFalse(secrets.isEmpty(), "run with the whole suite: no test registered a secret");
        List<Path> files = scannedFiles(TestPaths.target());
        assertThat(files).as("database and log files of the suite").isNotEmpty();
        assertThat(files).anySatisfy(f -> assertThat(f.toString()).endsWith(".mv.db"));
        assertThat(leaks(files, secrets))
                .as("secrets found in database or log files")
                .isEmpty();
    }

    @Test
    void theScannerFindsAPlantedSecret() throws IOException {
        Path dir = TestPaths.newDir("leak-scanner");
        Path db = dir.resolve("planted.mv.db");
        String secret = "planted-" + System.nanoTime();
        Files.writeString(db, "xx" + secret + "yy");
        Path log = dir.resolve("app.log");
        Files.writeString(log, "clean line\n");
        List<Path> files = scannedFiles(dir);
        assertThat(files).containsExactlyInAnyOrder(db, log);
        assertThat(leaks(files, List.of(secret, "not-there"))).hasSize(1).allMatch(l -> l.endsWith(db.toString()));
        Files.delete(db);
    }

    private static List<String> leaks(List<Path> files, List<String> secrets) throws IOException {
        List<String> leaks = new ArrayList<>();
        for (Path f : files) {
            String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                String latin = new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
                if (content.contains(latin) || content.contains(utf16(secret))) {
                    leaks.add(secret.substring(0, Math.min(6, secret.length())) + "… in " + f);
                }
            }
        }
        return leaks;
    }

    private static List<Path> scannedFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".mv.db")
                                || n.endsWith(".trace.db")
                                || n.endsWith(".log")
                                || n.matches(".*\\.log\\.\\d+")
                                || n.contains(".broken-");
                    })
                    .filter(p -> !p.toString().contains("/surefire-reports/"))
                    .toList();
        }
    }

    private static String utf16(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append((char) 0).append(c);
        }
        return sb.toString();
    }
}
