package io.obitox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.cli.Cli;
import io.obitox.testing.Rgw;
import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Issue 16 on Ceph RGW: {@code obitox upload} with storage class, metadata, tags, Cache-Control and
 * Content-Disposition; read back with the SDK's HEAD and GetObjectTagging, and with {@code obitox stat --json}. SSE-C
 * and SSE-KMS are in {@link EncryptionOnRgwTest}.
 */
@org.junit.jupiter.api.Tag("e2e")
class ObjectSettingsOnRgwTest {
    private static Rgw rgw;
    private static String bucket;
    private static CliRun cli;

    @BeforeAll
    static void setUp() {
        CliRun.awsFiles(); // first: nothing may be written before this check
        rgw = Rgw.require();
        bucket = Rgw.uniqueBucket("objset");
        cli = new CliRun(TestPaths.newDir("e2e-objset").resolve("home"));
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
    }
}
