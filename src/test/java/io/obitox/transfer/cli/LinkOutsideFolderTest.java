package io.obitox.transfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.testing.CliRun;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A dropped folder whose links point out of it (at a fake home's {@code .aws/credentials}) uploads no credentials:
 * real symbolic links, the real command line, a real S3Proxy.
 */
class LinkOutsideFolderTest {
    private S3ProxyServer server;
    private Path dir;
    private Path home;
    private Path secrets;
    private Path drop;
    private S3Client s3;

    @BeforeEach
    void setUp() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket("links");
        dir = TestPaths.newDir("link-outside");
        home = dir.resolve("home");
        s3 = server.client();
        CliRun.addDefaultProfile(home, server, "links");
        Path fakeHome = dir.resolve("fake-home");
        Files.createDirectories(fakeHome.resolve(".aws"));
        secrets = Files.writeString(
                fakeHome.resolve(".aws/credentials"), "[default]\naws_secret_access_key = not-for-the-bucket\n");
        drop = dir.resolve("drop");
        Files.createDirectories(drop.resolve("sub"));
        Files.writeString(drop.resolve("ok.txt"), "fine");
        Files.createSymbolicLink(drop.resolve("notes.txt"), secrets);
        Files.createSymbolicLink(drop.resolve("sub/aws"), fakeHome.resolve(".aws")); // a folder outside
        Files.createSymbolicLink(drop.resolve("sub/alias.txt"), drop.resolve("ok.txt")); // inside: still followed
    }

    @AfterEach
    void tearDown() {
        s3.close();
        server.close();
    }

    private Map<String, Long> objects() {
        Map<String, Long> out = new TreeMap<>();
        s3.listObjectsV2Paginator(b -> b.bucket("links")).contents().forEach(o -> out.put(o.key(), o.size()));
        return out;
    }

    private static Map<String, String> codesByPath(JsonNode transfers) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode t : transfers) {
            if (!t.get("state").asText().equals("COMPLETED")) {
                out.put(t.get("path").asText(), t.get("errorCode").asText());
            }
        }
        return out;
    }

    @Test
    void linksOutOfTheDroppedFolderAreRejectedAndNothingOutsideIsUploaded() {
        CliRun run = CliRun.run(home, "upload", drop.toString(), "--json");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(codesByPath(run.json().get("transfers")))
                .containsOnly(
                        Map.entry(drop.resolve("notes.txt").toString(), "LINK_OUTSIDE_FOLDER"),
                        Map.entry(drop.resolve("sub/aws").toString(), "LINK_OUTSIDE_FOLDER"));
        assertThat(objects()).containsOnlyKeys("drop/ok.txt", "drop/sub/alias.txt");
        run.assertNoStackTrace();
    }

    @Test
    void theHumanOutputNamesTheCodeAndTheFlag() {
        CliRun run = CliRun.run(home, "upload", drop.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .contains("REJECTED")
                .contains("LINK_OUTSIDE_FOLDER")
                .contains("--follow-links");
        assertThat(objects()).doesNotContainKey("drop/notes.txt");
    }

    @Test
    void followLinksUploadsWhatTheLinksPointAt() {
        CliRun run = CliRun.run(home, "upload", drop.toString(), "--follow-links", "--json")
                .ok();

        assertThat(codesByPath(run.json().get("transfers"))).isEmpty();
        assertThat(objects())
                .containsOnlyKeys("drop/ok.txt", "drop/notes.txt", "drop/sub/alias.txt", "drop/sub/aws/credentials");
    }

    @Test
    void aLinkNamedDirectlyIsTheUsersChoiceAndUploads() throws Exception {
        Path direct = Files.createSymbolicLink(dir.resolve("direct.txt"), secrets);

        CliRun.run(home, "upload", direct.toString(), "--json").ok();

        assertThat(objects()).containsOnlyKeys("direct.txt");
    }

    @Test
    void withoutValidationLinksOutOfTheFolderAreStillNotFollowed() {
        CliRun run = CliRun.run(home, "upload", drop.toString(), "--no-validate", "--json");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(codesByPath(run.json().get("transfers")).values()).containsOnly("LINK_OUTSIDE_FOLDER");
        assertThat(objects()).containsOnlyKeys("drop/ok.txt", "drop/sub/alias.txt");
    }

    @Test
    void validateReportsTheCodeAndFollowLinksAcceptsTheLink() {
        CliRun run = CliRun.run(home, "validate", drop.toString(), "--json");
        assertThat(run.exit()).isEqualTo(1);
        Map<String, String> codes = new HashMap<>();
        for (JsonNode r : run.json()) {
            codes.put(r.get("path").asText(), r.get("code").asText());
        }
        assertThat(codes)
                .containsEntry(drop.resolve("notes.txt").toString(), "LINK_OUTSIDE_FOLDER")
                .containsEntry(drop.resolve("sub/aws").toString(), "LINK_OUTSIDE_FOLDER")
                .containsEntry(drop.resolve("ok.txt").toString(), "null");

        CliRun.run(home, "validate", drop.toString(), "--follow-links", "--json")
                .ok();
    }
}
