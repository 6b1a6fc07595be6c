package io.obitox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.cli.Cli;
import io.obitox.objects.SseCKey;
import io.obitox.testing.ChildProcess;
import io.obitox.testing.CliRun;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.FaultProxy.Kind;
import io.obitox.testing.Rgw;
import io.obitox.testing.TestPaths;
import io.obitox.testing.TestSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Issue 16's server-side encryption on a real Ceph RGW (16, pacific), set up by {@code scripts/rgw-up.sh} with {@code
 * rgw_crypt_require_ssl = false} and the {@code testing} KMS backend ({@code OBITOX_E2E_KMS_KEY_ID} in its {@code
 * rgw.env}): an SSE-C upload decrypts with its key only; an SSE-C multipart upload killed with kill -9 (a second JVM)
 * refuses another key, resumes with the key file given again (sending only what was missing) and decrypts to the
 * file's bytes; SSE-KMS with the testing key, single PUT and multipart. Every upload is proven by size + the SHA-256
 * metadata, since RGW's answers say the object is encrypted (its ETag is then no proof). RGW 16 has no SSE-S3: it
 * stores an {@code AES256} request unencrypted without a word, and the transfer says so in its notice.
 */
@Tag("e2e")
class EncryptionOnRgwTest {
    private static final long PART = 5L << 20;
    private static Rgw rgw;
    private static String bucket;
    private static CliRun.Runner cli;
    private static FaultProxy proxy;
    private static Path dir;
    private static SseCKey keyA;
    private static Path keyFileA;
    private static Path keyFileB;

    @BeforeAll
    static void setUp() throws Exception {
        CliRun.awsFiles(); // first: nothing may be written before this check
        rgw = Rgw.require();
        Assumptions.assumeTrue(
                System.getenv("OBITOX_E2E_KMS_KEY_ID") != null,
                "the RGW was not started by this version of scripts/rgw-up.sh (no OBITOX_E2E_KMS_KEY_ID): SSE-C over"
                        + " http and the testing KMS need its configuration; restart it with scripts/rgw-up.sh DIR");
        bucket = Rgw.uniqueBucket("sse");
        dir = TestPaths.newDir("e2e-sse");
        proxy = new FaultProxy(rgw.endpoint());
        cli = CliRun.in(dir.resolve("home"));
        cli.run(
                        "profile",
                        "add",
                        "rgw-sse",
                        "--provider",
                        "ceph",
                        "--endpoint-url",
                        proxy.endpoint().toString(),
                        "--path-style",
                        "--access-key-id",
                        rgw.accessKey(),
                        "--secret-access-key",
                        rgw.secretKey())
                .assertExit(Cli.OK);
        rgw.createBucket(bucket);
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        new Random(16).nextBytes(a);
        new Random(17).nextBytes(b);
        keyA = SseCKey.of(a);
        // the keys must never reach a log or the database: the leak check of the e2e run looks for them
        TestSecrets.register(keyA.base64());
        TestSecrets.register(SseCKey.of(b).base64());
        keyFileA = Files.write(dir.resolve("key-a.bin"), a); // raw 32 bytes
        keyFileB =
                Files.writeString(dir.resolve("key-b.txt"), Base64.getEncoder().encodeToString(b) + "\n");
    }

    @AfterAll
    static void tearDown() {
        if (proxy != null) {
            proxy.close();
        }
        if (bucket != null) {
            rgw.deleteBucket(bucket);
        }
    }

