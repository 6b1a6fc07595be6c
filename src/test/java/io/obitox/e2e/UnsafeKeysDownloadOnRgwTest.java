package io.obitox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.cli.Cli;
import io.obitox.testing.CliRun;
import io.obitox.testing.Rgw;
import io.obitox.testing.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Keys that are unsafe as local paths, stored as they are on Ceph RGW (which, unlike S3Proxy's file store, keeps
 * {@code ../x} and {@code a//b} verbatim), downloaded as a prefix (issue 18): every file lands inside the chosen
 * folder, under a safe name.
 */
@Tag("e2e")
class UnsafeKeysDownloadOnRgwTest {
    private static final String LONG_NAME = "n".repeat(296) + ".txt"; // 300 bytes
    private static final List<String> KEYS =
            List.of("tree/../x", "tree/a//b", "tree/CON.txt", "tree/" + LONG_NAME, "tree/../../../../escape.txt");
    private static Rgw rgw;
    private static Path dir;
    private static CliRun.Runner cli;
    private static String bucket;

    @BeforeAll
    static void setUp() {
        CliRun.awsFiles();
        rgw = Rgw.require();
        dir = TestPaths.newDir("e2e-unsafe-keys");
        cli = CliRun.in(dir.resolve("home"));
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
        bucket = Rgw.uniqueBucket("unsafe");
        rgw.createBucket(bucket);
        try (S3Client s3 = rgw.client()) {
            for (int i = 0; i < KEYS.size(); i++) {
                String key = KEYS.get(i);
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("object " + i));
            }
            s3.putObject(b -> b.bucket(bucket).key("outside.txt"), RequestBody.fromString("not below the prefix"));
        }
    }

    @AfterAll
    static void tearDown() {
        if (bucket != null) {
            rgw.deleteBucket(bucket);
        }
    }

    @Test
    void theKeysAreStoredVerbatimAndAPrefixDownloadStaysInsideTheChosenFolder() throws Exception {
        try (S3Client s3 = rgw.client()) {
            List<String> stored = s3
                    .listObjectsV2Paginator(b -> b.bucket(bucket).prefix("tree/"))
                    .contents()
                    .stream()
                    .map(S3Object::key)
                    .toList();
            assertThat(stored).as("the client did not normalise the keys").containsExactlyInAnyOrderElementsOf(KEYS);
        }
        Path dest = dir.resolve("work/dest");

        CliRun run = cli.run("download", bucket + "/tree/", dest + "/", "--profile", "lab", "--json")
                .assertNoStackTrace()
                .assertExit(Cli.OK);

        JsonNode rows = run.json().get("transfers");
        assertThat(rows).hasSize(KEYS.size());
        for (JsonNode r : rows) {
            assertThat(r.get("state").asText()).as(r.toString()).isEqualTo("COMPLETED");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir.resolve("work"))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSize(KEYS.size()).allSatisfy(p -> {
            assertThat(p.normalize()).startsWith(dest);
            assertThat(p.getFileName().toString().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(255);
        });
        assertThat(dest.resolve("x")).hasContent("object 0");
        assertThat(dest.resolve("a/b")).hasContent("object 1");
        assertThat(dest.resolve("_CON.txt")).hasContent("object 2");
        assertThat(dest.resolve("escape.txt")).hasContent("object 4");
        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(dir.resolve("work/x")).doesNotExist();
    }
}
