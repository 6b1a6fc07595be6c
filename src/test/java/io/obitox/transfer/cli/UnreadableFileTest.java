package io.obitox.transfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obitox.testing.ChildProcess;
import io.obitox.testing.CliRun;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A file the user may not read fails with its own plain message while the others upload: rejected by the checks
 * before upload, or (with --no-validate) failed by the transfer engine. Runs the CLI in a second JVM; as root (CI),
 * without the capabilities that let root read any file, so the permission really applies.
 */
class UnreadableFileTest {

    @ParameterizedTest(name = "validate={0}")
    @ValueSource(booleans = {true, false})
    void anUnreadableFileFailsWithPermissionDeniedWhileTheOthersUpload(boolean validate) throws Exception {
        try (S3ProxyServer server = S3ProxyServer.start()) {
            server.createBucket("perm");
            Path dir = TestPaths.newDir("unreadable");
            Path home = dir.resolve("home");
            CliRun.run(
                            home,
                            "profile",
                            "add",
                            "proxy",
                            "--provider",
                            "generic",
                            "--endpoint-url",
                            server.endpoint().toString(),
                            "--bucket",
                            "perm",
                            "--access-key-id",
                            server.accessKey(),
                            "--secret-access-key",
                            server.secretKey())
                    .ok();
            Path good = Files.writeString(dir.resolve("good.txt"), "fine");
            Path locked = Files.writeString(dir.resolve("locked.txt"), "private");
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
            boolean root = "root".equals(System.getProperty("user.name"));
            List<String> wrapper =
                    root ? List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search") : List.of();
            List<String> args = new ArrayList<>(List.of(
                    "--home",
                    home.toString(),
                    "upload",
                    good.toString(),
                    locked.toString(),
                    "--profile",
                    "proxy",
                    "--json"));
            if (!validate) {
                args.add("--no-validate");
            }
            Process p = ChildProcess.start(dir, "upload", Map.of(), wrapper, args);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(1);
            JsonNode transfers = new ObjectMapper()
                    .readTree(dir.resolve("upload.out").toFile())
                    .get("transfers");
            assertThat(transfers).hasSize(2);
            for (JsonNode t : transfers) {
                if (t.get("path").asText().endsWith("good.txt")) {
                    assertThat(t.get("state").asText()).isEqualTo("COMPLETED");
                    assertThat(t.get("action").asText()).isEqualTo("uploaded");
                } else {
                    assertThat(t.get("state").asText()).isEqualTo(validate ? "REJECTED" : "FAILED");
                    assertThat(t.get("action").asText()).isEqualTo("failed");
                    assertThat(t.get("errorCode").asText()).isEqualTo("UNREADABLE");
                    assertThat(t.get("error").asText().toLowerCase(Locale.ROOT)).contains("permission denied");
                }
            }
            assertThat(Files.readString(dir.resolve("upload.err"))).doesNotContain("Exception");
        }
    }
}