    @Test
    void anSseCUploadDecryptsWithItsKeyOnly() throws Exception {
        Path file = random(dir.resolve("files/secret.bin"), 300_000, 1);
        JsonNode out = cli.run(
                        "upload",
                        file.toString(),
                        "--bucket",
                        bucket,
                        "--prefix",
                        "ssec",
                        "--no-validate",
                        "--sse-c-key-file",
                        keyFileA.toString(),
                        "--json",
                        "--profile",
                        "rgw-sse")
                .assertExit(Cli.OK)
                .json();
        JsonNode t = out.get("transfers").get(0);
        assertThat(t.get("state").asText()).as(t.toString()).isEqualTo("COMPLETED");
        assertThat(t.get("verifiedBy").asText()).isEqualTo("Content-MD5 on every request + size + SHA-256 metadata");
        assertDecrypts("ssec/secret.bin", file);
        try (S3Client s3 = rgw.client()) {
            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("ssec/secret.bin")))
                    .as("without the key RGW refuses to serve it")
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        }
        JsonNode stat = cli.run(
                        "stat",
                        bucket + "/ssec/secret.bin",
                        "--json",
                        "--sse-c-key-file",
                        keyFileA.toString(),
                        "--profile",
                        "rgw-sse")
                .assertExit(Cli.OK)
                .json();
        assertThat(stat.get("size").asLong()).isEqualTo(300_000);
        assertThat(stat.get("metadata").get("sha256").asText()).isEqualTo(sha256(Files.readAllBytes(file)));
    }

    @Test
    void anSseCMultipartUploadKilledResumesWithItsKeyAndRefusesAnother() throws Exception {
        Path file = random(dir.resolve("files/big-secret.bin"), 4 * PART + 12_345, 2);
        String key = "ssec-kill/big-secret.bin";
        // the child CLI uploads one part at a time; part 3 is held half-way and the process killed there
        proxy.rules(r -> r.isPart() && r.partNumber() == 3 ? Kind.HOLD_MID_BODY : Kind.FORWARD);
        Process upload = ChildProcess.start(
                dir,
                "ssec-upload",
                Map.of(),
                List.of(
                        "--home",
                        dir.resolve("home").toString(),
                        "upload",
                        file.toString(),
                        "--bucket",
                        bucket,
                        "--prefix",
                        "ssec-kill",
                        "--no-validate",
                        "--sse-c-key-file",
                        keyFileA.toString(),
                        "--part-size",
                        "5M",
                        "--concurrency",
                        "1",
                        "--profile",
                        "rgw-sse",
                        "-q"));
        assertThat(proxy.awaitHeld(120))
                .as("the upload reached part 3; see " + dir)
                .isTrue();
        upload.destroyForcibly(); // SIGKILL
        assertThat(upload.waitFor(30, TimeUnit.SECONDS)).isTrue();
        proxy.rules(r -> Kind.FORWARD);
        proxy.releaseHeld();
        long sentBefore = proxy.bodyBytesForwarded();

        // another key: refused before anything is sent (parts under two keys cannot make one object)
        CliRun other = cli.run(
                "upload",
                file.toString(),
                "--bucket",
                bucket,
                "--prefix",
                "ssec-kill",
                "--no-validate",
                "--sse-c-key-file",
                keyFileB.toString(),
                "--part-size",
                "5M",
                "--profile",
                "rgw-sse");
        assertThat(other.exit()).as(other.out() + other.err()).isNotEqualTo(Cli.OK);
        assertThat(other.out() + other.err()).contains("SSE_C_KEY_MISMATCH");
        other.assertNoStackTrace();
        assertThat(proxy.bodyBytesForwarded())
                .as("nothing sent with the other key")
                .isEqualTo(sentBefore);

        // the same key file again: the upload resumes where it stood
        JsonNode out = cli.run(
                        "upload",
                        file.toString(),
                        "--bucket",
                        bucket,
                        "--prefix",
                        "ssec-kill",
                        "--no-validate",
                        "--sse-c-key-file",
                        keyFileA.toString(),
                        "--part-size",
                        "5M",
                        "--json",
                        "--profile",
                        "rgw-sse")
                .assertExit(Cli.OK)
                .json();
        JsonNode t = out.get("transfers").get(0);
        assertThat(t.get("state").asText()).as(t.toString()).isEqualTo("COMPLETED");
        assertThat(t.get("verifiedBy").asText()).isEqualTo("Content-MD5 on every request + size + SHA-256 metadata");
        long resent = proxy.bodyBytesForwarded() - sentBefore;
        assertThat(resent)
                .as("parts 1 and 2 were on the server already and not sent again (the rest, and Complete's XML)")
                .isLessThanOrEqualTo(Files.size(file) - 2 * PART + 16_384);
        assertDecrypts(key, file);
        try (S3Client s3 = rgw.client()) {
            assertThat(s3.listMultipartUploads(b -> b.bucket(bucket).prefix("ssec-kill/"))
                            .uploads())
                    .as("no incomplete upload left behind")
                    .isEmpty();
        }
    }

    @Test
    void sseKmsWithTheTestingKeyOnSinglePutAndMultipart() throws Exception {
        String keyId = System.getenv("OBITOX_E2E_KMS_KEY_ID");
        Path small = random(dir.resolve("kms/small.bin"), 70_000, 3);
        Path big = random(dir.resolve("kms/big.bin"), 2 * PART + 7, 4);
        JsonNode out = cli.run(
                        "upload",
                        small.toString(),
                        big.toString(),
                        "--bucket",
                        bucket,
                        "--prefix",
                        "kms",
                        "--no-validate",
                        "--sse-kms-key-id",
                        keyId,
                        "--part-size",
                        "5M",
                        "--json",
                        "--profile",
                        "rgw-sse")
                .assertExit(Cli.OK)
                .json();
        for (JsonNode t : out.get("transfers")) {
            assertThat(t.get("state").asText()).as(t.toString()).isEqualTo("COMPLETED");
            assertThat(t.get("verifiedBy").asText())
                    .as(t.get("key").asText())
                    .isEqualTo("Content-MD5 on every request + size + SHA-256 metadata");
        }
        try (S3Client s3 = rgw.client()) {
            for (Path f : List.of(small, big)) {
                String k = "kms/" + f.getFileName();
                HeadObjectResponse h = s3.headObject(b -> b.bucket(bucket).key(k));
                assertThat(h.serverSideEncryptionAsString()).isEqualTo("aws:kms");
                assertThat(h.ssekmsKeyId()).isEqualTo(keyId);
                byte[] stored =
                        s3.getObjectAsBytes(b -> b.bucket(bucket).key(k)).asByteArray();
                assertThat(sha256(stored)).isEqualTo(sha256(Files.readAllBytes(f)));
            }
        }
        JsonNode stat = cli.run("stat", bucket + "/kms/big.bin", "--json", "--profile", "rgw-sse")
                .assertExit(Cli.OK)
                .json();
        assertThat(stat.get("encryption").asText()).contains("aws:kms");
    }

    @Test
    void sseS3WhichRgw16IgnoresCompletesWithANotice() throws Exception {
        Path file = random(dir.resolve("sse-s3/plain.bin"), 40_000, 5);
        JsonNode t = cli.run(
                        "upload",
                        file.toString(),
                        "--bucket",
                        bucket,
                        "--prefix",
                        "sse-s3",
                        "--no-validate",
                        "--sse",
                        "AES256",
                        "--json",
                        "--profile",
                        "rgw-sse")
                .assertExit(Cli.OK)
                .json()
                .get("transfers")
                .get(0);
        assertThat(t.get("state").asText()).isEqualTo("COMPLETED");
        try (S3Client s3 = rgw.client()) {
            String sse =
                    s3.headObject(b -> b.bucket(bucket).key("sse-s3/plain.bin")).serverSideEncryptionAsString();
            if (sse == null) { // Ceph 16: stored unencrypted, without a word; ObitoX says so
                assertThat(t.get("notice").asText()).contains("did not confirm the encryption asked for");
            } else { // a later Ceph with an SSE-S3 backend
                assertThat(t.has("notice")).isFalse();
            }
        }
    }

    private static void assertDecrypts(String key, Path file) throws Exception {
        try (S3Client s3 = rgw.client()) {
            byte[] stored = s3.getObjectAsBytes(b -> b.bucket(bucket)
                            .key(key)
                            .sseCustomerAlgorithm("AES256")
                            .sseCustomerKey(keyA.base64())
                            .sseCustomerKeyMD5(keyA.md5Base64()))
                    .asByteArray();
            assertThat(sha256(stored)).as("decrypted with the key").isEqualTo(sha256(Files.readAllBytes(file)));
        }
    }

    private static Path random(Path file, long size, long seed) throws Exception {
        Files.createDirectories(file.getParent());
        byte[] data = new byte[(int) size];
        new Random(seed).nextBytes(data);
        return Files.write(file, data);
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
