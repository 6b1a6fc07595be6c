package io.obitox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.cli.Cli;
import io.obitox.profile.AwsSharedFiles;
import io.obitox.profile.ProfileService;
import io.obitox.testing.CliRun;
import io.obitox.testing.Rgw;
import io.obitox.testing.TestPaths;
import io.obitox.testing.TestSecrets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code obitox mb} and {@code obitox ls} against Ceph RGW: buckets, then objects of a bucket (folders first, sizes,
 * dates, {@code --json}), by prefix and recursively, through a saved profile and through {@code --endpoint-url}.
 */
@Tag("e2e")
class LsOnRgwTest {
    private static final String DATE = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}";
    private static Rgw rgw;
    private static String bucket;
    private static CliRun.Runner cli;
    private static AwsSharedFiles awsFiles;
    private static String awsProfile;
    private static Instant uploaded;

    @BeforeAll
    static void setUp() {
        awsFiles = CliRun.awsFiles(); // first: nothing may be written before this check
        rgw = Rgw.require();
        bucket = Rgw.uniqueBucket("ls");
        cli = CliRun.in(TestPaths.newDir("e2e-ls").resolve("home"));
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
        cli.run("mb", bucket, "--profile", "lab").assertExit(Cli.OK);
        uploaded = Instant.now();
        try (S3Client s3 = rgw.client()) {
            put(s3, "alpha.txt", "hello");
            put(s3, "zeta.bin", "z".repeat(1234));
            put(s3, "docs/guide.md", "0123456789");
            put(s3, "docs/deep/x.txt", "x");
            put(s3, "photos/cat.jpg", "meow");
        }
        awsProfile = "e2e-ls-" + UUID.randomUUID().toString().substring(0, 8);
        awsFiles.writeKeys(awsProfile, rgw.accessKey(), rgw.secretKey(), null);
    }

    @AfterAll
    static void tearDown() {
        if (rgw != null) {
            rgw.deleteBucket(bucket);
        }
        if (awsFiles != null) {
            awsFiles.removeKeys(awsProfile);
            awsFiles.removeKeys(ProfileService.managedAwsProfileName("lab"));
        }
    }

    private static void put(S3Client s3, String key, String content) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
    }

    @Test
    void mbCreatedTheBucketAndRefusesToCreateItAgain() {
        try (S3Client s3 = rgw.client()) {
            s3.headBucket(b -> b.bucket(bucket));
        }
        CliRun again = cli.run("mb", bucket, "--profile", "lab")
                .assertExit(Cli.FAILURE)
                .assertNoStackTrace();
        assertThat(again.err())
                .startsWith("Error [BUCKET_EXISTS]: A bucket named '" + bucket + "' already exists and is yours.");
    }

    @Test
    void lsWithoutABucketListsTheBucketsWithTheirCreationDate() {
        CliRun text = cli.run("ls", "--profile", "lab").assertExit(Cli.OK);
        assertThat(text.lines()).anyMatch(l -> l.matches(DATE + "\\s+" + bucket));

        JsonNode json =
                cli.run("ls", "--profile", "lab", "--json").assertExit(Cli.OK).json();
        JsonNode mine = null;
        for (JsonNode b : json.path("buckets")) {
            if (b.path("name").asText().equals(bucket)) {
                mine = b;
            }
        }
        assertThat(mine).as("bucket %s in %s", bucket, json).isNotNull();
        assertThat(Instant.parse(mine.path("created").asText())).isCloseTo(uploaded, within(10, ChronoUnit.MINUTES));
    }

    @Test
    void lsOfABucketShowsFoldersFirstThenObjectsWithSizeAndDate() {
        List<String> lines =
                cli.run("ls", bucket, "--profile", "lab").assertExit(Cli.OK).lines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).trim()).matches("PRE\\s+docs/");
        assertThat(lines.get(1).trim()).matches("PRE\\s+photos/");
        assertThat(lines.get(2)).matches(DATE + "\\s+5\\s+alpha\\.txt");
        assertThat(lines.get(3)).matches(DATE + "\\s+1234\\s+zeta\\.bin");

        List<String> human = cli.run("ls", "s3://" + bucket, "-H", "--profile", "lab")
                .assertExit(Cli.OK)
                .lines();
        assertThat(human.get(3)).matches(DATE + "\\s+1\\.2 KiB\\s+zeta\\.bin");
    }

    @Test
    void lsJsonGivesPrefixesAndObjectsWithSizeDateAndEtag() {
        JsonNode json = cli.run("ls", bucket, "--profile", "lab", "--json")
                .assertExit(Cli.OK)
                .json();
        assertThat(json.path("bucket").asText()).isEqualTo(bucket);
        assertThat(texts(json.path("prefixes"))).containsExactly("docs/", "photos/");
        JsonNode objects = json.path("objects");
        assertThat(objects).hasSize(2);
        assertThat(objects.get(0).path("key").asText()).isEqualTo("alpha.txt");
        assertThat(objects.get(0).path("size").asLong()).isEqualTo(5);
        assertThat(objects.get(1).path("key").asText()).isEqualTo("zeta.bin");
        assertThat(objects.get(1).path("size").asLong()).isEqualTo(1234);
        for (JsonNode o : objects) {
            assertThat(Instant.parse(o.path("lastModified").asText()))
                    .isCloseTo(uploaded, within(10, ChronoUnit.MINUTES));
            assertThat(o.path("etag").asText()).isNotBlank();
        }
    }

    @Test
    void lsOfAPrefixShowsOnlyThatLevel() {
        List<String> lines = cli.run("ls", bucket + "/docs/", "--profile", "lab")
                .assertExit(Cli.OK)
                .lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).trim()).matches("PRE\\s+deep/");
        assertThat(lines.get(1)).matches(DATE + "\\s+10\\s+guide\\.md");
    }

    @Test
    void recursiveLsListsEveryObjectByItsFullKey() {
        JsonNode json = cli.run("ls", "s3://" + bucket, "-r", "--profile", "lab", "--json")
                .assertExit(Cli.OK)
                .json();
        assertThat(json.path("prefixes")).isEmpty();
        List<String> keys = new ArrayList<>();
        json.path("objects").forEach(o -> keys.add(o.path("key").asText()));
        assertThat(keys).containsExactly("alpha.txt", "docs/deep/x.txt", "docs/guide.md", "photos/cat.jpg", "zeta.bin");
    }

    @Test
    void lsWorksWithEndpointUrlAndAnAwsProfile() {
        String endpoint = rgw.endpoint().toString();
        JsonNode buckets = cli.run("ls", "--endpoint-url", endpoint, "--profile", awsProfile, "--json")
                .assertExit(Cli.OK)
                .json();
        assertThat(texts(buckets.path("buckets"), "name")).contains(bucket);

        JsonNode objects = cli.run("ls", bucket, "--endpoint-url", endpoint, "--profile", awsProfile, "--json")
                .assertExit(Cli.OK)
                .json();
        JsonNode viaProfile = cli.run("ls", bucket, "--profile", "lab", "--json")
                .assertExit(Cli.OK)
                .json();
        assertThat(objects).isEqualTo(viaProfile);
    }

    @Test
    void lsOfAMissingBucketSaysSoWithoutAStackTrace() {
        String missing = Rgw.uniqueBucket("ls-missing");
        CliRun r = cli.run("ls", missing, "--profile", "lab")
                .assertExit(Cli.FAILURE)
                .assertNoStackTrace();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("Error [BUCKET_MISSING]: The bucket does not exist.");
        assertThat(r.err()).contains("Fix: Check the bucket name, or create the bucket.");
    }

    @Test
    void lsWithWrongKeysOnEndpointUrlNamesTheProblem() {
        String endpoint = rgw.endpoint().toString();
        String wrongProfile = "e2e-ls-wrong-" + UUID.randomUUID().toString().substring(0, 8);
        awsFiles.writeKeys(wrongProfile, rgw.accessKey(), TestSecrets.register("wrong-" + UUID.randomUUID()), null);
        try {
            CliRun r = cli.run("ls", "--endpoint-url", endpoint, "--profile", wrongProfile)
                    .assertExit(Cli.FAILURE)
                    .assertNoStackTrace();
            assertThat(r.err()).startsWith("Error [WRONG_SECRET]:");
        } finally {
            awsFiles.removeKeys(wrongProfile);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }
}
