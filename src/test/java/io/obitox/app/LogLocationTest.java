package io.obitox.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.ChildProcess;
import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** With the app's own logging set-up (no test configuration), the CLI writes its log into the app home. */
class LogLocationTest {

    @Test
    void theCliLogsIntoTheLogsFolderOfItsHome() throws Exception {
        Path dir = TestPaths.newDir("log-location");
        Path home = dir.resolve("home");
        Process p = ChildProcess.start(
                dir,
                "cli",
                Map.of(),
                List.of(),
                List.of("--home", home.toString(), "profile", "list"),
                ChildProcess.productionClasspath());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        Path log = home.resolve("logs/obitox-cli.log");
        assertThat(log).exists();
        assertThat(Files.readString(log)).contains("started with home " + home.toAbsolutePath());
        assertThat(Files.readString(dir.resolve("cli.err")))
                .doesNotContain("SLF4J")
                .doesNotContain("logback");
    }
}
