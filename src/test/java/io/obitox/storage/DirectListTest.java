package io.obitox.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.testing.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link DirectList} against a real S3 server (S3Proxy, real SigV4): every page, for every prefix and with and without
 * folders, is the page the SDK's client reads from the same server, keys that need URL encoding (spaces, '+', '%',
 * XML's own characters, non-ASCII, terminal control characters) included; a refusal (a missing bucket, wrong keys) is
 * the SDK's exception, so callers see the same code and sentence.
 */
class DirectListTest {
    private static final String BUCKET = "direct-list";
    private static final List<String> KEYS = List.of(
            "a b.txt",
            "plus+sign.txt",
            "percent%41.txt",
            "xml&<>\"'.txt",
            "unicodé/ü.txt",
            "logs/a\u001b]0;x\u0007b.txt",
            "docs/",
            "docs/readme.md",
            "docs/guide/one.md",
            "z.txt");
    private static S3ProxyServer server;
    private static StorageClients clients;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
        clients = new StorageClients();
        try (S3Client s3 = server.client()) {
            s3.createBucket(b -> b.bucket(BUCKET));
            for (String k : KEYS) {
                s3.putObject(b -> b.bucket(BUCKET).key(k), RequestBody.fromString("body of " + k));
            }
            for (int i = 0; i < 23; i++) {
                String k = String.format("n/%02d.bin", i);
                s3.putObject(b -> b.bucket(BUCKET).key(k), RequestBody.fromString("x".repeat(i)));
            }
        }
    }

    @AfterAll
    static void stop() {
        clients.close();
        server.close();
    }

    @Test
    void everyPageIsThePageTheSdkReads() {
        DirectList direct = clients.directList(server.target()).orElseThrow();
        int pages = 0;
        for (String prefix : List.of("", "docs/", "n/", "unicodé/", "logs/", "nothing-here/")) {
            for (boolean recursive : List.of(true, false)) {
                String token = null;
                do {
                    ObjectListing mine = direct.page(BUCKET, prefix, recursive, token, 7)
                            .orElseThrow(() -> new AssertionError("the direct path gave up on a plain listing"));
                    ObjectListing sdk = viaSdk(prefix, recursive, token, 7);
                    assertThat(mine.entries())
                            .as("%s %s after %s", prefix, recursive, token)
                            .isEqualTo(sdk.entries());
                    assertThat(mine.nextToken()).isEqualTo(sdk.nextToken());
                    token = mine.nextToken();
                    pages++;
                } while (token != null);
            }
        }
        assertThat(pages).as("pages compared").isGreaterThan(12);
        List<String> all = new ArrayList<>();
        new BucketService(clients)
                .listAll(server.target(), BUCKET, "", true, 1000)
                .forEach(e -> all.add(e.key()));
        // the whole bucket through BucketService (the direct path) has every key exactly once
        assertThat(all).hasSize(KEYS.size() + 23).containsAll(KEYS).doesNotHaveDuplicates();
    }

    @Test
    void aRefusalIsTheSdksErrorAfterOneRequest() {
        DirectList direct = clients.directList(server.target()).orElseThrow();
        S3Target wrong = server.target(server.accessKey(), "not-the-secret");
        for (var c : List.of(new Object[] {server.target(), "no-such-bucket-here"}, new Object[] {wrong, BUCKET})) {
            S3Target target = (S3Target) c[0];
            String bucket = (String) c[1];
            S3Exception sdk = org.junit.jupiter.api.Assertions.assertThrows(
                    S3Exception.class,
                    () -> clients.interactive(target)
                            .listObjectsV2(b -> b.bucket(bucket).maxKeys(10)));
            S3Exception mine = org.junit.jupiter.api.Assertions.assertThrows(
                    S3Exception.class,
                    () -> clients.directList(target).orElseThrow().page(bucket, "", true, null, 10));
            assertThat(mine.statusCode()).isEqualTo(sdk.statusCode());
            assertThat(mine.awsErrorDetails().errorCode())
                    .isEqualTo(sdk.awsErrorDetails().errorCode())
                    .isNotBlank();
            // what callers see: the same code and sentence as through the SDK's client
            ObitoxException viaService = org.junit.jupiter.api.Assertions.assertThrows(
                    ObitoxException.class,
                    () -> new BucketService(clients).listObjects(target, bucket, "", true, null));
            assertThat(viaService.code()).isEqualTo(S3Errors.toException(sdk).code());
            assertThat(viaService.toUserMessage())
                    .isEqualTo(S3Errors.toException(sdk).toUserMessage());
        }
        assertThatThrownBy(() -> direct.page("no-such-bucket-here", "", true, null, 10))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode())
                        .isEqualTo("NoSuchBucket"));
        assertThatThrownBy(() ->
                        new BucketService(clients).listObjects(server.target(), "no-such-bucket-here", "", true, null))
                .isInstanceOf(ObitoxException.class)
                .satisfies(e -> assertThat(((ObitoxException) e).code()).isEqualTo(S3Errors.BUCKET_MISSING));
    }

    @Test
    void aDocumentThatIsNotAListingIsLeftToTheSdk() {
        String error = "<?xml version=\"1.0\"?><Error><Code>SlowDown</Code></Error>";
        assertThat(DirectList.parse(stream(error), BUCKET, "")).isNull();
        assertThat(DirectList.parse(stream("not xml at all"), BUCKET, "")).isNull();
        String noKey = "<ListBucketResult><Contents><Size>1</Size></Contents></ListBucketResult>";
        assertThat(DirectList.parse(stream(noKey), BUCKET, "")).isNull();
        String badSize = "<ListBucketResult><Contents><Key>k</Key><Size>many</Size></Contents></ListBucketResult>";
        assertThat(DirectList.parse(stream(badSize), BUCKET, "")).isNull();
    }

    @Test
    void aTargetWithoutAPlainEndpointUsesTheSdk() {
        S3Target t = server.target();
        S3Target aws = new S3Target(
                "aws", "AWS", t.provider(), null, "us-east-1", false, t.credentials()); // AWS itself: no endpoint
        S3Target virtualHosts =
                new S3Target("vh", "vh", t.provider(), t.endpoint(), "us-east-1", false, t.credentials());
        assertThat(clients.directList(aws)).isEmpty();
        assertThat(clients.directList(virtualHosts)).isEmpty();
    }

    @Test
    void timestampsReadByHandAreTheJdksInstants() {
        for (String t : List.of(
                "2026-12-07T12:28:15.563Z",
                "1970-01-01T00:00:00.000Z",
                "2024-02-29T23:59:59.999Z",
                "1969-12-31T23:59:59.001Z",
                "2099-06-30T06:07:08.090Z")) {
            assertThat(DirectList.instant(t)).as(t).isEqualTo(java.time.Instant.parse(t));
        }
        // other forms go to the JDK's parsers
        assertThat(DirectList.instant("2026-12-07T12:28:15Z"))
                .isEqualTo(java.time.Instant.parse("2026-12-07T12:28:15Z"));
        assertThat(DirectList.instant("2026-12-07T12:28:15.123456Z"))
                .isEqualTo(java.time.Instant.parse("2026-12-07T12:28:15.123456Z"));
        assertThat(DirectList.instant("2026-12-07T13:28:15.563+01:00"))
                .isEqualTo(java.time.Instant.parse("2026-12-07T12:28:15.563Z"));
        assertThatThrownBy(() -> DirectList.instant("2026-02-31T12:28:15.563Z"))
                .isInstanceOf(java.time.format.DateTimeParseException.class);
    }

    private static java.io.InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The page as BucketService read it through the SDK's client before the direct path. */
    private static ObjectListing viaSdk(String prefix, boolean recursive, String token, int maxKeys) {
        ListObjectsV2Request.Builder req = ListObjectsV2Request.builder()
                .bucket(BUCKET)
                .prefix(prefix.isEmpty() ? null : prefix)
                .maxKeys(maxKeys)
                .encodingType(EncodingType.URL)
                .continuationToken(token);
        if (!recursive) {
            req.delimiter("/");
        }
        return BucketService.listing(clients.interactive(server.target()).listObjectsV2(req.build()), BUCKET, prefix);
    }
}
