package io.obitox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.cli.Cli;
import io.obitox.testing.CliRun;
import io.obitox.testing.Rgw;
import io.obitox.testing.TestPaths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@code obitox rm} and {@code obitox stat} against Ceph RGW through a saved profile, as a user runs them. */
@Tag("e2e")
class RmStatOnRgwTest {
    private static Rgw rgw;
    private static String bucket;
    private static CliRun.Runner cli;

    @BeforeAll
    static void setUp() {
        CliRun.awsFiles(); // first: nothing may be written before this check
        rgw = Rgw.require();
        bucket = Rgw.uniqueBucket("rm");
        cli = CliRun.in(TestPaths.newDir("e2e-rm").resolve("home"));
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
        rgw.createBucket(
                bucket,
                "logs/a.json",
                "aaaa",
                "logs/2026/b.json",
                "bb",
                "logs",
                "same name as the prefix",
                "logs-old/keep.json",
                "k");
        try (S3Client s3 = rgw.client()) {
            s3.putObject(
                    r -> r.bucket(bucket)
                            .key("docs/r.pdf")
                            .contentType("application/pdf")
                            .metadata(Map.of("owner", "ana"))
                            .tagging("project=apollo"),
                    RequestBody.fromString("%PDF-1.7"));
        }
    }

    @AfterAll
    static void tearDown() {
        if (rgw != null) {
            rgw.deleteBucket(bucket);
        }
    }

    private static List<String> keys() {
        try (S3Client s3 = rgw.client()) {
            return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                    .map(S3Object::key)
                    .toList();
        }
    }

    @Test
    void dryRunThenRecursiveDeleteOfAPrefixOnly() {
        List<String> dry = cli.run("rm", "-r", bucket + "/logs", "--dry-run", "--profile", "lab")
                .assertExit(Cli.OK)
                .lines();
        assertThat(dry).filteredOn(l -> l.startsWith("(dry run) delete:")).hasSize(2);
        assertThat(dry.get(dry.size() - 1)).isEqualTo("Would delete 2 object(s), 6 B, in 1 request(s).");
        assertThat(keys()).contains("logs/a.json", "logs/2026/b.json");
        JsonNode done = cli.run("rm", "-r", "s3://" + bucket + "/logs/", "--yes", "--json", "--profile", "lab")
                .assertExit(Cli.OK)
                .json();
        assertThat(done.get("buckets").get(0).get("deleted").asInt()).isEqualTo(2);
        assertThat(done.get("buckets").get(0).get("versioning").asText()).isEqualTo("off");
        assertThat(keys()).contains("logs", "logs-old/keep.json").doesNotContain("logs/a.json", "logs/2026/b.json");
    }

    @Test
    void aKeyTheServerRefusesIsNamedAndTheExitIsOne() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":\"s3:DeleteObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/deny/locked.txt\"}]}";
        try (S3Client s3 = rgw.client()) {
            s3.putObject(r -> r.bucket(bucket).key("deny/locked.txt"), RequestBody.fromString("l"));
            s3.putObject(r -> r.bucket(bucket).key("deny/free.txt"), RequestBody.fromString("f"));
            s3.putBucketPolicy(r -> r.bucket(bucket).policy(policy));
        }
        try {
            CliRun r = cli.run("rm", "-r", bucket + "/deny/", "--yes", "--profile", "lab")
                    .assertExit(Cli.FAILURE)
                    .assertNoStackTrace();
            assertThat(r.out()).contains("Deleted 1 object(s) in 1 request(s).");
            assertThat(r.err())
                    .contains("Not deleted: s3://" + bucket + "/deny/locked.txt: AccessDenied")
                    .contains("Error [DELETE_INCOMPLETE]: 1 of 2 object(s) were not deleted");
        } finally {
            try (S3Client s3 = rgw.client()) {
                s3.deleteBucketPolicy(x -> x.bucket(bucket));
            }
        }
        assertThat(keys()).contains("deny/locked.txt").doesNotContain("deny/free.txt");
    }

    @Test
    void statShowsRgwHeadersMetadataAndTags() {
        JsonNode j = cli.run("stat", bucket + "/docs/r.pdf", "--json", "--profile", "lab")
                .assertExit(Cli.OK)
                .json();
        assertThat(j.get("size").asLong()).isEqualTo(8);
        assertThat(j.get("contentType").asText()).isEqualTo("application/pdf");
        assertThat(j.get("metadata").get("owner").asText()).isEqualTo("ana");
        assertThat(j.get("tags").get("project").asText()).isEqualTo("apollo");
        assertThat(j.get("url").asText()).isEqualTo(rgw.endpoint() + "/" + bucket + "/docs/r.pdf");
    }
}
