package io.obitox.webhook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.obitox.testing.CliRun;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestPaths;
import io.obitox.testing.TestSecrets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** obitox webhooks …: output, JSON, exit codes and messages against a real local receiver. */
class WebhooksCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("ep_[0-9A-Z]{26}");

    private Path home;
    private HttpServer receiver;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);

    @BeforeEach
    void setUp() throws Exception {
        home = TestPaths.newDir("webhooks-cli");
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(status.get(), -1);
            ex.close();
        });
        receiver.start();
    }

    @AfterEach
    void tearDown() {
        receiver.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
    }

    private String addEndpoint(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("webhooks", "add", url()));
        args.addAll(List.of(extra));
        CliRun add = CliRun.run(home, args.toArray(String[]::new));
        assertThat(add.exit()).as(add.err()).isZero();
        Matcher secret = Pattern.compile("whsec_[A-Za-z0-9+/=]+").matcher(add.out());
        assertThat(secret.find()).as(add.out()).isTrue();
        TestSecrets.register(secret.group());
        Matcher id = ID.matcher(add.out());
        assertThat(id.find()).isTrue();
        return id.group();
    }

    @Test
    void addPrintsTheIdAndSecretAndListShowsTheEndpoint() throws Exception {
        String id = addEndpoint("--events", "upload.completed");
        String secret = CliRun.run(home, "webhooks", "secret", id.substring(3, 20))
                .out()
                .trim();
        assertThat(secret).startsWith("whsec_");

        CliRun list = CliRun.run(home, "webhooks", "list");
        assertThat(list.out())
                .contains(id, "enabled", "upload.completed", url())
                .doesNotContain("whsec_");
        JsonNode json =
                JSON.readTree(CliRun.run(home, "webhooks", "list", "--json").out());
        assertThat(json.get("endpoints").get(0).get("id").asText()).isEqualTo(id);
        assertThat(json.get("endpoints").get(0).get("events").toString()).isEqualTo("[\"upload.completed\"]");
        assertThat(json.toString()).doesNotContain("whsec_");
    }

    @Test
    void badInputFailsWithCodeMessageAndFix() {
        CliRun url = CliRun.run(home, "webhooks", "add", "ftp://example.com/x");
        assertThat(url.exit()).isEqualTo(1);
        assertThat(url.err()).contains("Error [INVALID_WEBHOOK_URL]", "Fix:").doesNotContain("Exception");

        CliRun events = CliRun.run(home, "webhooks", "add", url(), "--events", "upload.started");
        assertThat(events.err()).contains("Error [UNKNOWN_WEBHOOK_EVENT]");

        CliRun missing = CliRun.run(home, "webhooks", "test", "ep_NOPE");
        assertThat(missing.err()).contains("Error [WEBHOOK_NOT_FOUND]");

        CliRun since = CliRun.run(home, "webhooks", "replay", "--failed-since", "yesterday-ish");
        assertThat(since.err()).contains("Error [INVALID_TIME]");

        CliRun plain = CliRun.run(home, "webhooks", "add", "http://example.com/hook");
        assertThat(plain.exit()).isZero();
        TestSecrets.register(plain.out().replaceAll("(?s).*(whsec_[A-Za-z0-9+/=]+).*", "$1"));
        assertThat(plain.err()).contains("Warning: Plain http to example.com");
    }

    @Test
    void testSaysWhatTheReceiverAnsweredAndLogAndReplayWork() throws Exception {
        String id = addEndpoint();
        CliRun ok = CliRun.run(home, "webhooks", "test", id);
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith("Delivered webhook.test to " + url() + ": HTTP 200 in ");
        assertThat(bodies).hasSize(1);

        status.set(500);
        CliRun config = CliRun.run(home, "webhooks", "config", "--schedule", "0,100ms", "--timeout", "3s");
        assertThat(config.out()).contains("0,100ms", "3s");
        CliRun bad = CliRun.run(home, "webhooks", "test", id, "--json");
        assertThat(bad.exit()).isEqualTo(1);
        JsonNode d = JSON.readTree(bad.out());
        assertThat(d.get("lastResponseCode").asInt()).isEqualTo(500);
        String failedId = d.get("id").asText();

        JsonNode log =
                JSON.readTree(CliRun.run(home, "webhooks", "log", "--json").out());
        assertThat(log.get("deliveries")).hasSize(2);
        assertThat(log.get("deliveries").get(0).get("id").asText()).isEqualTo(failedId);
        CliRun table = CliRun.run(home, "webhooks", "log");
        assertThat(table.out()).contains("STATUS", "DELIVERED", "webhook.test");

        status.set(200);
        CliRun replay = CliRun.run(home, "webhooks", "replay", "--failed-since", "1h");
        assertThat(replay.exit()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("Delivered webhook.test").contains(failedId);
        CliRun again = CliRun.run(home, "webhooks", "replay", failedId);
        assertThat(again.exit()).isZero();
        assertThat(JSON.readTree(bodies.get(bodies.size() - 1)).get("event").asText())
                .isEqualTo("webhook.test");
    }

    @Test
    void rotateDisableEnableEditAndRemove() {
        String id = addEndpoint();
        String before = CliRun.run(home, "webhooks", "secret", id).out().trim();
        CliRun rotate = CliRun.run(home, "webhooks", "rotate", id);
        String after = TestSecrets.register(rotate.out().trim());
        assertThat(after).startsWith("whsec_").isNotEqualTo(before);
        assertThat(rotate.err()).contains("signatures with both secrets");
        assertThat(CliRun.run(home, "webhooks", "list").out()).contains("old secret signs too until");

        assertThat(CliRun.run(home, "webhooks", "disable", id).out()).contains("Disabled");
        CliRun test = CliRun.run(home, "webhooks", "test", id);
        assertThat(test.err()).contains("Error [WEBHOOK_DISABLED]", "obitox webhooks enable " + id);
        assertThat(CliRun.run(home, "webhooks", "enable", id).exit()).isZero();

        CliRun edit = CliRun.run(home, "webhooks", "edit", id, "--events", "upload.failed");
        assertThat(edit.out()).contains("upload.failed").doesNotContain("upload.completed");
        assertThat(CliRun.run(home, "webhooks", "remove", id).out()).contains("Removed " + id);
        assertThat(CliRun.run(home, "webhooks", "list").out()).contains("No webhook endpoints");
    }

    @Test
    void uploadDeliversTheEventsItCausesBeforeItExits() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            s3.createBucket("uploads");
            String profile = "wh-" + UUID.randomUUID().toString().substring(0, 8);
            CliRun.addProfile(home, profile, s3, "uploads");
            addEndpoint();
            Path file = home.resolve("hello.txt");
            Files.writeString(file, "hello");

            CliRun up = CliRun.run(home, "upload", file.toString(), "--profile", profile);
            assertThat(up.exit()).as(up.err()).isZero();
            assertThat(up.err()).contains("Webhooks: 1 delivered.");
            assertThat(bodies).singleElement().satisfies(b -> {
                JsonNode p = JSON.readTree(b);
                assertThat(p.get("event").asText()).isEqualTo("upload.completed");
                assertThat(p.get("key").asText()).isEqualTo("hello.txt");
            });

            receiver.stop(0); // down: the event stays queued for the next run
            Files.writeString(file, "hello again");
            CliRun down = CliRun.run(home, "upload", file.toString(), "--profile", profile, "--webhook-wait", "1");
            assertThat(down.exit()).isZero();
            assertThat(down.err()).contains("Webhooks: 0 delivered, 1 still queued (sent when ObitoX next runs).");
            assertThat(down.err())
                    .containsPattern("The last delivery attempt got: .*refused.* \\(see 'obitox webhooks log'\\)\\.");
            JsonNode log =
                    JSON.readTree(CliRun.run(home, "webhooks", "log", "--json").out());
            assertThat(log.get("deliveries").get(0).get("status").asText()).isEqualTo("PENDING");
            assertThat(log.get("deliveries").get(0).get("lastError").asText()).contains("refused");
            assertThat(log.get("deliveries").get(0).get("endpointEnabled").asBoolean())
                    .isTrue();

            // its endpoint switched off: the delivery waits for it, and the log says so instead of a next try
            String endpoint = log.get("deliveries").get(0).get("endpointId").asText();
            CliRun.run(home, "webhooks", "disable", endpoint).ok();
            JsonNode held =
                    JSON.readTree(CliRun.run(home, "webhooks", "log", "--json").out());
            assertThat(held.get("deliveries").get(0).get("status").asText()).isEqualTo("PENDING");
            assertThat(held.get("deliveries").get(0).get("endpointEnabled").asBoolean())
                    .isFalse();
            assertThat(CliRun.run(home, "webhooks", "log").out()).contains("held: endpoint disabled");
        }
    }
}
