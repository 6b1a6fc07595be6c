package io.obitox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.cli.Cli;
import io.obitox.testing.ChildProcess;
import io.obitox.testing.CliRun;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.FaultProxy.Kind;
import io.obitox.testing.Rgw;
import io.obitox.testing.TestPaths;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code obitox download} of a 65 MiB object on Ceph RGW (issue 18): ranged parts through a proxy that counts them,
 * verified by the SHA-256 ObitoX's upload stored; a kill -9 of the downloading CLI mid-way, then the same command
 * again: byte-identical, and only the parts in flight at the kill fetched twice.
 */
@Tag("e2e")
class DownloadOnRgwTest {
    private static final long SIZE = (65L << 20) + 4321;
    private static Rgw rgw;
    private static FaultProxy proxy;
    private static Path dir;
    private static CliRun.Runner cli;
    private static String bucket;
    private static Path source;

    @BeforeAll
    static void setUp() throws Exception {
        CliRun.awsFiles();
        rgw = Rgw.require();
        proxy = new FaultProxy(rgw.endpoint());
        dir = TestPaths.newDir("e2e-download");
        cli = CliRun.in(dir.resolve("home"));
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
        bucket = Rgw.uniqueBucket("download");
        rgw.createBucket(bucket);
        source = dir.resolve("src/big.bin");
        Files.createDirectories(source.getParent());
        byte[] block = new byte[1 << 20];
        Random random = new Random(18);
        try (var out = Files.newOutputStream(source)) {
            for (long left = SIZE; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
        cli.run("upload", source.toString(), "--bucket", bucket, "--profile", "lab", "--no-validate", "-q")
                .assertNoStackTrace()
                .assertExit(Cli.OK);
        // the same bytes by another client, with the x-amz-meta-sha256 other tools (rclone, ObitoX for single PUTs)
        // write: ObitoX's own multipart upload to RGW is proved by its md5-of-md5s ETag and carries none
        String sha = sha256(source);
        try (S3Client s3 = rgw.client()) {
            s3.putObject(
                    b -> b.bucket(bucket).key("signed.bin").metadata(Map.of("sha256", sha)),
                    RequestBody.fromFile(source));
        }
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

    private static String sha256(Path file) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = new byte[1 << 20];
            for (int n; (n = in.read(b)) > 0; ) {
                d.update(b, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    @Test
    void a65MiBObjectArrivesInRangedPartsVerifiedByItsSha256() throws Exception {
        int from = proxy.requests().size();
        Path dest = dir.resolve("plain/big.bin");

        CliRun run = cli.run("download", bucket + "/signed.bin", dest.toString(), "--profile", "lab", "--json")
                .assertNoStackTrace()
                .assertExit(Cli.OK);

        JsonNode row = run.json().get("transfers").get(0);
        assertThat(row.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(row.get("direction").asText()).isEqualTo("download");
        assertThat(row.get("verifiedBy").asText()).contains("SHA-256 metadata");
        assertThat(sha256(dest)).isEqualTo(sha256(source));
        long ranged = proxy.requests().subList(from, proxy.requests().size()).stream()
                .filter(r -> r.method().equals("GET") && r.header("Range") != null)
                .count();
        assertThat(ranged).as("16 MiB parts").isEqualTo(5);
    }

    @Test
    void aKilledDownloadResumesFetchingOnlyThePartsInFlight() throws Exception {
        Map<String, AtomicInteger> ranges = new ConcurrentHashMap<>();
        AtomicInteger seen = new AtomicInteger();
        proxy.rules(r -> {
            if (!r.method().equals("GET") || r.header("Range") == null) {
                return Kind.FORWARD;
            }
            ranges.computeIfAbsent(r.header("Range"), k -> new AtomicInteger()).incrementAndGet();
            return seen.incrementAndGet() == 7 ? Kind.HOLD_RESPONSE : Kind.FORWARD;
        });
        try {
            Path credentials = dir.resolve("kill/aws/credentials");
            Files.createDirectories(credentials.getParent());
            Files.writeString(
                    credentials,
                    "[rgw]\naws_access_key_id = " + rgw.accessKey() + "\naws_secret_access_key = " + rgw.secretKey()
                            + "\n");
            Map<String, String> env = Map.of(
                    "AWS_SHARED_CREDENTIALS_FILE", credentials.toString(),
                    "AWS_CONFIG_FILE", dir.resolve("kill/aws/config").toString(),
                    "AWS_REGION", "us-east-1");
            Path dest = dir.resolve("kill/got/big.bin");
            List<String> args = new ArrayList<>(List.of(
                    "--home",
                    dir.resolve("kill/home").toString(),
                    "download",
                    bucket + "/big.bin",
                    dest.toString(),
                    "--endpoint-url",
                    proxy.endpoint().toString(),
                    "--profile",
                    "rgw",
                    "--part-size",
                    "8M",
                    "--concurrency",
                    "3",
                    "-q"));
            Process first = ChildProcess.start(dir.resolve("kill"), "download-1", env, args);
            assertThat(proxy.awaitHeld(180))
                    .as("the download reached the kill point; see " + dir)
                    .isTrue();
            Thread.sleep(300);
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            proxy.releaseHeld();
            assertThat(dest).doesNotExist();

            Process second = ChildProcess.start(dir.resolve("kill"), "download-2", env, args);
            assertThat(second.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).as("see " + dir).isZero();

            assertThat(sha256(dest)).isEqualTo(sha256(source));
            assertThat(ranges).hasSize(9); // 65 MiB in 8 MiB parts
            long twice = ranges.values().stream().filter(n -> n.get() > 1).count();
            assertThat(twice)
                    .as("parts fetched again: only those in flight at the kill")
                    .isLessThanOrEqualTo(3);
        } finally {
            proxy.rules(r -> Kind.FORWARD);
        }
    }

    @Test
    void aMultipartObjectWithoutSha256IsProvenByTheMd5OfItsPartsWithTheUsualLayout() throws Exception {
        Path dest = dir.resolve("parts/big.bin");

        CliRun run = cli.run("download", bucket + "/big.bin", dest.toString(), "--profile", "lab", "--json")
                .assertNoStackTrace()
                .assertExit(Cli.OK);

        JsonNode row = run.json().get("transfers").get(0);
        assertThat(row.get("etag").asText()).matches("[0-9a-f]{32}-5");
        assertThat(row.get("verifiedBy").asText()).isEqualTo("size + MD5 of 5 parts = ETag (16 MiB parts)");
        assertThat(sha256(dest)).isEqualTo(sha256(source));
    }

    @Test
    void aMultipartObjectOfUnequalPartsIsProvenBySizeOnlyWhereTheServerGivesNoLayout() throws Exception {
        byte[] data = Files.readAllBytes(source);
        int[] sizes = {5 << 20, 6 << 20, 1 << 20}; // no uniform layout gives this ETag
        try (S3Client s3 = rgw.client()) {
            String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("uneven.bin"))
                    .uploadId();
            List<software.amazon.awssdk.services.s3.model.CompletedPart> parts = new ArrayList<>();
            int offset = 0;
            for (int n = 1; n <= sizes.length; n++) {
                int part = n;
                byte[] body = java.util.Arrays.copyOfRange(data, offset, offset + sizes[n - 1]);
                String etag = s3.uploadPart(
                                b -> b.bucket(bucket)
                                        .key("uneven.bin")
                                        .uploadId(id)
                                        .partNumber(part),
                                RequestBody.fromBytes(body))
                        .eTag();
                parts.add(software.amazon.awssdk.services.s3.model.CompletedPart.builder()
                        .partNumber(n)
                        .eTag(etag)
                        .build());
                offset += sizes[n - 1];
            }
            s3.completeMultipartUpload(
                    b -> b.bucket(bucket).key("uneven.bin").uploadId(id).multipartUpload(m -> m.parts(parts)));
        }
        Path dest = dir.resolve("uneven/uneven.bin");

        CliRun run = cli.run("download", bucket + "/uneven.bin", dest.toString(), "--profile", "lab", "--json")
                .assertNoStackTrace()
                .assertExit(Cli.OK);

        JsonNode row = run.json().get("transfers").get(0);
        assertThat(row.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(row.get("verifiedBy").asText()).startsWith("size only (the server did not give");
        assertThat(Files.readAllBytes(dest)).isEqualTo(java.util.Arrays.copyOf(data, (12 << 20)));
    }
}
