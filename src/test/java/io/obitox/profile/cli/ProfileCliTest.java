package io.obitox.profile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.cli.Cli;
import io.obitox.profile.AwsSharedFiles;
import io.obitox.testing.CliRun;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestPaths;
import io.obitox.testing.TestSecrets;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code obitox profile …} end to end through {@link Cli#run}: saved profiles with typed keys (which land in the AWS
 * credentials file the build points the tests to), and {@code --endpoint-url} with an AWS profile of that file.
 */
class ProfileCliTest {
    private static final String BUCKET = "profilecli-bucket";
    private static S3ProxyServer server;
    private final Path home = TestPaths.newDir("profile-cli").resolve("home");
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private CliRun run(String... args) {
        return CliRun.run(home, args);
    }

    /** Adds a profile for the S3Proxy with typed keys; returns the profile name. */
    private String addS3Proxy(String name, String keyId, String secret, String bucket) {
        List<String> args = new ArrayList<>(List.of(
                "profile",
                "add",
                name,
                "--provider",
                "generic",
                "--endpoint-url",
                server.endpoint().toString(),
                "--access-key-id",
                keyId,
                "--secret-access-key",
                TestSecrets.register(secret)));
        if (bucket != null) {
            args.addAll(List.of("--bucket", bucket));
        }
        run(args.toArray(String[]::new)).ok();
        return name;
    }

    @Test
    void addWithTypedKeysSavesThemInTheAwsCredentialsFileAndPrintsJson() throws IOException {
        String name = "S3Proxy " + suffix;
        CliRun r = run(
                        "profile",
                        "add",
                        name,
                        "--provider",
                        "generic",
                        "--endpoint-url",
                        server.endpoint() + "/",
                        "--access-key-id",
                        server.accessKey(),
                        "--secret-access-key",
                        server.secretKey(),
                        "--bucket",
                        BUCKET,
                        "--json")
                .ok();
        JsonNode p = r.json();
        assertThat(p.get("name").asText()).isEqualTo(name);
        assertThat(p.get("provider").asText()).isEqualTo("generic");
        assertThat(p.get("endpoint").asText()).isEqualTo(server.endpoint().toString());
        assertThat(p.get("region").asText()).isEqualTo("us-east-1");
        assertThat(p.get("pathStyle").asBoolean()).isTrue();
        assertThat(p.get("defaultBucket").asText()).isEqualTo(BUCKET);
        assertThat(p.get("id").asText()).isNotBlank();
        String credentials = p.get("credentials").asText();
        assertThat(credentials).startsWith("aws-profile:obitox-s3proxy-" + suffix);
        assertThat(r.out()).doesNotContain(server.secretKey());
        assertThat(r.err())
                .as("a secret typed on the command line is taken, with a warning")
                .contains("(ps)");

        AwsSharedFiles aws = AwsSharedFiles.standard();
        String section = credentials.substring("aws-profile:".length());
        assertThat(aws.credentialsFile()).startsWith(TestPaths.target());
        assertThat(Files.readString(aws.credentialsFile())).contains("[" + section + "]");
        assertThat(aws.credentialsProvider(section).resolveCredentials().secretAccessKey())
                .isEqualTo(server.secretKey());

        CliRun plain = run("profile", "remove", name).ok();
        assertThat(plain.out()).contains("Removed profile '" + name + "' and its keys [" + section + "]");
        assertThat(aws.hasProfile(section)).isFalse();
    }

    @Test
    void addPrintsWhereTheKeysWentAndHowToTest() {
        String name = "Plain " + suffix;
        CliRun r = run(
                        "profile",
                        "add",
                        name,
                        "--provider",
                        "ceph",
                        "--endpoint-url",
                        "http://127.0.0.1:7480",
                        "--access-key-id",
                        "AKIAPLAIN",
                        "--secret-access-key",
                        TestSecrets.register(secret()))
                .ok();
        assertThat(r.out())
                .contains("Added profile '" + name + "' (Ceph RGW · http://127.0.0.1:7480).")
                .contains("Keys saved in " + AwsSharedFiles.standard().credentialsFile())
                .contains("Check it with: obitox profile test \"" + name + "\"");
        run("profile", "remove", name).ok();
    }

