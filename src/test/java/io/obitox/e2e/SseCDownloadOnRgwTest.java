package io.obitox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.cli.Cli;
import io.obitox.objects.SseCKey;
import io.obitox.testing.CliRun;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.Rgw;
import io.obitox.testing.TestPaths;
import io.obitox.testing.TestSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code obitox download --sse-c-key-file} of objects encrypted with a customer key on Ceph RGW (issue 18): the key
 * goes on the HEAD and on every GET (ranged parts of a 20 MiB object, one GET of a small one), both files arrive
 * byte-identical and proven by their SHA-256 metadata; without the key the download fails in words and leaves
 * nothing.
 */
@Tag("e2e")
class SseCDownloadOnRgwTest {
    private static final String KEY_MD5_HEADER = "x-amz-server-side-encryption-customer-key-md5";
    private static Rgw rgw;
    private static FaultProxy proxy;
    private static Path dir;
    private static CliRun.Runner cli;
    private static String bucket;
    private static SseCKey key;
    private static Path keyFile;
    private static byte[] big;
    private static byte[] small;

    @BeforeAll
    static void setUp() throws Exception {
        CliRun.awsFiles();
        rgw = Rgw.require();
        Assumptions.assumeTrue(
                System.getenv("OBITOX_E2E_KMS_KEY_ID") != null,
                "the RGW was not started by this version of scripts/rgw-up.sh: SSE-C over http needs its"
                        + " configuration; restart it with scripts/rgw-up.sh DIR");
        proxy = new FaultProxy(rgw.endpoint());
        dir = TestPaths.newDir("e2e-ssec-download");
        cli = CliRun.in(dir.resolve("home"));
        cli.run(
                        "profile",
                        "add",
                        "lab",
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
        bucket = Rgw.uniqueBucket("ssec-download");
        rgw.createBucket(bucket);
        byte[] raw = new byte[32];
        new Random(1818).nextBytes(raw);
        key = SseCKey.of(raw);
        TestSecrets.register(key.base64()); // the e2e run's leak check looks for it in logs and the database
        keyFile = Files.write(dir.resolve("key.bin"), raw);
        big = new byte[(20 << 20) + 5];
        small = new byte[1000];
        Random random = new Random(18);
        random.nextBytes(big);
        random.nextBytes(small);
        try (S3Client s3 = rgw.client()) {
            for (Map.Entry<String, byte[]> o :
                    Map.of("sec/big.bin", big, "sec/small.txt", small).entrySet()) {
                String sha = sha256(o.getValue());
                s3.putObject(
                        b -> b.bucket(bucket)
                                .key(o.getKey())
                                .metadata(Map.of("sha256", sha))
                                .sseCustomerAlgorithm("AES256")
                                .sseCustomerKey(key.base64())
                                .sseCustomerKeyMD5(key.md5Base64()),
                        RequestBody.fromBytes(o.getValue()));
            }
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

    @Test
    void aPrefixOfSseCObjectsDownloadsWithTheKeyOnEveryRequest() throws Exception {
        int from = proxy.requests().size();
        Path dest = dir.resolve("with-key");

        CliRun run = cli.run(
                        "download",
                        bucket + "/sec/",
                        dest + "/",
                        "--profile",
                        "lab",
                        "--part-size",
                        "8M",
                        "--sse-c-key-file",
                        keyFile.toString(),
                        "--json")
                .assertNoStackTrace()
                .assertExit(Cli.OK);

        assertThat(Files.readAllBytes(dest.resolve("big.bin"))).isEqualTo(big);
        assertThat(Files.readAllBytes(dest.resolve("small.txt"))).isEqualTo(small);
        for (JsonNode row : run.json().get("transfers")) {
            assertThat(row.get("state").asText()).isEqualTo("COMPLETED");
            // an SSE-C ETag is not the content's MD5: the SHA-256 metadata is the proof
            assertThat(row.get("verifiedBy").asText()).isEqualTo("size + SHA-256 metadata");
        }
        List<FaultProxy.Request> objectRequests = proxy
                .requests()
                .subList(from, proxy.requests().size())
                .stream()
                .filter(r -> r.target().contains("/sec/"))
                .filter(r -> r.method().equals("GET") || r.method().equals("HEAD"))
                .toList();
        assertThat(objectRequests.stream().filter(r -> r.header("Range") != null))
                .as("20 MiB in 8 MiB parts")
                .hasSize(3);
        assertThat(objectRequests)
                .hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(r -> assertThat(r.header(KEY_MD5_HEADER)).isEqualTo(key.md5Base64()));
    }

    @Test
    void withoutTheKeyTheDownloadFailsInWordsAndLeavesNothing() throws Exception {
        Path dest = dir.resolve("without-key/big.bin");

        CliRun run = cli.run("download", bucket + "/sec/big.bin", dest.toString(), "--profile", "lab")
                .assertNoStackTrace();

        assertThat(run.exit()).isNotEqualTo(Cli.OK);
        assertThat(run.out() + run.err()).contains("Error [SSE_C_KEY_NEEDED]").contains("--sse-c-key-file");
        assertThat(dest).doesNotExist();
        assertThat(dest.resolveSibling("big.bin.obitox-part")).doesNotExist();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
