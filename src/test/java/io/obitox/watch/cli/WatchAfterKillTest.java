package io.obitox.watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.testing.ChildProcess;
import io.obitox.testing.CliRun;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code obitox watch run} in its own JVM: kill -9 while the watch's files are uploading, then a second run
 * finishes them (each file one transfer, resumed, none queued twice) and SIGTERM stops it cleanly (the watch given
 * up, its counters printed).
 */
class WatchAfterKillTest {
    private static final int FILES = 40;

    @Test
    void killDuringUploadsLosesNothingAndQueuesNothingTwiceAndSigtermStopsCleanly() throws Exception {
        Path dir = TestPaths.newDir("watch-kill");
        Path home = dir.resolve("home");
        Path folder = Files.createDirectories(dir.resolve("drop"));
        Random random = new Random(9);
        for (int i = 0; i < FILES; i++) {
            byte[] data = new byte[512 * 1024];
            random.nextBytes(data);
            Files.write(folder.resolve("f" + i + ".bin"), data);
        }
        try (S3ProxyServer server = S3ProxyServer.start();
                FaultProxy proxy = new FaultProxy(server.endpoint());
                S3Client s3 = server.client()) {
            server.createBucket("drops");
            String endpoint = proxy.endpoint().toString();
            JsonNode added = CliRun.run(
                            home,
                            "watch",
                            "add",
                            folder.toString(),
                            "--bucket",
                            "drops",
                            "--endpoint-url",
                            endpoint,
                            "--path-style",
                            "--no-validate",
                            "--settle",
                            "300ms",
                            "--json")
                    .ok()
                    .json();
            String id = added.get("id").asText();
            Map<String, String> env = Map.of(
                    "AWS_ACCESS_KEY_ID", server.accessKey(),
                    "AWS_SECRET_ACCESS_KEY", server.secretKey(),
                    "AWS_REGION", "us-east-1",
                    "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString(),
                    "AWS_CONFIG_FILE", dir.resolve("none").toString());
            List<String> args = List.of("--home", home.toString(), "watch", "run", id);

            Process first = ChildProcess.start(dir, "run1", env, args);
            await(first, "some uploaded", () -> count(s3) >= 3);
            first.destroyForcibly(); // kill -9 with uploads in flight
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int atKill = count(s3);
            assertThat(atKill).isLessThan(FILES);

            Process second = ChildProcess.start(dir, "run2", env, args);
            await(second, "every file uploaded", () -> count(s3) == FILES && uploaded(home, id) == FILES);
            second.destroy(); // SIGTERM
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // stopped by its hook: the watch threads ended and printed what this run did
            assertThat(Files.readString(dir.resolve("run2.err"))).containsPattern("this run \\d+ seen, \\d+ uploaded");

            JsonNode watch = CliRun.run(home, "watch", "list", "--json")
                    .ok()
                    .json()
                    .get("watches")
                    .get(0);
            assertThat(watch.get("running").asBoolean()).isFalse();
            assertThat(watch.get("uploaded").asLong()).isEqualTo(FILES);
            assertThat(watch.get("failed").asLong()).isZero();
            // one transfer per file: the interrupted ones were resumed, not queued again
            JsonNode transfers = CliRun.run(home, "transfers", "list", "--json", "--limit", "1000")
                    .ok()
                    .json()
                    .get("transfers");
            Map<String, Integer> perKey = new HashMap<>();
            transfers.forEach(t -> perKey.merge(t.get("key").asText(), 1, Integer::sum));
            assertThat(perKey)
                    .hasSize(FILES)
                    .allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
            transfers.forEach(t -> assertThat(t.get("state").asText()).isEqualTo("COMPLETED"));
            // object writes: each file once, plus at most the few whose PUT the kill cut off
            long puts = proxy.requests().stream()
                    .filter(r -> r.method().equals("PUT") && r.target().contains("/drops/"))
                    .count();
            assertThat(puts).isBetween((long) FILES, (long) FILES + 16);
        }
    }

    private static int count(S3Client s3) {
        return s3.listObjectsV2(b -> b.bucket("drops")).keyCount();
    }

    private static long uploaded(Path home, String id) {
        JsonNode w = CliRun.run(home, "watch", "list", "--json")
                .json()
                .get("watches")
                .get(0);
        return w.get("uploaded").asLong();
    }

    private static void await(Process p, String what, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!done.getAsBoolean()) {
            assertThat(p.isAlive())
                    .as("watch run still running while waiting for: " + what)
                    .isTrue();
            assertThat(System.nanoTime()).as("timed out waiting for: " + what).isLessThan(end);
            Thread.sleep(100);
        }
    }
}