    @Test
    void addRejectsAnInvalidProfileWithExitOne() {
        run("profile", "add", "Bad " + suffix, "--provider", "ceph").failsWith("INVALID_PROFILE");
        run("profile", "add", "Sandbox", "--provider", "ceph", "--endpoint-url", "http://h")
                .failsWith("PROFILE_EXISTS");
        CliRun missingSecret = run(
                "profile",
                "add",
                "K " + suffix,
                "--provider",
                "ceph",
                "--endpoint-url",
                "http://h",
                "--access-key-id",
                "AKIA",
                "--secret-access-key",
                "");
        missingSecret.failsWith("MISSING_CREDENTIALS");
    }

    @Test
    void listShowsEveryProfileAndTheDefaultAsTableAndJson() {
        String name = addS3Proxy("Listed " + suffix, server.accessKey(), server.secretKey(), BUCKET);
        CliRun table = run("profile", "list").ok();
        List<String> lines = table.out().lines().toList();
        assertThat(lines.get(0))
                .startsWith("  NAME")
                .contains("PROVIDER")
                .contains("ENDPOINT")
                .contains("BUCKET")
                .contains("CREDENTIALS");
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("* Sandbox")
                        .contains("(embedded)")
                        .contains("sandbox"));
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("  " + name)
                        .contains(server.endpoint().toString())
                        .contains(BUCKET)
                        .contains("aws-profile:obitox-"));

        run("profile", "default", name).ok();
        JsonNode list = run("profile", "list", "--json").ok().json();
        assertThat(list.isArray()).isTrue();
        assertThat(list).hasSize(2);
        JsonNode sandbox = list.get(0);
        assertThat(sandbox.get("name").asText()).isEqualTo("Sandbox");
        assertThat(sandbox.get("credentials").asText()).isEqualTo("sandbox");
        assertThat(sandbox.get("default").asBoolean()).isFalse();
        assertThat(list.get(1).get("name").asText()).isEqualTo(name);
        assertThat(list.get(1).get("default").asBoolean()).isTrue();
        run("profile", "remove", name).ok();
    }

    @Test
    void defaultNeedsAnExistingProfile() {
        CliRun r = run("profile", "default", "Nope " + suffix).failsWith("PROFILE_NOT_FOUND");
        assertThat(r.out()).isEmpty();
        assertThat(run("profile", "default", "Sandbox").ok().out()).contains("'Sandbox' is now the default profile.");
    }

    @Test
    void testOfAWorkingSavedProfileSucceeds() {
        String name = addS3Proxy("Works " + suffix, server.accessKey(), server.secretKey(), BUCKET);
        CliRun r = run("profile", "test", name).ok();
        assertThat(r.out())
                .contains("Testing '" + name + "' at " + server.endpoint() + ", bucket " + BUCKET)
                .contains("ok    Credentials")
                .contains("warn  Read CORS")
                .contains("global CORS only")
                .contains("OK: Connection works; 1 feature(s) will be limited");

        JsonNode j = run("profile", "test", name, "--json").ok().json();
        assertThat(j.get("profile").asText()).isEqualTo(name);
        assertThat(j.get("endpoint").asText()).isEqualTo(server.endpoint().toString());
        assertThat(j.get("bucket").asText()).isEqualTo(BUCKET);
        assertThat(j.get("ok").asBoolean()).isTrue();
        assertThat(j.get("code").asText()).isEqualTo("OK");
        assertThat(j.get("checks")).hasSize(9);
        JsonNode first = j.get("checks").get(0);
        assertThat(first.get("name").asText()).isEqualTo("Endpoint");
        assertThat(first.get("status").asText()).isEqualTo("passed");
        assertThat(first.has("fix")).isTrue();
        run("profile", "remove", name).ok();
    }

    @Test
    void testGivesDistinctCodesForEachFailure() throws IOException {
        String wrongSecret = addS3Proxy("Wrong secret " + suffix, server.accessKey(), secret(), BUCKET);
        String unknownKey = addS3Proxy("Unknown key " + suffix, "AKUNKNOWN" + suffix, server.secretKey(), BUCKET);
        String noBucket = addS3Proxy("No bucket " + suffix, server.accessKey(), server.secretKey(), "profilecli-none");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String down = "Down " + suffix;
        run(
                        "profile",
                        "add",
                        down,
                        "--provider",
                        "minio",
                        "--endpoint-url",
                        "http://127.0.0.1:" + closed,
                        "--access-key-id",
                        "AKIADOWN",
                        "--secret-access-key",
                        TestSecrets.register(secret()))
                .ok();

        assertFailedTest(wrongSecret, "WRONG_SECRET", "secret access key is wrong");
        assertFailedTest(unknownKey, "UNKNOWN_ACCESS_KEY", "does not know this access key");
        assertFailedTest(noBucket, "BUCKET_MISSING", "'profilecli-none' does not exist");
        assertFailedTest(down, "ENDPOINT_UNREACHABLE", "Nothing answers at 127.0.0.1:" + closed);

        CliRun plain = run("profile", "test", wrongSecret);
        assertThat(plain.exit()).isEqualTo(Cli.FAILURE);
        assertThat(plain.out()).contains("FAIL  Credentials").contains("FAILED [WRONG_SECRET]: ");
        plain.assertNoStackTrace();
        for (String n : List.of(wrongSecret, unknownKey, noBucket, down)) {
            run("profile", "remove", n).ok();
        }
    }

    @Test
    void testWithAnEndpointUrlUsesAnAwsProfileOfTheSharedFiles() {
        String awsProfile = "profilecli-" + suffix;
        AwsSharedFiles.standard().writeKeys(awsProfile, server.accessKey(), server.secretKey(), null);
        try {
            JsonNode ok = run(
                            "profile",
                            "test",
                            "--endpoint-url",
                            server.endpoint().toString(),
                            "--profile",
                            awsProfile,
                            "--bucket",
                            BUCKET,
                            "--json")
                    .ok()
                    .json();
            assertThat(ok.get("code").asText()).isEqualTo("OK");
            assertThat(ok.get("profile").asText()).isEqualTo("127.0.0.1");

            JsonNode missing = run(
                            "profile",
                            "test",
                            "--endpoint-url",
                            server.endpoint().toString(),
                            "--profile",
                            awsProfile,
                            "--bucket",
                            "profilecli-none",
                            "--json")
                    .json();
            assertThat(missing.get("code").asText()).isEqualTo("BUCKET_MISSING");
            run("profile", "test", "--endpoint-url", "not a url", "--profile", awsProfile)
                    .failsWith("INVALID_ENDPOINT");
        } finally {
            AwsSharedFiles.standard().removeKeys(awsProfile);
        }
    }

    @Test
    void testOfTheSandboxProfileWorksWithoutConfiguration() {
        JsonNode j = run("profile", "test", "--json").ok().json();
        assertThat(j.get("profile").asText()).isEqualTo("Sandbox");
        assertThat(j.get("bucket").asText()).isEqualTo("sandbox");
        assertThat(j.get("endpoint").asText()).startsWith("http://127.0.0.1:");
        assertThat(j.get("ok").asBoolean()).isTrue();
    }

    @Test
    void removeOfAnUnknownProfileFails() {
        run("profile", "remove", "Gone " + suffix).failsWith("PROFILE_NOT_FOUND");
    }

    private void assertFailedTest(String profile, String code, String message) {
        CliRun r = run("profile", "test", profile, "--json");
        assertThat(r.exit()).as(profile).isEqualTo(Cli.FAILURE);
        JsonNode j = r.json();
        assertThat(j.get("ok").asBoolean()).isFalse();
        assertThat(j.get("code").asText()).as(profile).isEqualTo(code);
        assertThat(j.get("message").asText()).as(profile).contains(message);
    }

    private static String secret() {
        return TestSecrets.register("profilecli-secret-" + UUID.randomUUID());
    }
}
