package io.obitox.webhook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.obitox.app.AppContext;
import io.obitox.app.AppHome;
import io.obitox.profile.AwsSharedFiles;
import io.obitox.testing.ChildProcess;
import io.obitox.testing.CliRun;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestPaths;
import io.obitox.testing.TestSecrets;
import io.obitox.webhook.Delivery;
import io.obitox.webhook.DeliveryState;
import io.obitox.webhook.WebhookService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of an uploading CLI while four deliveries hang at the receiver, others are claimed (IN_FLIGHT, not yet
 * sent) and the rest wait as PENDING; the next start delivers every event at least once, each with the webhook-id it had
 * before the kill.
 */
class WebhooksAfterKillTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FILES = 10;

    @Test
    void pendingAndInFlightDeliveriesSurviveAKillAndGoOutWithTheirIdsAfterTheRestart() throws Exception {
        Path dir = TestPaths.newDir("webhook-kill");
        Path home = dir.resolve("home");
        List<String> heldIds = new CopyOnWriteArrayList<>();
        List<String> deliveredIds = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        boolean[] holding = {true};
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            String id = ex.getRequestHeaders().getFirst("webhook-id");
            if (holding[0]) {
                heldIds.add(id);
                try {
                    release.await(2, TimeUnit.MINUTES); // never answers while the CLI lives
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                deliveredIds.add(id);
                ex.sendResponseHeaders(200, -1);
            }
            ex.close();
        });
        receiver.start();
        Process upload = null;
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            s3.createBucket("uploads");
            CliRun add = CliRun.run(
                    home,
                    "webhooks",
                    "add",
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/");
            Matcher secret = Pattern.compile("whsec_[A-Za-z0-9+/=]+").matcher(add.out());
            assertThat(secret.find()).as(add.out() + add.err()).isTrue();
            TestSecrets.register(secret.group());
            CliRun config = CliRun.run(
                    home, "webhooks", "config", "--parallel", "4", "--per-endpoint", "4", "--timeout", "60s");
            assertThat(config.exit()).isZero();
            Path src = Files.createDirectories(dir.resolve("photos"));
            for (int i = 0; i < FILES; i++) {
                Files.writeString(src.resolve("img-" + i + ".txt"), "picture " + i);
            }
            Map<String, String> env = Map.of(
                    "AWS_ACCESS_KEY_ID", s3.accessKey(),
                    "AWS_SECRET_ACCESS_KEY", s3.secretKey(),
                    "AWS_REGION", "us-east-1",
                    "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString(),
                    "AWS_CONFIG_FILE", dir.resolve("none").toString());
            upload = ChildProcess.start(
                    dir,
                    "upload",
                    env,
                    List.of(
                            "--home",
                            home.toString(),
                            "upload",
                            src.toString(),
                            "--bucket",
                            "uploads",
                            "--endpoint-url",
                            s3.endpoint().toString(),
                            "--webhook-wait",
                            "300",
                            "-q"));
            Path out = dir.resolve("upload.out");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!(Files.exists(out) && Files.readString(out).contains(FILES + " uploaded") && heldIds.size() == 4)) {
                assertThat(upload.isAlive())
                        .as("the upload is still running; see " + dir)
                        .isTrue();
                assertThat(System.nanoTime())
                        .as("uploads done and 4 deliveries in flight; see " + dir)
                        .isLessThan(end);
                Thread.sleep(50);
            }
            upload.destroyForcibly();
            assertThat(upload.waitFor(30, TimeUnit.SECONDS)).isTrue();

            JsonNode log =
                    JSON.readTree(CliRun.run(home, "webhooks", "log", "--json").out());
            Map<String, Long> atKill = stream(log)
                    .collect(Collectors.groupingBy(d -> d.get("status").asText(), Collectors.counting()));
            // 4 hang at the receiver, up to 4 more are claimed ahead (IN_FLIGHT, never sent), the rest wait PENDING
            assertThat(atKill).as("left behind by the kill").containsOnlyKeys("IN_FLIGHT", "PENDING");
            assertThat(atKill.get("IN_FLIGHT")).isBetween(4L, 8L);
            assertThat(atKill.get("IN_FLIGHT") + atKill.get("PENDING")).isEqualTo((long) FILES);
            Set<String> allIds = stream(log).map(d -> d.get("id").asText()).collect(Collectors.toSet());
            Set<String> inFlight = stream(log)
                    .filter(d -> d.get("status").asText().equals("IN_FLIGHT"))
                    .map(d -> d.get("id").asText())
                    .collect(Collectors.toSet());
            assertThat(allIds).hasSize(FILES);
            assertThat(inFlight).containsAll(heldIds);

            holding[0] = false;
            release.countDown();
            try (AppContext restarted = AppContext.open(
                    new AppHome(home),
                    Clock.systemUTC(),
                    new AwsSharedFiles(dir.resolve("none"), dir.resolve("none")))) {
                WebhookService hooks = restarted.webhooks();
                hooks.start();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!new HashSet<>(deliveredIds).containsAll(allIds) && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
                assertThat(new HashSet<>(deliveredIds))
                        .as("every event, with its original webhook-id")
                        .isEqualTo(allIds);
                while (hooks.log(100).stream().anyMatch(d -> d.status() != DeliveryState.DELIVERED)
                        && System.nanoTime() < until) {
                    Thread.sleep(20); // results are recorded a few milliseconds after the receiver answered
                }
                List<Delivery> rows = hooks.log(100);
                assertThat(rows).hasSize(FILES).allSatisfy(d -> {
                    assertThat(d.status()).isEqualTo(DeliveryState.DELIVERED);
                    assertThat(d.eventType()).isEqualTo("upload.completed");
                });
                assertThat(rows.stream().map(Delivery::transferId).distinct())
                        .as("one event per file")
                        .hasSize(FILES);
                assertThat(rows.stream().filter(d -> heldIds.contains(d.id())))
                        .allSatisfy(d -> assertThat(d.lastError()).isNull());
            }
        } finally {
            if (upload != null) {
                upload.destroyForcibly();
            }
            release.countDown();
            receiver.stop(0);
        }
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode log) {
        return java.util.stream.StreamSupport.stream(log.get("deliveries").spliterator(), false);
    }
}
