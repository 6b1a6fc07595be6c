package io.obitox.watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.testing.CliRun;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code obitox watch add|list|pause|resume|run|remove} in process, against the in-process S3Proxy. */
class WatchCliTest {
    private static S3ProxyServer server;
    private static S3Client s3;
    private static Path dir;
    private static Path home;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
        s3 = server.client();
        dir = TestPaths.newDir("watch-cli");
        home = dir.resolve("home");
        server.createBucket("watched");
        CliRun.addProfile(home, "WatchCli", server, "watched");
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    private static CliRun run(String... args) {
        return CliRun.run(home, args);
    }

    @Test
    void addListPauseResumeRunAndRemove() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("inbox"));
        Files.writeString(folder.resolve("a.txt"), "hello");
        Files.writeString(folder.resolve("skip.tmp"), "left out");
        JsonNode added = run(
                        "watch",
                        "add",
                        folder.toString(),
                        "--bucket",
                        "watched",
                        "--prefix",
                        "scans",
                        "--exclude",
                        "*.tmp",
                        "--if-exists",
                        "skip",
                        "--settle",
                        "300ms",
                        "--profile",
                        "WatchCli",
                        "--json")
                .ok()
                .json();
        String id = added.get("id").asText();
        assertThat(added.get("prefix").asText()).isEqualTo("scans/");
        assertThat(added.get("ifExists").asText()).isEqualTo("skip");
        assertThat(added.get("settleMs").asLong()).isEqualTo(300);
        assertThat(added.get("state").asText()).isEqualTo("STOPPED");
        assertThat(added.get("rules").get(0).asText()).isEqualTo("exclude:*.tmp");

        run("watch", "pause", id.substring(0, 8)).ok();
        JsonNode listed = run("watch", "list", "--json").ok().json();
        assertThat(listed.get("watches")).hasSize(1);
        assertThat(listed.get("watches").get(0).get("paused").asBoolean()).isTrue();
        assertThat(listed.get("watches").get(0).get("state").asText()).isEqualTo("PAUSED");
        run("watch", "resume", id).ok();

        // on a loaded machine the upload may outlast one short run: the next run resumes its queued transfer
        CliRun ran = null;
        for (int i = 0; i < 10 && (ran == null || !ran.err().contains(" 1 uploaded")); i++) {
            ran = run("watch", "run", id, "--for", "4s").ok().assertNoStackTrace();
        }
        assertThat(ran.err()).contains(" 1 uploaded");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("watched").key("scans/a.txt"))
                        .asUtf8String())
                .isEqualTo("hello");
        JsonNode after = run("watch", "list", "--json", "--files", "5")
                .ok()
                .json()
                .get("watches")
                .get(0);
        assertThat(after.get("uploaded").asLong()).isEqualTo(1);
        assertThat(after.get("skipped").asLong()).isEqualTo(1);
        assertThat(after.get("running").asBoolean()).isFalse();
        assertThat(after.get("lastScan").isTextual()).isTrue();
        assertThat(after.get("files").get(0).get("path").asText()).isEqualTo("skip.tmp");
        assertThat(after.get("files").get(0).get("reason").asText()).isEqualTo("skipped by rule *.tmp");
        assertThat(run("watch", "list").ok().out()).contains(id.substring(0, 8)).contains("2/1/1/0/0");

        run("watch", "remove", id).ok();
        assertThat(run("watch", "list", "--json").ok().json().get("watches")).isEmpty();
        assertThat(folder.resolve("a.txt")).exists();
    }

    @Test
    void wrongInputIsRefusedWithTheFix() {
        run("watch", "add", dir.resolve("missing").toString(), "--profile", "WatchCli")
                .failsWith("NOT_A_FOLDER")
                .assertNoStackTrace();
        run("watch", "add", dir.toString(), "--profile", "WatchCli", "--if-exists", "sometimes")
                .failsWith("INVALID_IF_EXISTS");
        run("watch", "add", dir.toString(), "--profile", "WatchCli", "--settle", "soon")
                .failsWith("INVALID_DURATION");
        run("watch", "pause", "nope").failsWith("WATCH_NOT_FOUND");
        CliRun badFor = run("watch", "run", "--for", "abc").failsWith("INVALID_DURATION");
        assertThat(badFor.out() + badFor.err()).as("nothing started").doesNotContain("Watching");
        // the same folder to the same place twice would take every file twice; another prefix is another watch
        String first = run("watch", "add", dir.toString(), "--profile", "WatchCli", "--paused", "--json")
                .ok()
                .json()
                .get("id")
                .asText();
        CliRun twice = run("watch", "add", dir.toString(), "--profile", "WatchCli", "--paused")
                .failsWith("WATCH_EXISTS");
        assertThat(twice.err())
                .contains("already uploads " + dir.toAbsolutePath().normalize());
        String other = run(
                        "watch",
                        "add",
                        dir.toString(),
                        "--profile",
                        "WatchCli",
                        "--prefix",
                        "other/",
                        "--paused",
                        "--json")
                .ok()
                .json()
                .get("id")
                .asText();
        run("watch", "remove", first).ok(); // the other test counts the watches of this shared home
        run("watch", "remove", other).ok();
    }

    @Test
    void aWatchToABucketThatDoesNotExistIsRefusedAndNotStored() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("nowhere"));
        CliRun refused =
                run("watch", "add", folder.toString(), "--bucket", "no-such-bucket-here", "--profile", "WatchCli");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err())
                .contains("BUCKET_MISSING")
                .contains("'no-such-bucket-here' does not exist")
                .contains("obitox mb no-such-bucket-here");
        refused.assertNoStackTrace();
        JsonNode listed = run("watch", "list", "--json").ok().json();
        for (JsonNode w : listed.get("watches")) {
            assertThat(w.get("folder").asText()).isNotEqualTo(folder.toString());
        }
    }
}
