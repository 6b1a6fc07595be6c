package io.obitox.transfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.testing.ChildProcess;
import io.obitox.testing.CliRun;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.FaultProxy.Kind;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code obitox download} through the real command line against S3Proxy: unsafe keys, JSON, kill -9 and resume. */
class DownloadCommandTest {
    private static final String BUCKET = "cli-down";
    private S3ProxyServer server;
    private S3Client s3;
    private Path dir;
    private Path home;

    @BeforeEach
    void setUp() {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
        s3 = server.client();
        dir = TestPaths.newDir("download-cli");
        home = dir.resolve("home");
        CliRun.addDefaultProfile(home, server, BUCKET);
    }

    @AfterEach
    void tearDown() {
        s3.close();
        server.close();
    }

    private byte[] put(String key, int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(data));
        return data;
    }

    @Test
    void aPrefixWithUnsafeKeysLandsInsideTheChosenFolderOnly() throws Exception {
        String longName = "n".repeat(296) + ".txt"; // 300 bytes: longer than any file system's name
        List<String> keys = List.of("tree/ok/deep/file.txt", "tree/CON.txt", "tree/" + longName, "tree/bell\u0007.txt");
        for (int i = 0; i < keys.size(); i++) {
            put(keys.get(i), 10 + i, i);
        }
        // "../x" and "a//b" cannot be stored in S3Proxy (its store resolves them); DownloadFilesTest covers them
        put("outside.txt", 5, 99);
        Path dest = dir.resolve("dest");

        CliRun run = CliRun.run(home, "download", BUCKET + "/tree/", dest.toString(), "--json");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();

        JsonNode rows = run.json().get("transfers");
        assertThat(rows).hasSize(keys.size());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(home))
                    .toList();
        }
        assertThat(files).hasSize(keys.size()).allSatisfy(p -> assertThat(p).startsWith(dest));
        assertThat(dest.resolve("ok/deep/file.txt")).hasSize(10);
        assertThat(dest.resolve("_CON.txt")).exists();
        assertThat(files).allSatisfy(p -> {
            assertThat(p.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(255);
            assertThat(p.toString()).doesNotContain("\u0007");
        });
        for (JsonNode r : rows) {
            assertThat(r.get("state").asText()).isEqualTo("COMPLETED");
            assertThat(r.get("direction").asText()).isEqualTo("download");
        }
    }

    @Test
    void runAgainAnIdenticalFileIsSkippedAChangedOneReplacedAndFailRefuses() throws Exception {
        byte[] data = put("docs/report.pdf", 3000, 7);
        String folder = dir.resolve("new-folder").toString() + "/"; // a folder that does not exist yet

        CliRun first = CliRun.run(home, "download", BUCKET + "/docs/report.pdf", folder, "--json")
                .ok();
        Path file = dir.resolve("new-folder/report.pdf");
        assertThat(Files.readAllBytes(file)).isEqualTo(data);
        assertThat(first.json().get("summary").get("downloaded").asInt()).isEqualTo(1);

        CliRun again = CliRun.run(home, "download", BUCKET + "/docs/report.pdf", folder, "--json")
                .ok();
        JsonNode row = again.json().get("transfers").get(0);
        assertThat(row.get("action").asText()).isEqualTo("skipped-identical");
        assertThat(again.json().get("summary").get("skipped").asInt()).isEqualTo(1);
        CliRun text = CliRun.run(home, "download", BUCKET + "/docs/report.pdf", folder)
                .ok();
        assertThat(text.err())
                .contains("Nothing to download from s3://" + BUCKET + "/docs/report.pdf")
                .doesNotContain("0/0 files");
        assertThat(text.out()).contains("0 downloaded, 1 skipped, 0 failed.");

        Files.writeString(file, "changed locally");
        CliRun replaced = CliRun.run(home, "download", BUCKET + "/docs/report.pdf", folder)
                .ok();
        assertThat(replaced.out()).contains("1 downloaded, 0 skipped, 0 failed.");
        assertThat(Files.readAllBytes(file)).isEqualTo(data);

        CliRun refused =
                CliRun.run(home, "download", BUCKET + "/docs/report.pdf", folder, "--if-exists", "fail", "--json");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.json().get("transfers").get(0).get("errorCode").asText())
                .isEqualTo("LOCAL_EXISTS");
        CliRun.run(home, "download", BUCKET + "/docs/report.pdf", folder, "--if-exists", "maybe")
                .failsWith("BAD_IF_EXISTS")
                .assertNoStackTrace();
        try (Stream<Path> files = Files.list(dir.resolve("new-folder"))) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aMissingKeyFailsWithAPlainMessageAndTheFix() {
        CliRun run = CliRun.run(
                home, "download", BUCKET + "/nope.txt", dir.resolve("d").toString());
        run.failsWith("NO_SUCH_KEY").assertNoStackTrace();
        assertThat(run.err()).contains("end it with '/'");
    }

    /**
     * kill -9 of a CLI child mid-download (a part's answer held at the proxy), then the same command again: the
     * result is byte-identical and only the parts in flight at the kill are fetched twice.
     */
    @Test
    void aKilledDownloadResumesWithTheSameCommandFetchingOnlyThePartsInFlight() throws Exception {
        byte[] data = put("big.bin", (40 << 20) + 11, 42);
        try (FaultProxy proxy = new FaultProxy(server.endpoint())) {
            Map<String, AtomicInteger> ranges = new ConcurrentHashMap<>();
            AtomicInteger seen = new AtomicInteger();
            proxy.rules(r -> {
                if (!r.method().equals("GET") || r.header("Range") == null) {
                    return Kind.FORWARD;
                }
                ranges.computeIfAbsent(r.header("Range"), k -> new AtomicInteger())
                        .incrementAndGet();
                return seen.incrementAndGet() == 5 ? Kind.HOLD_RESPONSE : Kind.FORWARD;
            });
            Path credentials = dir.resolve("aws/credentials");
            Files.createDirectories(credentials.getParent());
            Files.writeString(
                    credentials,
                    "[proxy]\naws_access_key_id = " + server.accessKey() + "\naws_secret_access_key = "
                            + server.secretKey() + "\n");
            Map<String, String> env = Map.of(
                    "AWS_SHARED_CREDENTIALS_FILE", credentials.toString(),
                    "AWS_CONFIG_FILE", dir.resolve("aws/config").toString(),
                    "AWS_REGION", "us-east-1");
            Path dest = dir.resolve("got/big.bin");
            List<String> args = new ArrayList<>(List.of(
                    "--home",
                    dir.resolve("child-home").toString(),
                    "download",
                    BUCKET + "/big.bin",
                    dest.toString(),
                    "--endpoint-url",
                    proxy.endpoint().toString(),
                    "--profile",
                    "proxy",
                    "--part-size",
                    "5M",
                    "--concurrency",
                    "2",
                    "-q"));
            Process first = ChildProcess.start(dir, "download-1", env, args);
            assertThat(proxy.awaitHeld(120))
                    .as("the download reached the kill point; see " + dir)
                    .isTrue();
            Thread.sleep(300); // the other part in flight goes on
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            proxy.releaseHeld();
            assertThat(dest).doesNotExist();
            assertThat(dir.resolve("got/big.bin.obitox-part")).exists();
            int before = seen.get();

            Process second = ChildProcess.start(dir, "download-2", env, args);
            assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).as("see " + dir).isZero();

            assertThat(Files.readAllBytes(dest)).isEqualTo(data);
            assertThat(dir.resolve("got/big.bin.obitox-part")).doesNotExist();
            assertThat(ranges).hasSize(9);
            long twice = ranges.values().stream().filter(n -> n.get() > 1).count();
            assertThat(twice)
                    .as("parts fetched again: only those in flight at the kill")
                    .isLessThanOrEqualTo(2);
            assertThat(seen.get() - before)
                    .as("the resumed run fetched only what was missing")
                    .isLessThan(9);
        }
    }
}
