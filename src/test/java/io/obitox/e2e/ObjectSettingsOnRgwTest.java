package io.obitox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.cli.Cli;
import io.obitox.testing.CliRun;
import io.obitox.testing.Rgw;
import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Issue 16 on Ceph RGW: {@code obitox upload} with storage class, metadata, tags, Cache-Control and
 * Content-Disposition; read back with the SDK's HEAD and GetObjectTagging, with {@code obitox stat --json}, and with
 * the real aws CLI ({@code aws s3api head-object} and {@code get-object-tagging}, see {@link AwsCli}). The storage
 * classes are STANDARD and the custom one that {@code scripts/rgw-up.sh} adds to the default placement
 * ({@code OBITOX_E2E_STORAGE_CLASS} in its {@code rgw.env}, COLD). SSE-C and SSE-KMS are in {@link
 * EncryptionOnRgwTest}.
 */
@org.junit.jupiter.api.Tag("e2e")
class ObjectSettingsOnRgwTest {
    private static Rgw rgw;
    private static String bucket;
    private static CliRun.Runner cli;
    private static AwsCli aws;

    @BeforeAll
    static void setUp() throws Exception {
        CliRun.awsFiles(); // first: nothing may be written before this check
        rgw = Rgw.require();
        aws = AwsCli.require(rgw);
        bucket = Rgw.uniqueBucket("objset");
        cli = CliRun.in(TestPaths.newDir("e2e-objset").resolve("home"));
        cli.run(
                        "profile",
                        "add",
                        "lab",
                        "--provider",
                        "ceph",
                        "--endpoint-url",
                        rgw.endpoint().toString(),
                        "--access-key-id",
                        rgw.accessKey(),
                        "--secret-access-key",
                        rgw.secretKey())
                .assertExit(Cli.OK);
        rgw.createBucket(bucket);
    }

    @AfterAll
    static void tearDown() {
        if (rgw != null) {
            rgw.deleteBucket(bucket);
        }
    }

    @Test
    void metadataTagsAndCacheHeadersArriveOnRgw() throws Exception {
        Path file = TestPaths.newDir("e2e-objset-files").resolve("Bericht für 2026.txt");
        Files.writeString(file, "object settings on RGW");
        cli.run(
                        "upload",
                        file.toString(),
                        "--bucket",
                        bucket,
                        "--no-validate",
                        "--storage-class",
                        "STANDARD",
                        "--cache-control",
                        "max-age=600",
                        "--content-disposition",
                        "attachment",
                        "--metadata",
                        "project=apollo",
                        "--tag",
                        "team=web",
                        "--tag",
                        "cost center=r+d/2026",
                        "--quiet",
                        "--profile",
                        "lab")
                .assertExit(Cli.OK);
        String key = file.getFileName().toString();
        try (S3Client s3 = rgw.client()) {
            HeadObjectResponse h = s3.headObject(b -> b.bucket(bucket).key(key));
            assertThat(h.cacheControl()).isEqualTo("max-age=600");
            assertThat(h.contentDisposition()).isEqualTo("attachment; filename*=UTF-8''Bericht%20f%C3%BCr%202026.txt");
            assertThat(h.metadata()).containsEntry("project", "apollo");
            Map<String, String> tags = s3.getObjectTagging(b -> b.bucket(bucket).key(key)).tagSet().stream()
                    .collect(Collectors.toMap(Tag::key, Tag::value));
            assertThat(tags).containsEntry("team", "web").containsEntry("cost center", "r+d/2026");
        }
        JsonNode j = cli.run("stat", bucket + "/" + key, "--json", "--profile", "lab")
                .assertExit(Cli.OK)
                .json();
        assertThat(j.get("cacheControl").asText()).isEqualTo("max-age=600");
        assertThat(j.get("storageClass").asText()).isEqualTo("STANDARD");
        assertThat(j.get("tags").get("team").asText()).isEqualTo("web");
        assertThat(j.get("metadata").get("project").asText()).isEqualTo("apollo");

        // the aws CLI as an independent reader. RGW's HEAD has no x-amz-storage-class for STANDARD (S3's default).
        JsonNode head = aws.s3api("head-object", "--bucket", bucket, "--key", key);
        assertThat(head.path("StorageClass").asText("STANDARD"))
                .as(head.toString())
                .isEqualTo("STANDARD");
        assertThat(head.path("CacheControl").asText()).as(head.toString()).isEqualTo("max-age=600");
        assertThat(head.path("ContentDisposition").asText())
                .as(head.toString())
                .isEqualTo("attachment; filename*=UTF-8''Bericht%20f%C3%BCr%202026.txt");
        assertThat(head.path("Metadata").path("project").asText())
                .as(head.toString())
                .isEqualTo("apollo");
        assertThat(tagSet(aws.s3api("get-object-tagging", "--bucket", bucket, "--key", key)))
                .containsOnly(Map.entry("team", "web"), Map.entry("cost center", "r+d/2026"));
    }

