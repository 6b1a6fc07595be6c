package io.obitox.presign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obitox.testing.CliRun;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestPaths;
import io.obitox.testing.TestSecrets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code obitox presign} against S3Proxy: text and JSON output, batches, limits, errors, and no URL in the log. */
class PresignCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SIGNATURE = Pattern.compile("X-Amz-Signature=([0-9a-f]{64})");
    private static final Path TEST_LOG = TestPaths.target().resolve("test-logs/obitox-test.log");

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> signatures = new ArrayList<>();
    private S3ProxyServer server;
    private Path home;
    private String profile;

    @BeforeEach
    void setUp() {
        server = S3ProxyServer.start();
        server.createBucket("uploads");
        home = TestPaths.newDir("presign-cli");
        profile = "presign-cli-" + UUID.randomUUID().toString().substring(0, 8);
        CliRun.addProfile(home, profile, server, "uploads");
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
        if (Files.exists(TEST_LOG)) {
            String log = Files.readString(TEST_LOG, StandardCharsets.ISO_8859_1);
            for (String s : signatures) {
                assertThat(log).as("a link's signature in the log").doesNotContain(s);
            }
        }
    }

    private CliRun presign(String... args) {
        List<String> all = new ArrayList<>(List.of("presign", "--profile", profile));
        all.addAll(List.of(args));
        CliRun run = CliRun.run(home, all.toArray(String[]::new));
        Matcher m = SIGNATURE.matcher(run.out());
        while (m.find()) {
            signatures.add(TestSecrets.register(m.group(1)));
        }
        return run;
    }

    private int send(String method, String url, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return S3ProxyServer.sendRefusable(http, b.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void presignIsATopLevelCommandThatDocumentsTheBatchFormat() {
        assertThat(CliRun.run(home, "--help").out()).contains("presign");
        CliRun help = CliRun.run(home, "presign", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out())
                .contains("--method", "--size", "--content-type", "--expires", "--network", "--batch", "--json")
                .contains("\"contentType\"", "--profile", "--endpoint-url");
    }

    @Test
    void aPutLinkPrintedAsTextUploadsAndAGetLinkAsJsonDownloads() throws Exception {
        CliRun put = presign("--method", "PUT", "--size", "1M", "--content-type", "text/plain", "notes/a.txt");
        assertThat(put.exit()).as(put.err()).isZero();
        assertThat(put.out())
                .contains("PUT  s3://uploads/notes/a.txt")
                .contains("send header  Content-Type: text/plain")
                .contains("auto: 1.0 MiB ÷ 500 KiB/s (network 'unknown': no measured uploads to this endpoint yet)")
                .contains("→ 1 min 00 s");
        String url = put.out()
                .lines()
                .map(String::trim)
                .filter(l -> l.startsWith("http"))
                .findFirst()
                .orElseThrow();
        byte[] body = "hello from a presigned PUT".getBytes(StandardCharsets.UTF_8);
        assertThat(send("PUT", url, "text/plain", body)).isEqualTo(200);

        CliRun get = presign("--json", "notes/a.txt");
        assertThat(get.exit()).as(get.err()).isZero();
        JsonNode links = JSON.readTree(get.out());
        assertThat(links.isArray()).isTrue();
        JsonNode link = links.get(0);
        List<String> fields = new ArrayList<>();
        link.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .startsWith("key", "method", "url", "headers", "expiresAt", "expiresInSeconds")
                .contains("explanation", "warnings");
        assertThat(link.get("key").asText()).isEqualTo("notes/a.txt");
        assertThat(link.get("method").asText()).isEqualTo("GET");
        assertThat(link.get("headers").size()).isZero();
        assertThat(link.get("expiresInSeconds").asLong()).isEqualTo(60);
        assertThat(link.get("explanation").get("sizeBytes").asLong()).isEqualTo(body.length);
        assertThat(link.get("explanation").get("source").asText()).isEqualTo("default");
        HttpResponse<byte[]> r = http.send(
                HttpRequest.newBuilder(URI.create(link.get("url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(body);
    }

    @Test
    void theAutoExpiryUsesTheUploadsObitoxMeasuredToThisEndpoint() throws Exception {
        Path file = home.resolve("clip.bin");
        byte[] data = new byte[3 << 20];
        new Random(9).nextBytes(data);
        Files.write(file, data);
        CliRun upload = CliRun.run(home, "upload", "--profile", profile, "-q", file.toString());
        assertThat(upload.exit()).as(upload.err()).isZero();

        CliRun get = presign("--json", "clip.bin");
        assertThat(get.exit()).as(get.err()).isZero();
        JsonNode explanation = JSON.readTree(get.out()).get(0).get("explanation");
        assertThat(explanation.get("source").asText()).isEqualTo("history");
        assertThat(explanation.get("samples").asInt()).isEqualTo(1);
        assertThat(explanation.get("throughputBytesPerSecond").asLong()).isPositive();
        assertThat(explanation.get("text").asText()).contains("the lower quartile of 1 recent upload");
    }

    @Test
    void aBatchFileOfOneHundredIsSignedInOneRun() throws Exception {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 1; i <= 100; i++) {
            sb.append(i > 1 ? "," : "")
                    .append("{\"key\":\"in/")
                    .append(i)
                    .append(".jpg\",\"size\":\"")
                    .append(i)
                    .append("M\",\"contentType\":\"image/jpeg\"}");
        }
        Path batch = home.resolve("batch.json");
        Files.writeString(batch, sb.append("]").toString());

        CliRun run = presign("--method", "PUT", "--network", "3g", "--batch", batch.toString(), "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode links = JSON.readTree(run.out());
        assertThat(links.size()).isEqualTo(100);
        assertThat(links.get(0).get("expiresInSeconds").asLong()).isEqualTo(60); // 1 MiB on 3g: floor
        assertThat(links.get(99).get("expiresInSeconds").asLong()).isEqualTo(205); // 100 MiB / 750 KiB/s × 1.5
        assertThat(links.get(99).get("headers").get("Content-Type").asText()).isEqualTo("image/jpeg");
        assertThat(links.get(99).get("explanation").get("network").asText()).isEqualTo("3g");
        assertThat(send("PUT", links.get(41).get("url").asText(), "image/jpeg", new byte[] {1, 2, 3}))
                .isEqualTo(200);
    }

    @Test
    void noFilesOrMoreThanOneHundredFailWithThePlansCodes() throws Exception {
        CliRun none = presign();
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("Error [INVALID_FILES_ARRAY]: There are no files to sign", "Fix:");

        Path empty = home.resolve("empty.json");
        Files.writeString(empty, "[]");
        assertThat(presign("--batch", empty.toString()).err()).contains("Error [INVALID_FILES_ARRAY]");

        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
            sb.append(i > 0 ? "," : "").append("{\"key\":\"k").append(i).append("\",\"size\":1}");
        }
        Path hundred = home.resolve("hundred.json");
        Files.writeString(hundred, sb.append("]").toString());
        CliRun tooMany = presign("--batch", hundred.toString(), "one-more");
        assertThat(tooMany.exit()).isEqualTo(1);
        assertThat(tooMany.err())
                .contains("Error [TOO_MANY_FILES]: 101 files in one request; at most 100 can be signed at once.")
                .contains("Fix: Split them into batches of 100 or fewer.");
        assertThat(tooMany.out()).isEmpty();
    }

    @Test
    void badInputIsExplainedWithoutAStackTrace() throws Exception {
        CliRun network = presign("--network", "5g", "a.txt");
        assertThat(network.exit()).isEqualTo(1);
        assertThat(network.err()).contains("Error [INVALID_NETWORK]", "slow-2g, 2g, 3g, 4g, wifi, unknown");

        CliRun expires = presign("--expires", "8d", "--size", "1", "a.txt");
        assertThat(expires.err()).contains("Error [INVALID_EXPIRY]", "1 s to 7 d");

        Path broken = home.resolve("broken.json");
        Files.writeString(broken, "[{\"key\": \"a\"},\n {\"key\": }]");
        CliRun batch = presign("--batch", broken.toString());
        assertThat(batch.err()).contains("Error [INVALID_BATCH_FILE]", "is not valid JSON (line 2");

        CliRun missing = presign("nothing-here.txt");
        assertThat(missing.err()).contains("Error [OBJECT_NOT_FOUND]", "'nothing-here.txt'");

        for (CliRun r : List.of(network, expires, batch, missing)) {
            assertThat(r.err()).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void aFixedExpiryIsSignedAsAskedAndExplained() {
        CliRun run = presign("--expires", "2h", "--size", "5", "a.txt");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("X-Amz-Expires=7200", "(in 2 h 00 min) — fixed: 2 h 00 min as asked");
    }

    @Test
    void putLinksCarryObjectSettingsAsRequiredHeaders() throws Exception {
        CliRun run = presign(
                "--method",
                "PUT",
                "--content-type",
                "text/plain",
                "--cache-control",
                "max-age=60",
                "--content-disposition",
                "attachment",
                "--metadata",
                "origin=partner",
                "--tag",
                "source=link",
                "--json",
                "in/report.txt");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode link = JSON.readTree(run.out()).get(0);
        JsonNode required = link.get("requiredHeaders");
        assertThat(required.get("Cache-Control").asText()).isEqualTo("max-age=60");
        assertThat(required.get("Content-Disposition").asText()).isEqualTo("attachment; filename*=UTF-8''report.txt");
        assertThat(required.get("X-Amz-Meta-Origin").asText()).isEqualTo("partner");
        assertThat(required.get("X-Amz-Tagging").asText()).isEqualTo("source=link");
        assertThat(link.get("headers")).isEqualTo(required);
        String url = link.get("url").asText();
        byte[] body = "from a partner".getBytes(StandardCharsets.UTF_8);

        assertThat(send("PUT", url, "text/plain", body))
                .as("without the settings' headers")
                .isEqualTo(403);
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        required.fields()
                .forEachRemaining(h -> b.header(h.getKey(), h.getValue().asText()));
        assertThat(S3ProxyServer.sendRefusable(http, b.build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(200);
        try (var s3 = server.client()) {
            var h = s3.headObject(x -> x.bucket("uploads").key("in/report.txt"));
            assertThat(h.cacheControl()).isEqualTo("max-age=60");
            assertThat(h.contentDisposition()).isEqualTo("attachment; filename*=UTF-8''report.txt");
            assertThat(h.metadata()).containsEntry("origin", "partner");
        }

        CliRun text = presign("--method", "PUT", "--cache-control", "no-cache", "in/b.txt");
        assertThat(text.out()).contains("send header  Cache-Control: no-cache");
        CliRun bad = presign("--method", "PUT", "--metadata", "sha256=x", "in/c.txt");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("INVALID_OBJECT_SETTING");
        CliRun get = presign("--cache-control", "no-cache", "in/report.txt");
        assertThat(get.exit()).isZero();
        assertThat(get.err()).contains("apply to PUT links only");
    }
}
