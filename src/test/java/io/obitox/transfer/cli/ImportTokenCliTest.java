package io.obitox.transfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.CliRun;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestPaths;
import io.obitox.transfer.ResumeToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@code obitox transfers import-token} with tokens from elsewhere, against real S3Proxy servers: it shows where the
 * file would go and who signs, asks for --yes, checks the file with the policy, and never follows a token to an
 * endpoint no local profile has unless told with --endpoint-url.
 */
class ImportTokenCliTest {
    private static final long PART = 5L * 1024 * 1024;

    private S3ProxyServer server;
    private S3ProxyServer stranger;
    private Path dir;
    private Path home;
    private S3Client s3;

    @BeforeEach
    void setUp() {
        server = S3ProxyServer.start();
        server.createBucket("tokens");
        stranger = S3ProxyServer.start(); // a server that no local profile points at
        stranger.createBucket("tokens");
        dir = TestPaths.newDir("import-token");
        home = dir.resolve("home");
        s3 = server.client();
        CliRun.addProfile(home, "proxy", server, "tokens");
    }

    @AfterEach
    void tearDown() {
        s3.close();
        server.close();
        stranger.close();
    }

    /** A file of 1.5 parts, its first part already uploaded to {@code on}; returns the token for the rest. */
    private String startedUpload(S3ProxyServer on, Path file, byte[] content, String key) throws Exception {
        Files.write(file, content);
        try (S3Client client = on.client()) {
            String uploadId = client.createMultipartUpload(
                            b -> b.bucket("tokens").key(key))
                    .uploadId();
            client.uploadPart(
                    b -> b.bucket("tokens").key(key).uploadId(uploadId).partNumber(1),
                    RequestBody.fromBytes(Arrays.copyOf(content, (int) PART)));
            return new ResumeToken(
                            1,
                            uploadId,
                            "tokens",
                            key,
                            "proxy",
                            on.endpoint().toString(),
                            "us-east-1",
                            true,
                            "GENERIC",
                            PART,
                            content.length,
                            file.getFileName().toString(),
                            "application/octet-stream")
                    .encode();
        }
    }

    private static byte[] text(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 'a');
        return b;
    }

    private boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket("tokens").key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Test
    void withoutYesItShowsWhereTheFileWouldGoAndWhoSignsThenRefuses() throws Exception {
        Path file = dir.resolve("big.txt");
        String token = startedUpload(server, file, text((int) (PART * 3 / 2)), "inbox/big.txt");

        CliRun r = CliRun.run(home, "transfers", "import-token", token, "--file", file.toString());

        r.failsWith("CONFIRMATION_REQUIRED");
        assertThat(r.err()).contains("--yes");
        assertThat(r.out())
                .contains(server.endpoint().toString())
                .contains("tokens")
                .contains("inbox/big.txt")
                .contains("profile 'proxy'")
                .contains(file.toString());
        assertThat(CliRun.run(home, "transfers", "list", "--json").ok().json().get("transfers"))
                .isEmpty();
        assertThat(exists("inbox/big.txt")).isFalse();
    }

    @Test
    void withYesTheUploadIsFinishedWithTheLocalProfile() throws Exception {
        Path file = dir.resolve("big.txt");
        String token = startedUpload(server, file, text((int) (PART * 3 / 2)), "inbox/big.txt");

        CliRun r = CliRun.run(home, "transfers", "import-token", token, "--file", file.toString(), "--yes", "--json")
                .ok();
        assertThat(r.json().get("transfers").get(0).get("state").asText()).isEqualTo("COMPLETED");
        assertThat(r.err()).contains("inbox/big.txt").contains("profile 'proxy'");

        assertThat(s3.headObject(b -> b.bucket("tokens").key("inbox/big.txt")).contentLength())
                .isEqualTo(PART * 3 / 2);
    }

    @Test
    void aTokenForAnEndpointNoProfileHasIsRefusedUnlessTheEndpointIsGivenExplicitly() throws Exception {
        Path file = dir.resolve("secret-report.txt");
        String token = startedUpload(stranger, file, text((int) (PART * 3 / 2)), "loot/report.txt");

        CliRun refused = CliRun.run(home, "transfers", "import-token", token, "--file", file.toString(), "--yes");

        refused.failsWith("UNKNOWN_ENDPOINT");
        assertThat(refused.err()).contains(stranger.endpoint().toString()).contains("--endpoint-url");
        try (S3Client other = stranger.client()) {
            assertThat(other.listMultipartUploads(b -> b.bucket("tokens")).uploads())
                    .singleElement()
                    .satisfies(u -> assertThat(other.listParts(
                                            b -> b.bucket("tokens").key(u.key()).uploadId(u.uploadId()))
                                    .parts())
                            .hasSize(1));
        }

        // named explicitly, the endpoint is the user's choice: it gets as far as the confirmation
        CliRun explicit = CliRun.run(
                home,
                "transfers",
                "import-token",
                token,
                "--file",
                file.toString(),
                "--endpoint-url",
                stranger.endpoint().toString());
        explicit.failsWith("CONFIRMATION_REQUIRED");
        assertThat(explicit.out()).contains(stranger.endpoint().toString()).contains("default AWS credential chain");
    }

    @Test
    void aFileThePolicyRejectsIsRefusedWithTheValidationCode() throws Exception {
        Path file = dir.resolve("tool.txt");
        byte[] elf = text((int) (PART * 3 / 2));
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}, 0, elf, 0, 8);
        String token = startedUpload(server, file, elf, "inbox/tool.txt");

        CliRun r = CliRun.run(home, "transfers", "import-token", token, "--file", file.toString(), "--yes");

        r.failsWith("DANGEROUS_TYPE");
        assertThat(exists("inbox/tool.txt")).isFalse();
    }
}
