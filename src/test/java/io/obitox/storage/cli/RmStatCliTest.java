package io.obitox.storage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.testing.CliRun;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code obitox rm} and {@code obitox stat} on S3Proxy, through a {@link FaultProxy} that counts requests: the dry
 * run lists every key and changes nothing, no terminal and no --yes refuses, a recursive delete of 2,500 keys takes
 * three requests and leaves everything outside the prefix.
 */
class RmStatCliTest {
    private static S3ProxyServer server;
    private static FaultProxy proxy;
    private static Path home;
    private static final String PROFILE = "RmProxy";

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start();
        proxy = new FaultProxy(server.endpoint());
        home = TestPaths.newDir("rm-cli").resolve("home");
        CliRun.run(
                        home,
                        "profile",
                        "add",
                        PROFILE,
                        "--provider",
                        "generic",
                        "--endpoint-url",
                        proxy.endpoint().toString(),
                        "--path-style",
                        "--access-key-id",
                        server.accessKey(),
                        "--secret-access-key",
                        server.secretKey())
                .ok();
    }

    @AfterAll
    static void stop() {
        CliRun.run(home, "profile", "remove", PROFILE);
        proxy.close();
        server.close();
    }

    private static CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--profile", PROFILE));
        return CliRun.run(home, all.toArray(String[]::new));
    }

    private static List<String> keys(String bucket) {
        try (S3Client s3 = server.client()) {
            return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                    .map(S3Object::key)
                    .toList();
        }
    }

    @Test
    void recursiveDeleteOf2500KeysDryRunFirstThenThreeRequests() throws Exception {
        server.createBucket("rm-2500");
        List<String> inside = IntStream.range(0, 2500)
                .mapToObj(i -> String.format("logs/%d/e%04d.json", i % 5, i))
                .toList();
        List<String> outside = List.of("logs-2025/keep.json", "log/keep.json", "archive/logs/keep.json");
        List<String> all = new ArrayList<>(inside);
        all.addAll(outside);
        server.putEmpty("rm-2500", all);

        CliRun dry = run("rm", "--recursive", "s3://rm-2500/logs", "--dry-run").ok();
        List<String> lines = dry.out().lines().toList();
        assertThat(lines.stream().filter(l -> l.startsWith("(dry run) delete:")))
                .hasSize(2500);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("s3://rm-2500/logs/3/e0003.json"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("Would delete 2500 object(s), 0 B, in 3 request(s).");
        assertThat(dry.out()).doesNotContain("logs-2025").doesNotContain("archive/");
        JsonNode plan =
                run("rm", "-r", "rm-2500/logs/", "--dry-run", "--json").ok().json();
        assertThat(plan.get("dryRun").asBoolean()).isTrue();
        assertThat(plan.get("buckets").get(0).get("count").asInt()).isEqualTo(2500);
        assertThat(plan.get("buckets").get(0).get("objects")).hasSize(2500);
        assertThat(keys("rm-2500")).hasSize(2503);

        // no terminal here (surefire's stdin is not one), so without --yes nothing may happen
        CliRun refused = run("rm", "-r", "rm-2500/logs/").failsWith("CONFIRMATION_REQUIRED");
        assertThat(refused.err()).contains("2500 object(s)").contains("nothing was deleted");
        assertThat(refused.out()).as("no 'delete:' rows that read as done").doesNotContain("delete:");
        assertThat(keys("rm-2500")).hasSize(2503);

        int before = proxy.requests().size();
        CliRun done = run("rm", "-r", "rm-2500/logs/", "--yes").ok();
        assertThat(done.out()).contains("Deleted 2500 object(s) in 3 request(s).");
        List<FaultProxy.Request> deletes = proxy
                .requests()
                .subList(before, proxy.requests().size())
                .stream()
                .filter(r -> r.method().equals("POST") && r.target().contains("delete"))
                .toList();
        assertThat(deletes).hasSize(3);
        assertThat(keys("rm-2500")).containsExactlyInAnyOrderElementsOf(outside);
    }

    @Test
    void namedKeysJsonResultAndMistakesAreCodedErrors() throws Exception {
        server.createBucket("rm-named");
        server.putEmpty("rm-named", List.of("a.txt", "b.txt", "dir/c.txt"));
        run("rm", "rm-named/dir/").failsWith("INVALID_PATH");
        run("rm", "rm-named").failsWith("INVALID_PATH");
        run("rm", "rm-named/missing.txt", "--yes").failsWith("OBJECT_MISSING");
        run("rm", "rm-no-such-bucket/x", "--yes").failsWith("BUCKET_MISSING");

        JsonNode j = run("rm", "rm-named/a.txt", "s3://rm-named/b.txt", "--yes", "--json")
                .ok()
                .json();
        JsonNode b = j.get("buckets").get(0);
        assertThat(j.get("dryRun").asBoolean()).isFalse();
        assertThat(b.get("deleted").asInt()).isEqualTo(2);
        assertThat(b.get("failures")).isEmpty();
        assertThat(keys("rm-named")).containsExactly("dir/c.txt");
    }

    @Test
    void keysWithControlCharactersCannotDriveTheTerminal() {
        server.createBucket("rm-term");
        server.putEmpty("rm-term", List.of("t/evil\u001b[2J.txt"));
        CliRun dry = run("rm", "-r", "rm-term/t/", "--dry-run").ok();
        assertThat(dry.out()).doesNotContain("\u001b").contains("evil");
        JsonNode j = run("rm", "-r", "rm-term/t/", "--dry-run", "--json").ok().json();
        assertThat(j.get("buckets").get(0).get("objects").get(0).get("key").asText())
                .isEqualTo("t/evil\u001b[2J.txt");
    }

    @Test
    void statShowsHeadersMetadataAndAddresses() {
        server.createBucket("stat-cli");
        try (S3Client s3 = server.client()) {
            s3.putObject(
                    r -> r.bucket("stat-cli")
                            .key("docs/a b.txt")
                            .contentType("text/plain")
                            .metadata(Map.of("sha256", "f00d")),
                    RequestBody.fromString("hello"));
        }
        String out = run("stat", "stat-cli/docs/a b.txt").ok().out();
        assertThat(out)
                .containsPattern("Key\\s+docs/a b.txt")
                .containsPattern("S3 URI\\s+s3://stat-cli/docs/a b.txt")
                .containsPattern("Size\\s+5 bytes")
                .containsPattern("Content-Type\\s+text/plain")
                .containsPattern("Metadata\\s+sha256=f00d")
                .containsPattern("URL\\s+" + proxy.endpoint() + "/stat-cli/docs/a%20b.txt")
                .contains("Tags");
        JsonNode j = run("stat", "s3://stat-cli/docs/a b.txt", "--json").ok().json();
        assertThat(j.get("size").asLong()).isEqualTo(5);
        assertThat(j.get("contentType").asText()).isEqualTo("text/plain");
        assertThat(j.get("metadata").get("sha256").asText()).isEqualTo("f00d");
        assertThat(j.get("etag").asText()).isNotBlank();
        assertThat(j.has("tags")).isTrue();
        run("stat", "stat-cli/docs/none.txt").failsWith("OBJECT_MISSING");
        run("stat", "stat-cli/docs/").failsWith("INVALID_PATH");
    }
}
