package io.obitox.sync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.testing.CliRun;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 15 on the command line, against the in-process S3Proxy through a {@link FaultProxy} that counts requests:
 * {@code obitox sync --delete} after 20 same-size-same-mtime edits, 10 additions and 5 removals in a 2,000-file folder;
 * a repeated upload that sends nothing; every {@code --if-exists} value; a key written by someone else; exclude rules
 * and {@code --dry-run}.
 */
class SyncCliTest {
    private static final String PROFILE = "SyncProxy";
    private static S3ProxyServer server;
    private static FaultProxy proxy;
    private static Path dir;
    private static Path home;
    private static S3Client s3;
    private static int buckets;

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start();
        proxy = new FaultProxy(server.endpoint());
        dir = TestPaths.newDir("sync-cli");
        home = dir.resolve("home");
        s3 = server.client();
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
        s3.close();
        proxy.close();
        server.close();
    }

    private static String newBucket() {
        String b = "sync-" + (++buckets);
        server.createBucket(b);
        return b;
    }

    private static CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--profile", PROFILE));
        return CliRun.run(home, all.toArray(String[]::new));
    }

    /** The object PUTs (single PUTs and parts) sent through the proxy since {@code from}, probe writes left out. */
    private static List<FaultProxy.Request> objectWrites(int from) {
        List<FaultProxy.Request> all = proxy.requests();
        return all.subList(from, all.size()).stream()
                .filter(r -> r.method().equals("PUT") && !r.target().contains(".obitox-probe"))
                .filter(r ->
                        r.target().split("\\?")[0].chars().filter(c -> c == '/').count() > 1) // not a bucket
                .toList();
    }

    private static Map<String, String> bucketSha256(String bucket) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (var o : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            byte[] data =
                    s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asByteArray();
            out.put(o.key(), sha256(data));
        }
        return out;
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

    private static Map<String, Integer> actions(JsonNode doc) {
        Map<String, Integer> n = new HashMap<>();
        for (JsonNode t : doc.get("transfers")) {
            n.merge(t.get("action").asText(), 1, Integer::sum);
        }
        return n;
    }

    @Test
    void aRepeatedUploadSendsNothingAndSyncDeleteSendsExactlyTheChangedAddedAndRemoved() throws Exception {
        String bucket = newBucket();
        Path folder = dir.resolve("photos");
        Files.createDirectories(folder);
        for (int i = 0; i < 2000; i++) {
            Path sub = folder.resolve("d" + (i % 20));
            Files.createDirectories(sub);
            Files.writeString(sub.resolve("f" + i + ".txt"), "file number " + i + " " + "x".repeat(i % 50));
        }
        long t0 = System.nanoTime();
        JsonNode first = run(
                        "upload", folder.toString(), "--bucket", bucket, "--prefix", "m/", "--json", "--no-validate")
                .ok()
                .json();
        long firstMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(first.get("summary").get("uploaded").asInt()).isEqualTo(2000);
        assertThat(first.get("transfers"))
                .allSatisfy(t -> assertThat(t.get("action").asText()).isEqualTo("uploaded"));
        // the existing fields are still there
        assertThat(first.get("transfers").get(0).has("etag")).isTrue();
        assertThat(first.get("transfers").get(0).has("bytesDone")).isTrue();
        var head = s3.headObject(b -> b.bucket(bucket).key("m/photos/d0/f0.txt"));
        assertThat(head.metadata().get("sha256")).isEqualTo(sha256(Files.readAllBytes(folder.resolve("d0/f0.txt"))));
        assertThat(head.metadata().get("mtime")).matches("\\d+\\.\\d{3}");

        int mark = proxy.requests().size();
        long bodyBefore = proxy.bodyBytesForwarded();
        t0 = System.nanoTime();
        JsonNode second = run(
                        "upload", folder.toString(), "--bucket", bucket, "--prefix", "m/", "--json", "--no-validate")
                .ok()
                .json();
        long secondMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(objectWrites(mark)).isEmpty();
        assertThat(proxy.bodyBytesForwarded()).isEqualTo(bodyBefore);
        assertThat(second.get("summary").get("skippedIdentical").asInt()).isEqualTo(2000);
        assertThat(second.get("summary").get("bytesNotSent").asLong()).isPositive();
        // issue 15: every skipped file is a SKIPPED transfer of its own, with its id and action
        assertThat(second.get("transfers")).hasSize(2000).allSatisfy(t -> {
            assertThat(t.get("state").asText()).isEqualTo("SKIPPED");
            assertThat(t.get("action").asText()).isEqualTo("skipped-identical");
            assertThat(t.get("id").isTextual()).isTrue();
            assertThat(t.get("key").asText()).startsWith("m/photos/");
        });
        assertThat(second.get("transfers").findValuesAsText("id")).doesNotHaveDuplicates();
        JsonNode listed = CliRun.run(home, "transfers", "list", "--json", "--limit", "3")
                .ok()
                .json();
        assertThat(listed.get("transfers"))
                .hasSize(3)
                .allSatisfy(t -> assertThat(t.get("state").asText()).isEqualTo("SKIPPED"));
        System.out.printf(
                "2,000 files: first upload %d ms, unchanged second upload %d ms%n", firstMillis, secondMillis);
        assertThat(skippedRowsUnder("m/photos/")).hasSize(2000);

        // the same again: each file's skipped row is replaced (same id, this batch), the history does not grow
        JsonNode third = run(
                        "upload", folder.toString(), "--bucket", bucket, "--prefix", "m/", "--json", "--no-validate")
                .ok()
                .json();
        assertThat(third.get("transfers").findValuesAsText("id"))
                .containsExactlyInAnyOrderElementsOf(second.get("transfers").findValuesAsText("id"));
        assertThat(skippedRowsUnder("m/photos/"))
                .extracting(t -> t.get("id").asText())
                .containsExactlyInAnyOrderElementsOf(third.get("transfers").findValuesAsText("id"));

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
        JsonNode sync = run(
                        "sync", folder.toString(), "--bucket", bucket, "--prefix", "m/photos/", "--delete", "--json")
                .ok()
                .json();
        List<FaultProxy.Request> writes = objectWrites(mark);
        assertThat(writes).hasSize(30);
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
        assertThat(actions(sync)).containsEntry("deleted", 5).containsEntry("uploaded", 30);
        // no webhook endpoint wants them: sync records no row per unchanged file, its JSON rows still say what it did
        assertThat(sync.get("transfers"))
                .filteredOn(t -> t.get("action").asText().equals("skipped-identical"))
                .hasSize(1975)
                .allSatisfy(t -> {
                    assertThat(t.get("state").asText()).isEqualTo("SKIPPED");
                    assertThat(t.get("id").isNull()).isTrue();
                });
        assertThat(skippedRowsUnder("m/photos/"))
                .as("the upload's rows are left as they were, none added")
                .extracting(t -> t.get("id").asText())
                .containsExactlyInAnyOrderElementsOf(third.get("transfers").findValuesAsText("id"));
        assertThat(bucketSha256(bucket)).isEqualTo(folderSha256(folder, "m/photos/"));
    }

    /** The SKIPPED transfers stored for keys under {@code prefix}, as {@code obitox transfers list --json} shows them. */
    private static List<JsonNode> skippedRowsUnder(String prefix) throws Exception {
        JsonNode all = CliRun.run(home, "transfers", "list", "--json", "--limit", "100000")
                .ok()
                .json();
        List<JsonNode> rows = new java.util.ArrayList<>();
        for (JsonNode t : all.get("transfers")) {
            if (t.get("state").asText().equals("SKIPPED")
                    && t.get("key").asText().startsWith(prefix)) {
                rows.add(t);
            }
        }
        return rows;
    }

    @Test
    void aSyncToAMissingBucketSaysWhyOnceNotOncePerFile() throws Exception {
        Path folder = dir.resolve("nowhere");
        Files.createDirectories(folder);
        for (int i = 0; i < 30; i++) {
            Files.writeString(folder.resolve("f" + i + ".txt"), "file " + i);
        }
        CliRun r = run("sync", folder.toString(), "--bucket", "no-such-bucket-here")
                .assertExit(1)
                .assertNoStackTrace();
        String all = r.out() + r.err();
        assertThat(r.lines()).filteredOn(l -> l.startsWith("FAILED")).hasSize(1);
        assertThat(all)
                .contains("FAILED  30 file(s) to s3://no-such-bucket-here")
                .contains("nothing sent: [BUCKET_MISSING]");
        // nothing can be overwritten when nothing can be sent: the listing's failure is not a second warning
        assertThat(all).doesNotContain("treated as new");
    }

    @Test
    void everyIfExistsValueOnAnExistingKey() throws Exception {
        String bucket = newBucket();
        Path f = dir.resolve("policies").resolve("report.pdf");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "version one");
        run("upload", f.toString(), "--bucket", bucket, "--no-validate").ok();

        // same content: skip-identical skips, without sending a byte
        int mark = proxy.requests().size();
        JsonNode same = run("upload", f.toString(), "--bucket", bucket, "--no-validate", "--json")
                .ok()
                .json();
        assertThat(same.get("transfers").get(0).get("action").asText()).isEqualTo("skipped-identical");
        assertThat(objectWrites(mark)).isEmpty();
        // in text, nothing to send is said as such, not as an upload of "0 file(s)" with "0/0 files" progress
        CliRun again =
                run("upload", f.toString(), "--bucket", bucket, "--no-validate").ok();
        assertThat(again.err())
                .contains("Nothing to send to s3://" + bucket + "/")
                .doesNotContain("0/0 files");
        assertThat(again.out()).contains("0 uploaded, 1 skipped identical");

        Files.writeString(f, "version two");
        JsonNode skip = run(
                        "upload", f.toString(), "--bucket", bucket, "--no-validate", "--json", "--if-exists", "skip")
                .ok()
                .json();
        assertThat(skip.get("transfers").get(0).get("action").asText()).isEqualTo("skipped-existing");
        assertThat(skip.get("transfers").get(0).get("state").asText()).isEqualTo("SKIPPED");
        assertThat(skip.get("transfers").get(0).get("id").isTextual()).isTrue();
        assertThat(content(bucket, "report.pdf")).isEqualTo("version one");

        CliRun fail = run("upload", f.toString(), "--bucket", bucket, "--no-validate", "--json", "--if-exists", "fail");
        assertThat(fail.exit()).isEqualTo(1);
        JsonNode failRow = fail.json().get("transfers").get(0);
        assertThat(failRow.get("action").asText()).isEqualTo("failed");
        assertThat(failRow.get("errorCode").asText()).isEqualTo("OBJECT_EXISTS");
        assertThat(failRow.get("id").isNull())
                .as("fail on an existing key is not a transfer")
                .isTrue();
        assertThat(content(bucket, "report.pdf")).isEqualTo("version one");

        JsonNode r1 = run(
                        "upload", f.toString(), "--bucket", bucket, "--no-validate", "--json", "--if-exists", "rename")
                .ok()
                .json();
        JsonNode r2 = run(
                        "upload", f.toString(), "--bucket", bucket, "--no-validate", "--json", "--if-exists", "rename")
                .ok()
                .json();
        assertThat(r1.get("transfers").get(0).get("action").asText()).isEqualTo("renamed");
        assertThat(r1.get("transfers").get(0).get("key").asText()).isEqualTo("report (1).pdf");
        assertThat(r2.get("transfers").get(0).get("key").asText()).isEqualTo("report (2).pdf");
        assertThat(r2.get("transfers").get(0).get("originalKey").asText()).isEqualTo("report.pdf");
        assertThat(content(bucket, "report (2).pdf")).isEqualTo("version two");

        JsonNode changed = run("upload", f.toString(), "--bucket", bucket, "--no-validate", "--json")
                .ok()
                .json();
        assertThat(changed.get("transfers").get(0).get("action").asText()).isEqualTo("uploaded");
        assertThat(content(bucket, "report.pdf")).isEqualTo("version two");

        Files.writeString(f, "version three");
        JsonNode over = run(
                        "upload",
                        f.toString(),
                        "--bucket",
                        bucket,
                        "--no-validate",
                        "--json",
                        "--if-exists",
                        "overwrite")
                .ok()
                .json();
        assertThat(over.get("transfers").get(0).get("action").asText()).isEqualTo("uploaded");
        assertThat(content(bucket, "report.pdf")).isEqualTo("version three");

        CliRun bad = run("upload", f.toString(), "--bucket", bucket, "--if-exists", "maybe");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.out() + bad.err()).contains("INVALID_IF_EXISTS");
    }

    @Test
    void aKeyAnotherClientCreatesAfterTheListingIsNotOverwrittenUnderSkip() throws Exception {
        String bucket = newBucket();
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
            JsonNode row = run.json().get("transfers").get(0);
            assertThat(row.get("action").asText()).isEqualTo("skipped-existing");
            // the PutObject's 412 under skip ends the transfer SKIPPED, not FAILED (V18 if_exists on the row)
            assertThat(row.get("state").asText()).isEqualTo("SKIPPED");
            assertThat(row.get("id").isTextual()).isTrue();
            assertThat(run.json().get("summary").get("skippedExisting").asInt()).isEqualTo(1);
            assertThat(run.json().get("summary").get("failed").asInt()).isZero();
            JsonNode listed = CliRun.run(home, "transfers", "list", "--json", "--limit", "1")
                    .ok()
                    .json();
            assertThat(listed.get("transfers").get(0).get("id").asText())
                    .isEqualTo(row.get("id").asText());
            assertThat(listed.get("transfers").get(0).get("state").asText()).isEqualTo("SKIPPED");
            assertThat(run.exit()).isZero();

            // the same race in text: the file is not counted as uploaded
            raced.set(false);
            Files.writeString(f, "ours again");
            s3.deleteObject(b -> b.bucket(bucket).key("late.txt"));
            CliRun text = run("upload", f.toString(), "--bucket", bucket, "--no-validate", "--if-exists", "skip");
            assertThat(raced).isTrue();
            assertThat(content(bucket, "late.txt")).isEqualTo("theirs");
            assertThat(text.out()).contains("0 uploaded, 0 failed.").contains("1 skipped existing");
            assertThat(text.exit()).isZero();
        } finally {
            proxy.rules(r -> FaultProxy.Kind.FORWARD);
        }
    }

    @Test
    void aRenameWhoseNewNameAnotherClientTakesMeanwhileGoesToTheNextNumber() throws Exception {
        String bucket = newBucket();
        Path f = dir.resolve("rename-race").resolve("r.txt");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "ours");
        s3.putObject(b -> b.bucket(bucket).key("r.txt"), RequestBody.fromString("first"));
        AtomicBoolean raced = new AtomicBoolean();
        proxy.rules(r -> {
            if (r.method().equals("PUT")
                    && r.target().contains("r%20%281%29.txt")
                    && raced.compareAndSet(false, true)) {
                s3.putObject(b -> b.bucket(bucket).key("r (1).txt"), RequestBody.fromString("theirs"));
            }
            return FaultProxy.Kind.FORWARD;
        });
        try {
            CliRun run = run(
                            "upload",
                            f.toString(),
                            "--bucket",
                            bucket,
                            "--no-validate",
                            "--json",
                            "--if-exists",
                            "rename")
                    .ok();
            assertThat(raced).isTrue();
            JsonNode rows = run.json().get("transfers");
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("action").asText()).isEqualTo("renamed");
            assertThat(rows.get(0).get("key").asText()).isEqualTo("r (2).txt");
            assertThat(content(bucket, "r (1).txt")).isEqualTo("theirs");
            assertThat(content(bucket, "r (2).txt")).isEqualTo("ours");
            assertThat(content(bucket, "r.txt")).isEqualTo("first");
        } finally {
            proxy.rules(r -> FaultProxy.Kind.FORWARD);
        }
    }

    @Test
    void multipartUploadsCarryTheShaWhenThePlannerReadTheFileAndCompleteRespectsSkip() throws Exception {
        String bucket = newBucket();
        Path f = dir.resolve("multipart").resolve("big.bin");
        Files.createDirectories(f.getParent());
        byte[] data = new byte[17 << 20]; // over the 16 MiB threshold: 4 parts of 5 MiB
        new java.util.Random(7).nextBytes(data);
        Files.write(f, data);
        run("upload", f.toString(), "--bucket", bucket, "--no-validate", "--part-size", "5M")
                .ok();
        var first = s3.headObject(b -> b.bucket(bucket).key("big.bin"));
        assertThat(first.eTag()).contains("-4");
        // a NEW multipart file is not read by the planner; on a generic server, whose multipart ETags prove nothing,
        // the upload reads it once for x-amz-meta-sha256, the final check's proof (issue 16)
        assertThat(first.metadata()).containsKey("mtime").containsEntry("sha256", sha256(data));
        assertThat(run("upload", f.toString(), "--bucket", bucket, "--no-validate", "--part-size", "5M", "--json")
                        .ok()
                        .json()
                        .get("transfers")
                        .get(0)
                        .get("action")
                        .asText())
                .isEqualTo("skipped-identical"); // by the index row, nothing read

        // generic S3 makes no promise about multipart ETags: the planner compares the object's x-amz-meta-sha256 and
        // uploads the changed file, which carries its new SHA-256
        data[100] ^= 1;
        Files.write(f, data);
        JsonNode changed = run(
                        "upload", f.toString(), "--bucket", bucket, "--no-validate", "--part-size", "5M", "--json")
                .ok()
                .json();
        assertThat(changed.get("transfers").get(0).get("action").asText()).isEqualTo("uploaded");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("big.bin")).metadata())
                .containsEntry("sha256", sha256(data));

        // where multipart ETags are md5-of-md5s (Ceph), the planner reads the file to compare them, and the upload of
        // a changed file then carries the SHA-256 it computed
        CliRun.run(
                        home,
                        "profile",
                        "add",
                        "SyncCeph",
                        "--provider",
                        "ceph",
                        "--endpoint-url",
                        proxy.endpoint().toString(),
                        "--path-style",
                        "--access-key-id",
                        server.accessKey(),
                        "--secret-access-key",
                        server.secretKey())
                .ok();
        data[200] ^= 1;
        Files.write(f, data);
        JsonNode ceph = CliRun.run(
                        home,
                        "upload",
                        f.toString(),
                        "--bucket",
                        bucket,
                        "--no-validate",
                        "--part-size",
                        "5M",
                        "--json",
                        "--profile",
                        "SyncCeph")
                .ok()
                .json();
        assertThat(ceph.get("transfers").get(0).get("action").asText()).isEqualTo("uploaded");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("big.bin"))
                        .metadata()
                        .get("sha256"))
                .isEqualTo(sha256(data));

        // someone writes the key while the parts go up: Complete with If-None-Match is refused
        Path g = dir.resolve("multipart").resolve("late-big.bin");
        Files.write(g, data);
        AtomicBoolean raced = new AtomicBoolean();
        proxy.rules(r -> {
            if (r.isComplete() && r.target().contains("late-big.bin") && raced.compareAndSet(false, true)) {
                s3.putObject(b -> b.bucket(bucket).key("late-big.bin"), RequestBody.fromString("theirs"));
            }
            return FaultProxy.Kind.FORWARD;
        });
        try {
            JsonNode skip = run(
                            "upload",
                            g.toString(),
                            "--bucket",
                            bucket,
                            "--no-validate",
                            "--part-size",
                            "5M",
                            "--json",
                            "--if-exists",
                            "skip")
                    .json();
            assertThat(raced).isTrue();
            // S3Proxy 4.1 honours If-None-Match on CompleteMultipartUpload too
            assertThat(skip.get("transfers").get(0).get("action").asText()).isEqualTo("skipped-existing");
            // skipped after a 412 at Complete: its transfer ran and ends SKIPPED (the policy is stored on the row)
            assertThat(skip.get("transfers").get(0).get("state").asText()).isEqualTo("SKIPPED");
            assertThat(skip.get("transfers").get(0).get("id").isTextual()).isTrue();
            assertThat(content(bucket, "late-big.bin")).isEqualTo("theirs");
            assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty(); // aborted
        } finally {
            proxy.rules(r -> FaultProxy.Kind.FORWARD);
        }
    }

    @Test
    void anObjectOverwrittenByAnotherToolIsNotTakenForIdentical() throws Exception {
        String bucket = newBucket();
        Path f = dir.resolve("other-tool").resolve("data.csv");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "a,b,c\n1,2,3\n");
        run("upload", f.toString(), "--bucket", bucket, "--no-validate").ok();
        // same size, other bytes, as another tool would write it (no x-amz-meta-sha256)
        s3.putObject(b -> b.bucket(bucket).key("data.csv"), RequestBody.fromString("x,y,z\n9,8,7\n"));
        JsonNode again = run("upload", f.toString(), "--bucket", bucket, "--no-validate", "--json")
                .ok()
                .json();
        assertThat(again.get("transfers").get(0).get("action").asText()).isEqualTo("uploaded");
        assertThat(content(bucket, "data.csv")).isEqualTo("a,b,c\n1,2,3\n");
    }

    @Test
    void excludedFilesAreListedByRuleDryRunChangesNothingAndDeleteHasLimits() throws Exception {
        String bucket = newBucket();
        Path folder = TestPaths.writeTree(
                dir.resolve("site"),
                ".git/config=[core]",
                ".DS_Store=junk",
                "Thumbs.db=junk",
                "build.tmp=temp",
                "index.html=<h1>hi</h1>",
                "css/site.css=h1{}");
        s3.putObject(b -> b.bucket(bucket).key("web/old.html"), RequestBody.fromString("old"));
        s3.putObject(b -> b.bucket(bucket).key("outside.txt"), RequestBody.fromString("not ours"));

        int mark = proxy.requests().size();
        JsonNode dry = run(
                        "sync",
                        folder.toString(),
                        "--bucket",
                        bucket,
                        "--prefix",
                        "web",
                        "--exclude",
                        "*.tmp",
                        "--delete",
                        "--dry-run",
                        "--json")
                .ok()
                .json();
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        Map<String, String> rules = new TreeMap<>();
        for (JsonNode t : dry.get("transfers")) {
            if (t.get("action").asText().equals("excluded")) {
                rules.put(t.get("key").asText(), t.get("rule").asText());
                assertThat(t.get("reason").asText()).startsWith("skipped by rule ");
                assertThat(t.get("id").isNull())
                        .as("excluded files are not transfers")
                        .isTrue();
            }
        }
        assertThat(rules)
                .containsEntry("web/.git/", ".git/") // the folder, once: not walked
                .containsEntry("web/.DS_Store", "**/.DS_Store")
                .containsEntry("web/Thumbs.db", "Thumbs.db")
                .containsEntry("web/build.tmp", "*.tmp")
                .hasSize(4);
        assertThat(actions(dry)).containsEntry("uploaded", 2).containsEntry("deleted", 1);
        assertThat(dry.get("summary").get("excluded").asInt()).isEqualTo(4);
        // nothing written, nothing deleted
        assertThat(proxy.requests().subList(mark, proxy.requests().size()))
                .allSatisfy(r -> assertThat(r.method()).isIn("GET", "HEAD"));
        assertThat(keys(bucket)).containsExactly("outside.txt", "web/old.html");

        CliRun plain = run("sync", folder.toString(), "--bucket", bucket, "--prefix", "web", "--exclude", "*.tmp")
                .ok();
        assertThat(plain.out()).contains("skipped by rule *.tmp").contains("skipped by rule .git/");
        assertThat(plain.out()).contains("2 uploaded").contains("4 excluded");
        assertThat(keys(bucket)).containsExactly("outside.txt", "web/css/site.css", "web/index.html", "web/old.html");
        CliRun text = run(
                        "sync",
                        folder.toString(),
                        "--bucket",
                        bucket,
                        "--prefix",
                        "web",
                        "--exclude",
                        "*.tmp",
                        "--delete")
                .ok();
        assertThat(text.out()).contains("0 uploaded, 2 skipped identical").contains("1 deleted");
        assertThat(keys(bucket)).containsExactly("outside.txt", "web/css/site.css", "web/index.html");

        // an emptied folder would delete every object under the prefix: refused without --yes
        Path empty = dir.resolve("empty-site");
        Files.createDirectories(empty);
        run("sync", empty.toString(), "--bucket", bucket, "--prefix", "web", "--delete")
                .failsWith("DELETE_LIMIT");
        assertThat(keys(bucket)).containsExactly("outside.txt", "web/css/site.css", "web/index.html");
        run("sync", empty.toString(), "--bucket", bucket, "--prefix", "web", "--delete", "--yes")
                .ok();
        assertThat(keys(bucket)).containsExactly("outside.txt");
    }

    private static List<String> keys(String bucket) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                .map(o -> o.key())
                .sorted()
                .toList();
    }

    private static String content(String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
    }
}
