package io.obitox.transfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.testing.CliRun;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code obitox upload} through the real command line against S3Proxy: folders, odd names, bad input, JSON. */
class UploadCommandTest {
    private S3ProxyServer server;
    private Path dir;
    private Path home;
    private S3Client s3;

    @BeforeEach
    void setUp() {
        server = S3ProxyServer.start();
        server.createBucket("cli-up");
        dir = TestPaths.newDir("upload-cli");
        home = dir.resolve("home");
        s3 = server.client();
        CliRun.addDefaultProfile(home, server, "cli-up");
    }

    @AfterEach
    void tearDown() {
        s3.close();
        server.close();
    }

    private Map<String, Long> objects() {
        Map<String, Long> out = new TreeMap<>();
        s3.listObjectsV2Paginator(b -> b.bucket("cli-up")).contents().forEach(o -> out.put(o.key(), o.size()));
        return out;
    }

    @Test
    void uploadsAFolderRecursivelyKeepingItsNameAndUnicodeAndSpaces() throws Exception {
        Path folder = dir.resolve("Fotos 2026");
        Files.createDirectories(folder.resolve("Été/sub dir"));
        Files.writeString(folder.resolve("Été/résumé final ✓.txt"), "bonjour");
        Files.write(folder.resolve("Été/sub dir/empty.bin"), new byte[0]);
        Files.write(folder.resolve("日本語.dat"), new byte[4096]);
        CliRun run = CliRun.run(home, "upload", folder.toString(), "--prefix", "in/", "--json")
                .ok();
        JsonNode transfers = run.json().get("transfers");
        assertThat(transfers).hasSize(3);
        for (JsonNode t : transfers) {
            assertThat(t.get("state").asText()).isEqualTo("COMPLETED");
            assertThat(t.get("bucket").asText()).isEqualTo("cli-up");
            assertThat(t.has("id") && t.has("path") && t.has("key") && t.has("size") && t.has("etag"))
                    .isTrue();
        }
        assertThat(objects())
                .containsOnly(
                        Map.entry("in/Fotos 2026/Été/résumé final ✓.txt", 7L),
                        Map.entry("in/Fotos 2026/Été/sub dir/empty.bin", 0L),
                        Map.entry("in/Fotos 2026/日本語.dat", 4096L));
    }

    @Test
    void aSymlinkLoopAFifoAndAMissingFileEachGetTheirOwnErrorWhileTheRestUploads() throws Exception {
        Path folder = dir.resolve("mixed");
        Files.createDirectories(folder.resolve("a"));
        Files.writeString(folder.resolve("a/good.txt"), "good");
        Files.createSymbolicLink(folder.resolve("a/loop"), folder);
        Process mkfifo = new ProcessBuilder("mkfifo", folder.resolve("pipe").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        Path missing = dir.resolve("not-there.txt");
        CliRun run = CliRun.run(home, "upload", folder.toString(), missing.toString(), "--json");
        assertThat(run.exit()).isEqualTo(1);
        List<String> codes = new ArrayList<>();
        for (JsonNode t : run.json().get("transfers")) {
            if (!t.get("state").asText().equals("COMPLETED")) {
                codes.add(t.get("errorCode").asText());
                assertThat(t.get("error").asText()).isNotBlank();
            }
        }
        assertThat(codes).containsExactlyInAnyOrder("SYMLINK_LOOP", "NOT_A_FILE", "FILE_NOT_FOUND");
        assertThat(objects()).containsOnlyKeys("mixed/a/good.txt");
        run.assertNoStackTrace();
    }

    @Test
    void aMissingBucketFailsEveryFileWithTheReasonAndExitOne() throws Exception {
        Path f = dir.resolve("x.txt");
        Files.writeString(f, "x");
        CliRun run = CliRun.run(home, "upload", f.toString(), "--bucket", "no-such-bucket");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .contains("FAILED")
                .contains("bucket does not exist")
                .contains("0 uploaded, 1 failed");
        run.assertNoStackTrace();
    }

    @Test
    void manyFilesToAMissingBucketAreReportedOnceAndNothingIsSent() throws Exception {
        Path folder = dir.resolve("fifty");
        Files.createDirectories(folder);
        for (int i = 0; i < 50; i++) {
            Files.writeString(folder.resolve("n" + i + ".txt"), "note " + i);
        }
        CliRun run = CliRun.run(home, "upload", folder.toString(), "--bucket", "not-there");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out().lines().filter(l -> l.startsWith("FAILED")))
                .singleElement()
                .asString()
                .contains("50 file(s) to s3://not-there")
                .contains("nothing sent")
                .contains("[BUCKET_MISSING]");
        assertThat(run.out()).contains("0 uploaded, 50 failed");
        assertThat(run.err())
                .as("nothing was being uploaded")
                .doesNotContain("Uploading")
                .doesNotContain("0/50 files");
        run.assertNoStackTrace();
    }

