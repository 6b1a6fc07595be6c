package io.obitox.storage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.app.AppContext;
import io.obitox.app.AppHome;
import io.obitox.profile.AwsSharedFiles;
import io.obitox.storage.S3Target;
import io.obitox.testing.CliRun;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestPaths;
import io.obitox.testing.TestSecrets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code obitox ls} and {@code obitox mb} on the embedded sandbox (the default profile) and on S3Proxy. */
class LsCliTest {
    private static S3ProxyServer server;
    private static Path home;
    private static String awsProfile;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
        try (S3Client s3 = server.client()) {
            s3.createBucket(b -> b.bucket("lscli-proxy"));
            put(s3, "lscli-proxy", "top.txt", "top");
            put(s3, "lscli-proxy", "dir/inner.txt", "inner!");
        }
        awsProfile = "lscli-" + UUID.randomUUID().toString().substring(0, 8);
        AwsSharedFiles.standard().writeKeys(awsProfile, server.accessKey(), server.secretKey(), null);

        home = TestPaths.newDir("ls-cli").resolve("home");
        // objects in the sandbox, put through the same app home the CLI then opens
        try (AppContext app = AppContext.open(new AppHome(home), Clock.systemUTC(), AwsSharedFiles.standard())) {
            S3Target sandbox = app.profiles().target(app.profiles().require("Sandbox"));
            TestSecrets.register(sandbox.credentials().resolveCredentials().secretAccessKey());
            S3Client s3 = app.clients().interactive(sandbox);
            put(s3, "sandbox", "readme.txt", "hello sandbox");
            put(s3, "sandbox", "photos/cat.jpg", "x".repeat(3000));
            put(s3, "sandbox", "photos/2026/dog.jpg", "y".repeat(10));
        }
    }

    @AfterAll
    static void stop() {
        AwsSharedFiles.standard().removeKeys(awsProfile);
        server.close();
    }

    private static void put(S3Client s3, String bucket, String key, String body) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
    }

    private static CliRun run(String... args) {
        return CliRun.run(home, args);
    }

    private static String[] onProxy(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint-url", server.endpoint().toString(), "--profile", awsProfile));
        return all.toArray(String[]::new);
    }

    @Test
    void listsTheSandboxBucketsWithoutAnyConfiguration() {
        CliRun r = run("ls").ok();
        assertThat(r.out().lines().toList())
                .anySatisfy(l -> assertThat(l).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  sandbox"));
        JsonNode j = run("ls", "--json").ok().json();
        assertThat(j.get("buckets")).anySatisfy(b -> {
            assertThat(b.get("name").asText()).isEqualTo("sandbox");
            assertThat(b.get("created").asText()).isNotBlank();
        });
    }

    @Test
    void listsObjectsOfTheSandboxWithFoldersFirstSizesAndDates() {
        List<String> lines = run("ls", "sandbox").ok().out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\s+PRE  photos/");
        assertThat(lines.get(1)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  13\\s+readme.txt");

        List<String> photos =
                run("ls", "s3://sandbox/photos/").ok().out().lines().toList();
        assertThat(photos).hasSize(2);
        assertThat(photos.get(0)).matches("\\s+PRE\\s+2026/");
        assertThat(photos.get(1)).contains("3000").endsWith("cat.jpg");

        assertThat(run("ls", "sandbox/photos/", "-H").ok().out()).contains("2.9 KiB");
        // without the closing '/', names are shown from the folder the prefix is in (as `aws s3 ls` does)
        assertThat(run("ls", "sandbox/photos").ok().out().lines().toList())
                .singleElement()
                .satisfies(l -> assertThat(l).matches("\\s+PRE\\s+photos/"));
        assertThat(run("ls", "sandbox/photos/20").ok().out().lines().toList())
                .singleElement()
                .satisfies(l -> assertThat(l).matches("\\s+PRE\\s+2026/"));
        assertThat(run("ls", "sandbox", "-r").ok().out().lines().toList())
                .hasSize(3)
                .allSatisfy(l -> assertThat(l).doesNotContain("PRE"))
                .anySatisfy(l -> assertThat(l).endsWith("photos/2026/dog.jpg"));
    }

    @Test
    void listsObjectsAsJson() {
        JsonNode j = run("ls", "sandbox/photos/", "--json").ok().json();
        assertThat(j.get("bucket").asText()).isEqualTo("sandbox");
        assertThat(j.get("prefix").asText()).isEqualTo("photos/");
        assertThat(j.get("prefixes")).hasSize(1);
        assertThat(j.get("prefixes").get(0).asText()).isEqualTo("photos/2026/");
        JsonNode cat = j.get("objects").get(0);
        assertThat(cat.get("key").asText()).isEqualTo("photos/cat.jpg");
        assertThat(cat.get("size").asLong()).isEqualTo(3000);
        assertThat(cat.get("lastModified").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(cat.get("etag").asText()).isNotBlank();
    }

    @Test
    void createsABucketOnTheSandbox() {
        assertThat(run("mb", "lscli-made").ok().out()).contains("Created bucket 'lscli-made'.");
        assertThat(run("ls").ok().out()).contains("lscli-made");
        assertThat(run("ls", "lscli-made").ok().out()).isEmpty();
        run("mb", "s3://lscli-made").failsWith("BUCKET_EXISTS");
    }

    @Test
    void listsAndCreatesOnAnEndpointWithAnAwsProfile() {
        assertThat(run(onProxy("ls")).ok().out()).contains("lscli-proxy");
        List<String> lines =
                run(onProxy("ls", "lscli-proxy")).ok().out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\s+PRE\\s+dir/");
        assertThat(lines.get(1)).contains(" 3  ").endsWith("top.txt");
        JsonNode j = run(onProxy("ls", "lscli-proxy/dir/", "--json")).ok().json();
        assertThat(j.get("objects").get(0).get("key").asText()).isEqualTo("dir/inner.txt");
        assertThat(j.get("objects").get(0).get("size").asLong()).isEqualTo(6);

        run(onProxy("mb", "lscli-proxy-made")).ok();
        assertThat(run(onProxy("ls", "--json")).ok().json().get("buckets"))
                .anySatisfy(b -> assertThat(b.get("name").asText()).isEqualTo("lscli-proxy-made"));
    }

    @Test
    void listsThroughASavedProfile() {
        String name = "LsProxy " + UUID.randomUUID().toString().substring(0, 6);
        run(
                        "profile",
                        "add",
                        name,
                        "--provider",
                        "minio",
                        "--endpoint-url",
                        server.endpoint().toString(),
                        "--access-key-id",
                        server.accessKey(),
                        "--secret-access-key",
                        server.secretKey())
                .ok();
        try {
            assertThat(run("ls", "lscli-proxy", "--profile", name).ok().out()).contains("top.txt");
        } finally {
            run("profile", "remove", name).ok();
        }
    }

    @Test
    void failuresOfLsAreCodedErrors() {
        run("ls", "lscli-missing").failsWith("BUCKET_MISSING");
        run(onProxy("ls", "lscli-missing")).failsWith("BUCKET_MISSING");
        run("ls", "--profile", "No such").failsWith("PROFILE_NOT_FOUND");
        CliRun typo = run("ls", "--endpoint-url", server.endpoint().toString(), "--profile", "no-such-aws-profile")
                .failsWith("PROFILE_NOT_FOUND");
        assertThat(typo.err()).contains("'no-such-aws-profile'");
        run(onProxy("mb", "Bad..Name")).failsWith("INVALID_BUCKET_NAME");
        // an endpoint target has no profile, so no "default bucket" to blame
        CliRun noBucket = run(onProxy("upload", "README.md")).failsWith("BUCKET_REQUIRED");
        assertThat(noBucket.err()).contains("--endpoint-url").doesNotContain("the profile has no default bucket");
    }
}
