package io.obitox.cors.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obitox.testing.CliRun;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestPaths;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cors commands against S3Proxy (global CORS only): wiring, exit codes, JSON and messages. */
class CorsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private S3ProxyServer server;
    private Path home;
    private String profile;

    @BeforeEach
    void setUp() {
        server = S3ProxyServer.start();
        server.createBucket("uploads");
        home = TestPaths.newDir("cors-cli");
        profile = "cors-cli-" + UUID.randomUUID().toString().substring(0, 8);
        CliRun.addProfile(home, profile, server, "uploads");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void corsIsATopLevelCommandWithItsFiveSubcommands() {
        CliRun help = CliRun.run(home, "cors", "--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("show", "setup", "verify", "history", "restore");
        assertThat(CliRun.run(home, "--help").out()).contains("cors");
    }

    @Test
    void showExplainsGlobalCorsOnlyAndFails() {
        CliRun show = CliRun.run(home, "cors", "show", "--profile", profile, "--bucket", "uploads");

        assertThat(show.exit()).isEqualTo(1);
        assertThat(show.err())
                .contains("Error [CORS_UNSUPPORTED]")
                .contains("global CORS only")
                .contains("Fix:");
        assertThat(show.err()).doesNotContain("Exception");
    }

    @Test
    void showJsonNamesTheState() throws Exception {
        CliRun show = CliRun.run(home, "cors", "show", "--profile", profile, "--json");

        JsonNode json = JSON.readTree(show.out());
        assertThat(show.exit()).isEqualTo(1);
        assertThat(json.get("bucket").asText())
                .as("the profile's default bucket")
                .isEqualTo("uploads");
        assertThat(json.get("state").asText()).isEqualTo("unsupported");
        assertThat(json.get("message").asText()).contains("global CORS only");
    }

    @Test
    void verifyJsonHasOkAndChecksAndExitsNonZeroWhenACheckFails() throws Exception {
        CliRun verify =
                CliRun.run(home, "cors", "verify", "--profile", profile, "--origin", "http://localhost:3000", "--json");

        JsonNode json = JSON.readTree(verify.out());
        assertThat(verify.exit()).isEqualTo(1);
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("checks")).isNotEmpty().allSatisfy(c -> {
            assertThat(c.has("name")).isTrue();
            assertThat(c.get("passed").isBoolean()).isTrue();
            assertThat(c.get("message").asText()).isNotBlank();
        });
        assertThat(json.get("checks").findValuesAsText("name")).contains("Preflight from http://localhost:3000");
    }

    @Test
    void setupRejectsAnInvalidOriginWithTheReason() {
        CliRun setup = CliRun.run(home, "cors", "setup", "--profile", profile, "--origin", "localhost:3000", "--yes");

        assertThat(setup.exit()).isEqualTo(1);
        assertThat(setup.err())
                .contains("Error [INVALID_ORIGIN]")
                .contains("'localhost:3000'")
                .contains("scheme://");
    }

    @Test
    void verifyBrowserOptionsAreCheckedAsUsage() {
        CliRun both = CliRun.run(home, "cors", "verify", "--profile", profile, "--browser", "--static-only");
        CliRun zero = CliRun.run(home, "cors", "verify", "--profile", profile, "--browser", "--browser-timeout", "0");

        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("choose one");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("--browser-timeout must be 1 to 600 seconds");
        assertThat(CliRun.run(home, "cors", "verify", "--help").out())
                .contains("--browser-timeout=SECONDS")
                .contains("Chromium/Chrome")
                .contains("default: 30");
    }

    @Test
    void setupWithoutAnOriginIsAUsageError() {
        CliRun setup = CliRun.run(home, "cors", "setup", "--profile", profile);

        assertThat(setup.exit()).isEqualTo(2);
        assertThat(setup.err()).contains("--origin");
    }

    @Test
    void restoreWithoutHistorySaysSo() {
        CliRun restore = CliRun.run(home, "cors", "restore", "--profile", profile, "--yes");

        assertThat(restore.exit()).isEqualTo(1);
        assertThat(restore.err()).contains("CORS_NO_HISTORY");
        assertThat(CliRun.run(home, "cors", "history", "--profile", profile).out())
                .contains("No CORS changes");
    }
}