    @Test
    void runningTheSameUploadAgainAfterAFailureResumesTheSameTransfer() throws Exception {
        Path f = dir.resolve("again.bin");
        Files.write(f, new byte[100_000]);
        CliRun first = CliRun.run(home, "upload", f.toString(), "--bucket", "late-bucket", "--json");
        assertThat(first.exit()).isEqualTo(1);
        String id = first.json().get("transfers").get(0).get("id").asText();
        server.createBucket("late-bucket");
        CliRun second = CliRun.run(home, "upload", f.toString(), "--bucket", "late-bucket", "--json")
                .ok();
        assertThat(second.json().get("transfers").get(0).get("id").asText()).isEqualTo(id);
        assertThat(second.json().get("transfers").get(0).get("state").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void aProgramNamedLikeAPhotoIsRefusedByContentUnlessNoValidateIsGiven() throws Exception {
        Path folder = dir.resolve("holiday");
        Files.createDirectories(folder);
        Files.write(folder.resolve("beach.jpg"), io.obitox.validation.Programs.pe(false, false));
        Files.writeString(folder.resolve("notes.txt"), "sunny");

        CliRun refused = CliRun.run(home, "upload", folder.toString(), "--prefix", "v/", "--json");
        assertThat(refused.exit()).as(refused.err()).isEqualTo(1);
        refused.assertNoStackTrace();
        Map<String, String> states = new TreeMap<>();
        Map<String, String> codes = new TreeMap<>();
        for (JsonNode t : refused.json().get("transfers")) {
            String name = Path.of(t.get("path").asText()).getFileName().toString();
            states.put(name, t.get("state").asText());
            codes.put(name, t.path("errorCode").asText(""));
        }
        assertThat(states).containsOnly(Map.entry("notes.txt", "COMPLETED"), Map.entry("beach.jpg", "REJECTED"));
        assertThat(codes).containsEntry("beach.jpg", "DANGEROUS_TYPE");
        assertThat(objects()).containsOnlyKeys("v/holiday/notes.txt");
        CliRun text = CliRun.run(home, "upload", folder.toString(), "--prefix", "t/");
        assertThat(text.out())
                .as("refused by the policy is rejected, not failed")
                .contains("1 uploaded, 1 rejected, 0 failed.");

        CliRun.run(home, "upload", folder.resolve("beach.jpg").toString(), "--prefix", "raw/", "--no-validate")
                .ok();
        assertThat(objects()).containsKey("raw/beach.jpg");
    }

    @Test
    void hiddenAndSystemFilesTheWalkLeavesOutAreExcludedRowsAndCountedNeverSilent() throws Exception {
        Path folder = TestPaths.writeTree(
                dir.resolve("shoot"),
                "a.txt=a",
                "sub/b.txt=b",
                ".DS_Store=mac",
                "sub/Thumbs.db=win",
                ".git/config=[core]");

        CliRun json = CliRun.run(home, "upload", folder.toString(), "--prefix", "j/", "--json")
                .ok();
        JsonNode summary = json.json().get("summary");
        assertThat(summary.get("uploaded").asInt()).isEqualTo(2);
        assertThat(summary.get("excluded").asInt()).isEqualTo(3);
        Map<String, JsonNode> rows = new TreeMap<>();
        json.json().get("transfers").forEach(t -> rows.put(t.get("key").asText(), t));
        assertThat(rows)
                .containsOnlyKeys(
                        "j/shoot/a.txt",
                        "j/shoot/sub/b.txt",
                        "j/shoot/.DS_Store",
                        "j/shoot/sub/Thumbs.db",
                        "j/shoot/.git/");
        for (String key : List.of("j/shoot/.DS_Store", "j/shoot/sub/Thumbs.db", "j/shoot/.git/")) {
            JsonNode r = rows.get(key);
            assertThat(r.get("action").asText()).as(key).isEqualTo("excluded");
            assertThat(r.get("state").asText()).as(key).isEqualTo("SKIPPED");
            assertThat(r.get("reason").asText()).as(key).isEqualTo("hidden or system file");
            assertThat(r.get("id").isNull()).as(key).isTrue();
        }
        assertThat(objects()).containsOnlyKeys("j/shoot/a.txt", "j/shoot/sub/b.txt");

        CliRun quiet = CliRun.run(home, "upload", folder.toString(), "--prefix", "q/", "-q")
                .ok();
        assertThat(quiet.out()).contains("2 uploaded, 0 skipped identical, 0 skipped existing, 0 renamed, 3 excluded");
    }

    @Test
    void filesRefusedByThePolicyAreCountedRejectedNotFailedInTextAndJson() throws Exception {
        Path folder = dir.resolve("mixed bag");
        Files.createDirectories(folder);
        for (int i = 0; i < 3; i++) {
            Files.writeString(folder.resolve("note" + i + ".txt"), "note " + i);
        }
        Files.write(folder.resolve("invoice.pdf"), io.obitox.validation.Programs.pe(false, false)); // a program
        Files.write(folder.resolve("big.txt"), "x".repeat(5000).getBytes()); // over the policy's 4 KiB
        Path policy = dir.resolve("small.json");
        Files.writeString(policy, "{\"name\": \"Small\", \"maxSize\": \"4K\"}");

        CliRun text = CliRun.run(home, "upload", folder.toString(), "--prefix", "t/", "--policy", policy.toString());
        assertThat(text.exit())
                .as("a rejected file still fails the run: %s", text.err())
                .isEqualTo(1);
        assertThat(text.out())
                .contains("3 uploaded, 2 rejected, 0 failed.")
                .contains(", 0 failed, 2 rejected; ")
                .doesNotContain("2 failed");
        assertThat(text.out().lines().filter(l -> l.startsWith("REJECTED")))
                .hasSize(2)
                .anySatisfy(l -> assertThat(l).contains("invoice.pdf").contains("[DANGEROUS_TYPE]"))
                .anySatisfy(l -> assertThat(l).contains("big.txt").contains("[FILE_TOO_LARGE]"));
        text.assertNoStackTrace();

        CliRun json = CliRun.run(
                home, "upload", folder.toString(), "--prefix", "j/", "--policy", policy.toString(), "--json");
        assertThat(json.exit()).isEqualTo(1);
        JsonNode summary = json.json().get("summary");
        assertThat(summary.get("rejected").asInt()).isEqualTo(2);
        assertThat(summary.get("failed").asInt()).isZero();
        assertThat(summary.get("uploaded").asInt()).isEqualTo(3);
        Map<String, String> states = new TreeMap<>();
        for (JsonNode t : json.json().get("transfers")) {
            states.put(
                    Path.of(t.get("path").asText()).getFileName().toString(),
                    t.get("state").asText());
        }
        assertThat(states)
                .containsEntry("invoice.pdf", "REJECTED")
                .containsEntry("big.txt", "REJECTED")
                .containsEntry("note0.txt", "COMPLETED");
        assertThat(objects())
                .doesNotContainKeys("t/mixed bag/invoice.pdf", "t/mixed bag/big.txt", "j/mixed bag/big.txt");
        assertThat(objects()).containsKeys("t/mixed bag/note2.txt", "j/mixed bag/note2.txt");

        // what is not the policy's verdict (a link looping back into the folder) stays a failure beside them
        Files.createSymbolicLink(folder.resolve("loop"), folder);
        CliRun both = CliRun.run(home, "upload", folder.toString(), "--prefix", "m/", "--policy", policy.toString());
        assertThat(both.exit()).isEqualTo(1);
        assertThat(both.out()).contains("3 uploaded, 2 rejected, 1 failed.").contains(", 1 failed, 2 rejected; ");
    }

    @Test
    void uploadsToAKmsEncryptedBucketWhoseEtagsAreNotMd5sAreReportedCompleted() throws Exception {
        try (FaultProxy kms = new FaultProxy(server.endpoint())) {
            // answers like an SSE-KMS bucket: random ETags of the same shape and x-amz-server-side-encryption: aws:kms
            kms.rules(r -> r.method().equals("PUT") && !r.isPart()
                            || r.method().equals("HEAD")
                            || r.method().equals("GET")
                            || r.isCreateMultipart()
                            || r.isComplete()
                    ? FaultProxy.Kind.KMS_ETAG
                    : FaultProxy.Kind.FORWARD);
            CliRun.run(
                            home,
                            "profile",
                            "add",
                            "kms",
                            "--provider",
                            "ceph",
                            "--endpoint-url",
                            kms.endpoint().toString(),
                            "--path-style",
                            "--bucket",
                            "cli-up",
                            "--access-key-id",
                            server.accessKey(),
                            "--secret-access-key",
                            server.secretKey())
                    .ok();
            Path folder = dir.resolve("kms");
            Files.createDirectories(folder);
            byte[] small = new byte[5000];
            byte[] big = new byte[(17 << 20) + 3]; // above the 16 MiB threshold: multipart
            new java.util.Random(3).nextBytes(small);
            new java.util.Random(4).nextBytes(big);
            Files.write(folder.resolve("small.bin"), small);
            Files.write(folder.resolve("big.bin"), big);

            CliRun run = CliRun.run(
                            home,
                            "upload",
                            folder.toString(),
                            "--profile",
                            "kms",
                            "--part-size",
                            "5M",
                            "--no-validate",
                            "--json")
                    .ok();

            JsonNode transfers = run.json().get("transfers");
            assertThat(transfers).hasSize(2);
            for (JsonNode t : transfers) {
                assertThat(t.get("state").asText()).as(t.toString()).isEqualTo("COMPLETED");
                assertThat(t.get("verifiedBy").asText())
                        .isEqualTo("Content-MD5 on every request + size + SHA-256 metadata");
            }
            assertThat(s3.getObjectAsBytes(b -> b.bucket("cli-up").key("kms/small.bin"))
                            .asByteArray())
                    .isEqualTo(small);
            assertThat(s3.getObjectAsBytes(b -> b.bucket("cli-up").key("kms/big.bin"))
                            .asByteArray())
                    .isEqualTo(big);
        }
    }
}
