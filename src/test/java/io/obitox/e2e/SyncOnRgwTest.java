package io.obitox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.cli.Cli;
import io.obitox.testing.CliRun;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.Rgw;
import io.obitox.testing.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Issue 15's acceptance on Ceph RGW (the same checks run on S3Proxy in {@code SyncCliTest}): the CLI talks to RGW
 * through a {@link FaultProxy} that counts requests, so "sends exactly 30 objects" is counted at the wire. RGW's own
 * answers matter here: its multipart ETags, its 412 to {@code If-None-Match: *} (the conditional-write probe must find
 * it), and its listing.
 */
@Tag("e2e")
class SyncOnRgwTest {
    private static Rgw rgw;
    private static FaultProxy proxy;
    private static CliRun.Runner cli;
    private static Path dir;
    private static S3Client s3;
    private static final List<String> buckets = new java.util.ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        CliRun.awsFiles(); // first: nothing may be written before this check
        rgw = Rgw.require();
        proxy = new FaultProxy(rgw.endpoint());
        dir = TestPaths.newDir("e2e-sync");
        cli = CliRun.in(dir.resolve("home"));
        s3 = rgw.client();
        cli.run(
                        "profile",
                        "add",
                        "lab",
                        "--provider",
                        "ceph",
                        "--endpoint-url",
                        proxy.endpoint().toString(),
                        "--access-key-id",
                        rgw.accessKey(),
                        "--secret-access-key",
                        rgw.secretKey())
                .assertExit(Cli.OK);
    }

    @AfterAll
    static void tearDown() {
        if (s3 != null) {
            s3.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        buckets.forEach(rgw::deleteBucket);
    }

    private static String newBucket(String feature) {
        String b = Rgw.uniqueBucket(feature);
        rgw.createBucket(b);
        buckets.add(b);
        return b;
    }

    private static CliRun run(String... args) {
        String[] all =
                Stream.concat(Stream.of(args), Stream.of("--profile", "lab")).toArray(String[]::new);
        return cli.run(all).assertNoStackTrace();
    }

    /** Object writes (single PUTs and parts) through the proxy since {@code from}; the probe's writes left out. */
    private static List<FaultProxy.Request> objectWrites(int from) {
        List<FaultProxy.Request> all = proxy.requests();
        return all.subList(from, all.size()).stream()
                .filter(r -> r.method().equals("PUT") && !r.target().contains(".obitox-probe"))
                .filter(r ->
                        r.target().split("\\?")[0].chars().filter(c -> c == '/').count() > 1)
                .toList();
    }

    /**
     * Every object's SHA-256, read with 16 GETs in flight: one after another, 2,000 GETs took about 90 s of the CI
     * run on RGW.
     */
    private static Map<String, String> bucketSha256(String bucket, String prefix) throws Exception {
        List<String> keys = new java.util.ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
                .contents()
                .forEach(o -> keys.add(o.key()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<String>> hashes = new java.util.ArrayList<>();
            for (String key : keys) {
                hashes.add(pool.submit(() -> sha256(
                        s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray())));
            }
            Map<String, String> out = new TreeMap<>();
            for (int i = 0; i < keys.size(); i++) {
                out.put(keys.get(i), hashes.get(i).get(2, java.util.concurrent.TimeUnit.MINUTES));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, String> folderSha256(Path root, String prefix) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(prefix + root.relativize(f).toString().replace('\\', '/'), sha256(Files.readAllBytes(f)));
            }
        }
        return out;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static String content(String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
    }

    private static String action(JsonNode doc) {
        return doc.get("transfers").get(0).get("action").asText();
    }

    @Test
    void syncDeleteSendsExactlyTheChangedAddedAndRemovedAndTheBucketEqualsTheFolder() throws Exception {
        String bucket = newBucket("sync");
        Path folder = dir.resolve("photos");
        for (int i = 0; i < 2000; i++) {
            Path sub = folder.resolve("d" + (i % 20));
            Files.createDirectories(sub);
            Files.writeString(sub.resolve("f" + i + ".txt"), "file number " + i + " " + "x".repeat(i % 50));
        }
        long t0 = System.nanoTime();
        JsonNode first = run("sync", folder.toString(), "--bucket", bucket, "--prefix", "m/", "--json")
                .assertExit(Cli.OK)
                .json();
        long firstMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(first.get("summary").get("uploaded").asInt()).isEqualTo(2000);

        int mark = proxy.requests().size();
        long bodyBefore = proxy.bodyBytesForwarded();
        t0 = System.nanoTime();
        JsonNode again = run("sync", folder.toString(), "--bucket", bucket, "--prefix", "m/", "--json")
                .assertExit(Cli.OK)
                .json();
        long againMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(objectWrites(mark)).isEmpty();
        assertThat(proxy.bodyBytesForwarded()).isEqualTo(bodyBefore);
        assertThat(again.get("summary").get("skippedIdentical").asInt()).isEqualTo(2000);
        assertThat(againMillis).as("unchanged re-sync vs first upload, ms").isLessThan(firstMillis / 2);
        System.out.printf("RGW, 2,000 files: first sync %d ms, unchanged re-sync %d ms%n", firstMillis, againMillis);

        // 20 changed (same size, other bytes, mtime put back), 10 added, 5 deleted
        for (int i = 0; i < 20; i++) {
            Path f = folder.resolve("d" + ((i * 7) % 20)).resolve("f" + (i * 7) + ".txt");
            FileTime mtime = Files.getLastModifiedTime(f);
            byte[] data = Files.readAllBytes(f);
            data[0] = (byte) (data[0] == 'F' ? 'G' : 'F');
            Files.write(f, data);
            Files.setLastModifiedTime(f, mtime);
        }
        for (int i = 0; i < 10; i++) {
            Files.writeString(folder.resolve("new" + i + ".txt"), "added " + i);
        }
        for (int i = 0; i < 5; i++) {
            Files.delete(folder.resolve("d" + (1999 - i) % 20).resolve("f" + (1999 - i) + ".txt"));
        }
        mark = proxy.requests().size();
        JsonNode sync = run("sync", folder.toString(), "--bucket", bucket, "--prefix", "m/", "--delete", "--json")
                .assertExit(Cli.OK)
                .json();
        assertThat(objectWrites(mark)).hasSize(30);
        List<FaultProxy.Request> deletes = proxy
                .requests()
                .subList(mark, proxy.requests().size())
                .stream()
                .filter(r -> r.method().equals("POST") && r.target().contains("delete"))
                .toList();
        assertThat(deletes).hasSize(1);
        JsonNode summary = sync.get("summary");
        assertThat(summary.get("uploaded").asInt()).isEqualTo(30);
        assertThat(summary.get("deleted").asInt()).isEqualTo(5);
        assertThat(summary.get("skippedIdentical").asInt()).isEqualTo(1975);
        assertThat(summary.get("failed").asInt()).isZero();
        assertThat(bucketSha256(bucket, "m/")).isEqualTo(folderSha256(folder, "m/"));
    }

    @Test
    void everyIfExistsValueOnAnExistingKey() throws Exception {
        String bucket = newBucket("ifexists");
        Path f = dir.resolve("policies").resolve("report.pdf");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "version one");
        run("upload", f.toString(), "--bucket", bucket, "--no-validate").assertExit(Cli.OK);

        int mark = proxy.requests().size();
        assertThat(action(run("upload", f.toString(), "--bucket", bucket, "--no-validate", "--json")
                        .assertExit(Cli.OK)
                        .json()))
                .isEqualTo("skipped-identical");
        assertThat(objectWrites(mark)).isEmpty();

        Files.writeString(f, "version two");
        assertThat(action(run(
                                "upload",
                                f.toString(),
                                "--bucket",
                                bucket,
                                "--no-validate",
                                "--json",
                                "--if-exists",
                                "skip")
                        .assertExit(Cli.OK)
                        .json()))
                .isEqualTo("skipped-existing");
        assertThat(content(bucket, "report.pdf")).isEqualTo("version one");

        CliRun fail = run("upload", f.toString(), "--bucket", bucket, "--no-validate", "--json", "--if-exists", "fail");
        assertThat(fail.exit()).isEqualTo(1);
        assertThat(fail.json().get("transfers").get(0).get("errorCode").asText())
                .isEqualTo("OBJECT_EXISTS");
        assertThat(content(bucket, "report.pdf")).isEqualTo("version one");

        JsonNode r1 = run(
                        "upload", f.toString(), "--bucket", bucket, "--no-validate", "--json", "--if-exists", "rename")
                .assertExit(Cli.OK)
                .json();
        JsonNode r2 = run(
                        "upload", f.toString(), "--bucket", bucket, "--no-validate", "--json", "--if-exists", "rename")
                .assertExit(Cli.OK)
                .json();
        assertThat(action(r1)).isEqualTo("renamed");
        assertThat(r1.get("transfers").get(0).get("key").asText()).isEqualTo("report (1).pdf");
        assertThat(r2.get("transfers").get(0).get("key").asText()).isEqualTo("report (2).pdf");
        assertThat(content(bucket, "report (2).pdf")).isEqualTo("version two");

        Files.writeString(f, "version three");
        assertThat(action(run(
                                "upload",
                                f.toString(),
                                "--bucket",
                                bucket,
                                "--no-validate",
                                "--json",
                                "--if-exists",
                                "overwrite")
                        .assertExit(Cli.OK)
                        .json()))
                .isEqualTo("uploaded");
        assertThat(content(bucket, "report.pdf")).isEqualTo("version three");
    }

    @Test
    void rgwRefusesAKeyAnotherClientCreatedAfterTheListingUnderSkip() throws Exception {
        String bucket = newBucket("race");
        Path f = dir.resolve("race").resolve("late.txt");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "ours");
        AtomicBoolean raced = new AtomicBoolean();
        proxy.rules(r -> {
            if (r.method().equals("PUT") && r.target().contains("late.txt") && raced.compareAndSet(false, true)) {
                s3.putObject(b -> b.bucket(bucket).key("late.txt"), RequestBody.fromString("theirs"));
            }
            return FaultProxy.Kind.FORWARD;
        });
        try {
            CliRun run =
                    run("upload", f.toString(), "--bucket", bucket, "--no-validate", "--json", "--if-exists", "skip");
            assertThat(raced).isTrue();
            assertThat(content(bucket, "late.txt")).isEqualTo("theirs");
            assertThat(action(run.json())).isEqualTo("skipped-existing");
            assertThat(run.exit()).isZero();
            assertThat(run.err())
                    .as("RGW honours If-None-Match: the check is not best-effort")
                    .doesNotContainIgnoringCase("best-effort");
        } finally {
            proxy.rules(r -> FaultProxy.Kind.FORWARD);
        }
    }

    @Test
    void anObjectAnotherToolOverwroteWithTheSameSizeIsNotTakenForIdentical() throws Exception {
        String bucket = newBucket("other");
        Path f = dir.resolve("other").resolve("note.txt");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "ours 1");
        run("upload", f.toString(), "--bucket", bucket, "--no-validate").assertExit(Cli.OK);
        s3.putObject(b -> b.bucket(bucket).key("note.txt"), RequestBody.fromString("them 2"));
        assertThat(action(run("upload", f.toString(), "--bucket", bucket, "--no-validate", "--json")
                        .assertExit(Cli.OK)
                        .json()))
                .isEqualTo("uploaded");
        assertThat(content(bucket, "note.txt")).isEqualTo("ours 1");
    }

    @Test
    void excludedFilesAreListedWithTheirRuleAndDryRunChangesNothing() throws Exception {
        String bucket = newBucket("rules");
        Path folder = dir.resolve("site");
        Files.createDirectories(folder.resolve(".git"));
        Files.writeString(folder.resolve(".git").resolve("config"), "[core]");
        Files.writeString(folder.resolve(".DS_Store"), "x");
        Files.writeString(folder.resolve("index.html"), "<html>");
        Files.writeString(folder.resolve("draft.tmp"), "tmp");
        Files.write(folder.resolve("empty.txt"), new byte[0]); // RGW answers 400 to some empty-body PUTs
        int mark = proxy.requests().size();
        JsonNode dry = run("sync", folder.toString(), "--bucket", bucket, "--exclude", "*.tmp", "--dry-run", "--json")
                .assertExit(Cli.OK)
                .json();
        assertThat(objectWrites(mark)).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
        Map<String, String> rules = new TreeMap<>();
        for (JsonNode t : dry.get("transfers")) {
            if (t.get("action").asText().equals("excluded")) {
                rules.put(t.get("key").asText(), t.get("rule").asText());
            }
        }
        assertThat(rules).hasSize(3).containsValues("*.tmp", "**/.DS_Store", ".git/");

        run("sync", folder.toString(), "--bucket", bucket, "--exclude", "*.tmp").assertExit(Cli.OK);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents())
                .extracting(S3Object::key)
                .containsExactlyInAnyOrder("empty.txt", "index.html");
        assertThat(action(run("sync", folder.toString(), "--bucket", bucket, "--exclude", "*.tmp", "--json")
                        .assertExit(Cli.OK)
                        .json()))
                .as("nothing changed: the first row is a skip or an exclusion")
                .isIn("skipped-identical", "excluded");
    }
}
