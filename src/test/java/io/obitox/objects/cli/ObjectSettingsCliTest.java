package io.obitox.objects.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.testing.CliRun;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Issue 16 on S3Proxy through the CLI: {@code obitox upload} with object settings, read back with the SDK's HEAD and
 * with {@code obitox stat --json}; a setting the provider lacks is refused before any request (counted by a
 * {@link FaultProxy}); invalid values are refused with one message.
 */
class ObjectSettingsCliTest {
    private static S3ProxyServer server;
    private static FaultProxy proxy;
    private static Path home;
    private static final String PROFILE = "ObjProxy";
    private static final String R2 = "ObjR2";
    private static final String BUCKET = "objset";

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
        proxy = new FaultProxy(server.endpoint());
        home = TestPaths.newDir("objset-cli").resolve("home");
        CliRun.addProfile(home, PROFILE, server, BUCKET);
        CliRun.run(
                        home,
                        "profile",
                        "add",
                        R2,
                        "--provider",
                        "r2",
                        "--endpoint-url",
                        proxy.endpoint().toString(),
                        "--path-style",
                        "--bucket",
                        BUCKET,
                        "--access-key-id",
                        server.accessKey(),
                        "--secret-access-key",
                        server.secretKey())
                .ok();
    }

    @AfterAll
    static void stop() {
        CliRun.run(home, "profile", "remove", PROFILE);
        CliRun.run(home, "profile", "remove", R2);
        proxy.close();
        server.close();
    }

    private static CliRun run(String profile, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--profile", profile));
        return CliRun.run(home, all.toArray(String[]::new));
    }

    @Test
    void uploadSendsTheSettingsAndStatShowsThem() throws Exception {
        Path dir = TestPaths.newDir("objset-files");
        Path file = dir.resolve("Résumé März €.txt");
        Files.writeString(file, "hello object settings");
        run(
                        PROFILE,
                        "upload",
                        file.toString(),
                        "--prefix",
                        "docs/",
                        "--no-validate",
                        "--storage-class",
                        "STANDARD",
                        "--cache-control",
                        "max-age=3600, public",
                        "--content-disposition",
                        "attachment",
                        "--content-language",
                        "de-CH",
                        "--metadata",
                        "Project=apollo",
                        "--metadata",
                        "owner=ops",
                        "--tag",
                        "team=web",
                        "--quiet")
                .ok();
        String key = "docs/" + file.getFileName();
        try (S3Client s3 = server.client()) {
            HeadObjectResponse h = s3.headObject(b -> b.bucket(BUCKET).key(key));
            assertThat(h.cacheControl()).isEqualTo("max-age=3600, public");
            assertThat(h.contentDisposition())
                    .isEqualTo("attachment; filename*=UTF-8''R%C3%A9sum%C3%A9%20M%C3%A4rz%20%E2%82%AC.txt");
            assertThat(h.contentLanguage()).isEqualTo("de-CH");
            assertThat(h.metadata())
                    .containsEntry("project", "apollo")
                    .containsEntry("owner", "ops")
                    .containsKey("sha256"); // ObitoX's own key still written beside the user's
        }
        JsonNode stat = run(PROFILE, "stat", BUCKET + "/" + key, "--json").ok().json();
        assertThat(stat.get("cacheControl").asText()).isEqualTo("max-age=3600, public");
        assertThat(stat.get("contentDisposition").asText()).startsWith("attachment; filename*=UTF-8''R%C3%A9sum");
        assertThat(stat.get("contentLanguage").asText()).isEqualTo("de-CH");
        assertThat(stat.get("storageClass").asText()).isEqualTo("STANDARD");
        assertThat(stat.get("metadata").get("project").asText()).isEqualTo("apollo");
        // S3Proxy takes x-amz-tagging on PUT but has no GetObjectTagging: stat says so instead of failing (the
        // tags round trip is checked on RGW, ObjectSettingsRgwE2eTest)
        assertThat(stat.get("tags").isNull()).isTrue();
        assertThat(stat.get("tagsNote").asText()).contains("does not support object tags");

        CliRun ls = run(PROFILE, "ls", BUCKET + "/docs/", "--long").ok();
        assertThat(ls.out()).contains("STANDARD");
        JsonNode lsJson =
                run(PROFILE, "ls", BUCKET + "/docs/", "--long", "--json").ok().json();
        assertThat(lsJson.get("objects").get(0).get("storageClass").asText()).isEqualTo("STANDARD");
        assertThat(lsJson.get("objects").get(0).has("encryption")).isTrue();
    }

    @Test
    void aMultipartUploadCarriesTheSettingsFromCreateMultipartUpload() throws Exception {
        Path file = TestPaths.newDir("objset-multipart").resolve("big.bin");
        byte[] data = new byte[(17 << 20) + 123]; // above the 16 MiB multipart threshold
        new java.util.Random(16).nextBytes(data);
        Files.write(file, data);
        run(
                        PROFILE,
                        "upload",
                        file.toString(),
                        "--no-validate",
                        "--part-size",
                        "8M",
                        "--cache-control",
                        "immutable",
                        "--content-disposition",
                        "inline",
                        "--metadata",
                        "kind=archive",
                        "--quiet")
                .ok();
        try (S3Client s3 = server.client()) {
            HeadObjectResponse h = s3.headObject(b -> b.bucket(BUCKET).key("big.bin"));
            assertThat(h.eTag()).endsWith("-3\"");
            assertThat(h.cacheControl()).isEqualTo("immutable");
            assertThat(h.contentDisposition()).isEqualTo("inline");
            assertThat(h.metadata()).containsEntry("kind", "archive").containsKey("obitox-upload");
        }
    }

    /**
     * Ceph RGW 16 completes a multipart upload without the tags sent at Create and says so in the HEAD ({@code
     * x-amz-tagging-count: 0}): the proxy adds that header to S3Proxy's HEAD answers, and the upload puts the tags
     * (PUT ?tagging) after Complete. Without the header (S3Proxy's own answer) no such request is sent.
     */
    @Test
    void tagsDroppedByAMultipartCompleteArePutAfterwards() throws Exception {
        CliRun.run(
                        home,
                        "profile",
                        "add",
                        "ObjRgwLike",
                        "--provider",
                        "ceph",
                        "--endpoint-url",
                        proxy.endpoint().toString(),
                        "--path-style",
                        "--bucket",
                        BUCKET,
                        "--access-key-id",
                        server.accessKey(),
                        "--secret-access-key",
                        server.secretKey())
                .ok();
        Path dir = TestPaths.newDir("objset-dropped-tags");
        byte[] data = new byte[(16 << 20) + 5]; // the 16 MiB multipart threshold
        new java.util.Random(19).nextBytes(data);
        Path file = Files.write(dir.resolve("tagged.bin"), data);
        try {
            // S3Proxy has no PutObjectTagging (501): the proxy answers it as a server that has one would
            proxy.rewriter((r, raw) -> r.method().equals("HEAD")
                    ? raw.replaceFirst("\r\n", "\r\nx-amz-tagging-count: 0\r\n")
                    : "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            proxy.rules(r ->
                    r.method().equals("HEAD") || isPutTagging(r) ? FaultProxy.Kind.REWRITE : FaultProxy.Kind.FORWARD);
            int before = proxy.requests().size();
            run(
                            "ObjRgwLike",
                            "upload",
                            file.toString(),
                            "--prefix",
                            "untagged-head/",
                            "--no-validate",
                            "--tag",
                            "team=web",
                            "--quiet")
                    .ok();
            List<FaultProxy.Request> sent =
                    proxy.requests().subList(before, proxy.requests().size());
            assertThat(sent)
                    .filteredOn(ObjectSettingsCliTest::isPutTagging)
                    .as("PutObjectTagging after Complete")
                    .hasSize(1);

            proxy.rules(r -> FaultProxy.Kind.FORWARD);
            before = proxy.requests().size();
            run(
                            "ObjRgwLike",
                            "upload",
                            file.toString(),
                            "--prefix",
                            "plain-head/",
                            "--no-validate",
                            "--tag",
                            "team=web",
                            "--quiet")
                    .ok();
            assertThat(proxy.requests().subList(before, proxy.requests().size()))
                    .filteredOn(ObjectSettingsCliTest::isPutTagging)
                    .as("no tag count in the HEAD: trusted, nothing more sent")
                    .isEmpty();
        } finally {
            proxy.rules(r -> FaultProxy.Kind.FORWARD);
            CliRun.run(home, "profile", "remove", "ObjRgwLike");
        }
    }

    private static boolean isPutTagging(FaultProxy.Request r) {
        return r.method().equals("PUT") && r.target().contains("?tagging");
    }

    @Test
    void anAclOnR2IsRefusedBeforeAnyRequest() throws Exception {
        Path file = TestPaths.newDir("objset-r2").resolve("a.txt");
        Files.writeString(file, "x");
        int before = proxy.requests().size();
        CliRun r = run(R2, "upload", file.toString(), "--no-validate", "--acl", "public-read", "--tag", "team=web");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err())
                .contains("UNSUPPORTED_OBJECT_SETTING")
                .contains("Cloudflare R2 does not support ACL public-read, tags");
        assertThat(proxy.requests()).hasSize(before); // not one request reached the server
    }

    @Test
    void invalidValuesAreRefusedWithOneMessage() throws Exception {
        Path file = TestPaths.newDir("objset-invalid").resolve("a.txt");
        Files.writeString(file, "x");
        CliRun clash = run(PROFILE, "upload", file.toString(), "--no-validate", "--metadata", "sha256=abc");
        assertThat(clash.exit()).isNotZero();
        assertThat(clash.err()).contains("INVALID_OBJECT_SETTING").contains("ObitoX's own");
        List<String> args = new ArrayList<>(List.of("upload", file.toString(), "--no-validate"));
        for (int i = 0; i < 11; i++) {
            args.add("--tag");
            args.add("t" + i + "=v");
        }
        CliRun tooMany = run(PROFILE, args.toArray(String[]::new));
        assertThat(tooMany.exit()).isNotZero();
        assertThat(tooMany.err()).contains("11 tags given; S3 keeps at most 10");
        CliRun badSse = run(PROFILE, "upload", file.toString(), "--no-validate", "--sse", "rot13");
        assertThat(badSse.err()).contains("'rot13' is not a server-side encryption");
    }

    @Test
    void storedDefaultsAreWrittenByTheCliAndLayeredUnderAnUploadsFlags() throws Exception {
        String bucket = "objset-defaults";
        server.createBucket(bucket);
        CliRun set = CliRun.run(
                        home,
                        "profile",
                        "object-settings",
                        PROFILE,
                        "--cache-control",
                        "max-age=60",
                        "--metadata",
                        "team=web",
                        "--metadata",
                        "tier=gold")
                .ok();
        assertThat(set.out()).contains("Stored for profile 'ObjProxy': Cache-Control max-age=60, metadata 2");
        CliRun.run(
                        home,
                        "profile",
                        "object-settings",
                        PROFILE,
                        "--bucket",
                        bucket,
                        "--content-language",
                        "fr",
                        "--metadata",
                        "team=app")
                .ok();
        // merged into what is stored at that level
        CliRun.run(home, "profile", "object-settings", PROFILE, "--bucket", bucket, "--tag", "k=v")
                .ok();

        JsonNode shown = CliRun.run(home, "profile", "object-settings", PROFILE, "--bucket", bucket, "--json")
                .ok()
                .json();
        assertThat(shown.get("stored").get("contentLanguage").asText()).isEqualTo("fr");
        assertThat(shown.get("stored").get("tags").get("k").asText()).isEqualTo("v");
        assertThat(shown.get("stored").has("cacheControl")).isFalse();
        JsonNode effective = shown.get("effective");
        assertThat(effective.get("cacheControl").asText()).isEqualTo("max-age=60");
        assertThat(effective.get("contentLanguage").asText()).isEqualTo("fr");
        assertThat(effective.get("metadata").get("team").asText())
                .as("the bucket's over the profile's")
                .isEqualTo("app");
        assertThat(effective.get("metadata").get("tier").asText()).isEqualTo("gold");
        assertThat(CliRun.run(home, "profile", "object-settings", PROFILE, "--show")
                        .ok()
                        .out())
                .contains("Cache-Control", "max-age=60", "metadata team", "web");

        // an upload there gets them, its own flags on top
        Path file = TestPaths.newDir("objset-defaults-files").resolve("d.txt");
        Files.writeString(file, "defaults");
        run(PROFILE, "upload", file.toString(), "--bucket", bucket, "--no-validate", "--metadata", "tier=silver", "-q")
                .ok();
        try (S3Client s3 = server.client()) {
            HeadObjectResponse h = s3.headObject(b -> b.bucket(bucket).key("d.txt"));
            assertThat(h.cacheControl()).isEqualTo("max-age=60");
            assertThat(h.contentLanguage()).isEqualTo("fr");
            assertThat(h.metadata()).containsEntry("team", "app").containsEntry("tier", "silver");
        }

        // refused before anything is stored: SSE-C (its key is never stored), an ACL on R2, a bad value
        Path key = Files.write(TestPaths.newDir("objset-defaults-key").resolve("k.bin"), new byte[32]);
        CliRun.run(home, "profile", "object-settings", PROFILE, "--sse-c-key-file", key.toString())
                .failsWith("INVALID_OBJECT_SETTING")
                .assertNoStackTrace();
        CliRun.run(home, "profile", "object-settings", R2, "--acl", "private").failsWith("UNSUPPORTED_OBJECT_SETTING");
        CliRun.run(home, "profile", "object-settings", PROFILE, "--metadata", "sha256=x")
                .failsWith("INVALID_OBJECT_SETTING");
        CliRun.run(home, "profile", "object-settings", PROFILE, "--show", "--clear")
                .failsWith("INVALID_ARGUMENTS");

        // --clear empties one level; the profile's stay
        CliRun.run(home, "profile", "object-settings", PROFILE, "--bucket", bucket, "--clear")
                .ok();
        JsonNode after = CliRun.run(home, "profile", "object-settings", PROFILE, "--bucket", bucket, "--json")
                .ok()
                .json();
        assertThat(after.get("stored").size()).isZero();
        assertThat(after.get("effective").get("metadata").get("team").asText()).isEqualTo("web");
        CliRun.run(home, "profile", "object-settings", PROFILE, "--clear").ok();
    }

    @Test
    void syncTakesTheUploadsObjectSettingsFlags() throws Exception {
        String bucket = "objset-sync";
        server.createBucket(bucket);
        Path dir = TestPaths.newDir("objset-sync-dir");
        Files.writeString(dir.resolve("a.txt"), "a");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/b.txt"), "b");
        run(
                        PROFILE,
                        "sync",
                        dir.toString(),
                        "--bucket",
                        bucket,
                        "--cache-control",
                        "no-cache",
                        "--content-disposition",
                        "attachment",
                        "--metadata",
                        "source=sync",
                        "-q")
                .ok();
        try (S3Client s3 = server.client()) {
            for (String k : List.of("a.txt", "sub/b.txt")) {
                HeadObjectResponse h = s3.headObject(b -> b.bucket(bucket).key(k));
                assertThat(h.cacheControl()).as(k).isEqualTo("no-cache");
                assertThat(h.contentDisposition())
                        .isEqualTo("attachment; filename*=UTF-8''" + k.substring(k.lastIndexOf('/') + 1));
                assertThat(h.metadata()).containsEntry("source", "sync");
            }
        }
        int before = proxy.requests().size();
        run(R2, "sync", dir.toString(), "--bucket", bucket, "--acl", "private").failsWith("UNSUPPORTED_OBJECT_SETTING");
        assertThat(proxy.requests()).as("refused before any request").hasSize(before);
        assertThat(CliRun.run(home, "sync", "--help").out()).contains("--storage-class", "--sse-c-key-file", "--tag");
    }
}