    /**
     * The custom storage class of the test RGW, single PUT and multipart, with the other settings; read back with
     * the aws CLI, which names the class ({@code x-amz-storage-class}) for anything but STANDARD.
     */
    @Test
    void customStorageClassAndSettingsArriveAsTheAwsCliSeesThem() throws Exception {
        String storageClass = System.getenv("OBITOX_E2E_STORAGE_CLASS");
        Assumptions.assumeTrue(
                storageClass != null && !storageClass.isBlank(),
                "the RGW names no custom storage class (no OBITOX_E2E_STORAGE_CLASS): it was not started by this"
                        + " version of scripts/rgw-up.sh, which adds COLD to the default placement; restart it with"
                        + " scripts/rgw-up.sh DIR and source DIR/rgw.env");
        Path dir = TestPaths.newDir("e2e-objset-class");
        Path small = Files.writeString(dir.resolve("small.txt"), "a custom storage class on RGW");
        Path big = dir.resolve("big.bin");
        byte[] data = new byte[(16 << 20) + 7]; // 16 MiB and more: multipart with 5 MiB parts
        new Random(16).nextBytes(data);
        Files.write(big, data);
        cli.run(
                        "upload",
                        small.toString(),
                        big.toString(),
                        "--bucket",
                        bucket,
                        "--prefix",
                        "class",
                        "--no-validate",
                        "--part-size",
                        "5M",
                        "--storage-class",
                        storageClass,
                        "--cache-control",
                        "no-cache",
                        "--content-disposition",
                        "inline",
                        "--metadata",
                        "tier=cold",
                        "--tag",
                        "retention=90d",
                        "--quiet",
                        "--profile",
                        "lab")
                .assertExit(Cli.OK);
        for (Path f : List.of(small, big)) {
            String key = "class/" + f.getFileName();
            JsonNode head = aws.s3api("head-object", "--bucket", bucket, "--key", key);
            assertThat(head.path("StorageClass").asText()).as(head.toString()).isEqualTo(storageClass);
            assertThat(head.path("ContentLength").asLong()).as(head.toString()).isEqualTo(Files.size(f));
            assertThat(head.path("CacheControl").asText()).as(head.toString()).isEqualTo("no-cache");
            assertThat(head.path("ContentDisposition").asText())
                    .as(head.toString())
                    .isEqualTo("inline");
            assertThat(head.path("Metadata").path("tier").asText())
                    .as(head.toString())
                    .isEqualTo("cold");
            if (f.equals(big)) { // multipart: RGW 16 drops the tags sent at Create, ObitoX puts them afterwards
                assertThat(head.path("ETag").asText()).as("a multipart ETag").matches("\"[0-9a-f]{32}-4\"");
            }
            assertThat(tagSet(aws.s3api("get-object-tagging", "--bucket", bucket, "--key", key)))
                    .containsOnly(Map.entry("retention", "90d"));
        }
        JsonNode stat = cli.run("stat", bucket + "/class/big.bin", "--json", "--profile", "lab")
                .assertExit(Cli.OK)
                .json();
        assertThat(stat.get("storageClass").asText()).isEqualTo(storageClass);
    }

    /**
     * Measured on RGW 16.2.15: CreateMultipartUpload takes {@code x-amz-tagging} without error, but the completed
     * object has no tags (GetObjectTagging: none; HEAD: {@code x-amz-tagging-count: 0}), with any storage class; the
     * same header on a single PUT works. ObitoX then puts the tags after Complete ({@code
     * MultipartUpload.restoreDroppedTags}); the aws CLI must see them. Storage class STANDARD here (the bucket's
     * default, none sent); the custom class is in the test above.
     */
    @Test
    void multipartUploadKeepsItsTags() throws Exception {
        Path big = TestPaths.newDir("e2e-objset-mpu-tags").resolve("tagged.bin");
        byte[] data = new byte[(16 << 20) + 1];
        new Random(17).nextBytes(data);
        Files.write(big, data);
        cli.run(
                        "upload",
                        big.toString(),
                        "--bucket",
                        bucket,
                        "--prefix",
                        "mpu-tags",
                        "--no-validate",
                        "--part-size",
                        "5M",
                        "--tag",
                        "team=web",
                        "--quiet",
                        "--profile",
                        "lab")
                .assertExit(Cli.OK);
        assertThat(tagSet(aws.s3api("get-object-tagging", "--bucket", bucket, "--key", "mpu-tags/tagged.bin")))
                .containsOnly(Map.entry("team", "web"));
    }

    /** The TagSet of {@code aws s3api get-object-tagging}, as key to value. */
    private static Map<String, String> tagSet(JsonNode tagging) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode t : tagging.path("TagSet")) {
            out.put(t.get("Key").asText(), t.get("Value").asText());
        }
        return out;
    }
}
