package io.obitox.presign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestSecrets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every server must do with our links, checked with a plain HTTP client (no SDK on the using side): a PUT link
 * uploads, a GET link returns the same bytes, and expired, tampered or mismatched requests are refused. Subclasses
 * bind it to S3Proxy and to Ceph RGW.
 */
abstract class PresignedLinkContract {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private StorageClients clients;
    private PresignService service;

    /** The server's target; its bucket {@link #bucket()} exists and is empty. */
    abstract S3Target target();

    abstract String bucket();

    /** Whether an object exists, asked with the server's own client. */
    abstract boolean exists(String key);

    /** A plain SDK client of the server, to read back what a link stored. */
    abstract software.amazon.awssdk.services.s3.S3Client client();

    /** Whether the server has GetObjectTagging (S3Proxy has not). */
    boolean hasTagging() {
        return true;
    }

    /** Whether the server takes SSE-C over plain http (RGW with rgw_crypt_require_ssl = false; S3Proxy has none). */
    boolean sseCOverHttp() {
        return false;
    }

    @BeforeEach
    void setUpService() {
        clients = new StorageClients();
        service = new PresignService(clients, ThroughputHistory.none(), Clock.systemUTC());
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    private PresignedLink sign(ExpiryChoice expiry, LinkRequest file) {
        PresignedLink link = service.presign(target(), new PresignRequest(bucket(), List.of(file), expiry, null))
                .links()
                .get(0);
        // so SecretLeakTest proves no link reached a log or the database
        TestSecrets.register(link.url().replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1"));
        return link;
    }

    private PresignedLink sign(
            LinkRequest file, io.obitox.objects.UploadSettings settings, io.obitox.objects.SseCKey key) {
        PresignedLink link = service.presign(
                        target(), new PresignRequest(bucket(), List.of(file), ExpiryChoice.auto(), null, settings, key))
                .links()
                .get(0);
        TestSecrets.register(link.url().replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1"));
        return link;
    }

    private HttpResponse<byte[]> send(String method, String url, Map<String, String> headers, byte[] body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        headers.forEach(b::header);
        b.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpRequest request = b.build();
        return S3ProxyServer.sendRefusable(http, request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] bytes(int n, long seed) {
        byte[] data = new byte[n];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aPutLinkUploadsAndAGetLinkReturnsTheSameBytes() throws Exception {
        byte[] data = bytes(300_000, 1);
        String key = "shared/report ü #1.pdf";
        PresignedLink put = sign(ExpiryChoice.auto(), LinkRequest.put(key, (long) data.length, "application/pdf"));
        assertThat(put.headers()).containsExactly(Map.entry("Content-Type", "application/pdf"));
        HttpResponse<byte[]> uploaded = send("PUT", put.url(), put.headers(), data);
        assertThat(uploaded.statusCode()).as(text(uploaded)).isEqualTo(200);

        PresignedLink get = sign(ExpiryChoice.auto(), LinkRequest.get(key, null));
        assertThat(get.explanation().sizeBytes()).as("size looked up with HEAD").isEqualTo(data.length);
        HttpResponse<byte[]> downloaded = send("GET", get.url(), get.headers(), null);
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.body()).isEqualTo(data);
        assertThat(downloaded.headers().firstValue("Content-Type")).hasValue("application/pdf");
    }

    @Test
    void anExpiredLinkIsRefused() throws Exception {
        byte[] data = bytes(1000, 2);
        assertThat(send(
                                "PUT",
                                sign(null, LinkRequest.put("soon-gone.bin", 1000L, null))
                                        .url(),
                                Map.of(),
                                data)
                        .statusCode())
                .isEqualTo(200);
        PresignedLink get = sign(ExpiryChoice.fixed(3), LinkRequest.get("soon-gone.bin", 1000L));
        assertThat(get.url()).contains("X-Amz-Expires=3&");
        assertThat(send("GET", get.url(), Map.of(), null).statusCode())
                .as("still valid")
                .isEqualTo(200);
        Thread.sleep(4_500); // X-Amz-Date has whole seconds: 3 s after it, plus margin
        HttpResponse<byte[]> late = send("GET", get.url(), Map.of(), null);
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(text(late)).contains("AccessDenied");
    }

    @Test
    void aTamperedLinkIsRefused() throws Exception {
        byte[] data = bytes(1000, 3);
        assertThat(send(
                                "PUT",
                                sign(null, LinkRequest.put("secret.txt", 1000L, null))
                                        .url(),
                                Map.of(),
                                data)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(
                                "PUT",
                                sign(null, LinkRequest.put("other.txt", 1000L, null))
                                        .url(),
                                Map.of(),
                                data)
                        .statusCode())
                .isEqualTo(200);
        String url = sign(ExpiryChoice.fixed(600), LinkRequest.get("secret.txt", 1000L))
                .url();
        String sig = url.replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1");
        String flipped = (sig.charAt(0) == 'a' ? "b" : "a") + sig.substring(1);
        for (String tampered : List.of(
                url.replace(sig, flipped),
                url.replace("/secret.txt?", "/other.txt?"),
                url.replace("X-Amz-Expires=600", "X-Amz-Expires=6000"))) {
            assertThat(tampered).isNotEqualTo(url);
            HttpResponse<byte[]> r = send("GET", tampered, Map.of(), null);
            assertThat(r.statusCode()).as(tampered.replace(sig, "…")).isEqualTo(403);
            assertThat(r.body()).isNotEqualTo(data);
        }
        assertThat(send("GET", url, Map.of(), null).body()).isEqualTo(data);
    }

    @Test
    void aPutWithAnotherContentTypeThanSignedIsRefused() throws Exception {
        PresignedLink put = sign(ExpiryChoice.auto(), LinkRequest.put("photo.jpg", 10L, "image/jpeg"));
        HttpResponse<byte[]> r = send("PUT", put.url(), Map.of("Content-Type", "text/html"), bytes(10, 4));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(text(r)).contains("SignatureDoesNotMatch");
        assertThat(exists("photo.jpg")).isFalse();
        assertThat(send("PUT", put.url(), put.headers(), bytes(10, 4)).statusCode())
                .isEqualTo(200);
        assertThat(exists("photo.jpg")).isTrue();
    }

    @Test
    void aPutWithContentMd5RefusesOtherBytes() throws Exception {
        byte[] data = "the agreed content".getBytes(StandardCharsets.UTF_8);
        String md5 = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("MD5").digest(data));
        PresignedLink put = sign(
                ExpiryChoice.auto(),
                new LinkRequest("agreed.txt", LinkMethod.PUT, (long) data.length, "text/plain", md5));
        assertThat(put.headers()).containsEntry("Content-MD5", md5);
        byte[] other = "the altered content".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> r = send("PUT", put.url(), put.headers(), other);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(text(r)).contains("BadDigest");
        assertThat(exists("agreed.txt")).isFalse();
        assertThat(send("PUT", put.url(), put.headers(), data).statusCode()).isEqualTo(200);
    }

    @Test
    void aGetLinkForAMissingObjectIsNotSigned() {
        assertThatThrownBy(() -> sign(null, LinkRequest.get("nothing/here.txt", null)))
                .isInstanceOf(ObitoxException.class)
                .hasFieldOrPropertyWithValue("code", "OBJECT_NOT_FOUND")
                .hasMessageContaining("There is no object 'nothing/here.txt' in bucket '" + bucket() + "'");
    }

    @Test
    void aPutLinkCarriesObjectSettingsAsSignedHeadersTheUploaderMustSend() throws Exception {
        byte[] data = bytes(20_000, 5);
        String key = "settings/résumé.pdf";
        io.obitox.objects.UploadSettings settings = new io.obitox.objects.UploadSettings(
                "STANDARD",
                null,
                null,
                "max-age=600",
                "attachment",
                "de-CH",
                Map.of("project", "apollo"),
                Map.of("team", "web", "cost center", "r+d"));
        PresignedLink put = sign(LinkRequest.put(key, (long) data.length, "application/pdf"), settings, null);
        assertThat(put.headers())
                .containsEntry("Content-Type", "application/pdf")
                .containsEntry("Cache-Control", "max-age=600")
                .containsEntry("Content-Disposition", "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf")
                .containsEntry("Content-Language", "de-CH")
                .containsEntry("X-Amz-Meta-Project", "apollo")
                .containsEntry("X-Amz-Storage-Class", "STANDARD")
                .containsKey("X-Amz-Tagging");
        assertThat(put.url()).doesNotContain("apollo").doesNotContain("max-age");

        // without the listed headers (only Content-Type), or with one changed: the signature does not match
        HttpResponse<byte[]> bare = send("PUT", put.url(), Map.of("Content-Type", "application/pdf"), data);
        assertThat(bare.statusCode()).as(text(bare)).isEqualTo(403);
        assertThat(text(bare)).contains("SignatureDoesNotMatch");
        Map<String, String> changed = new java.util.LinkedHashMap<>(put.headers());
        changed.put("Cache-Control", "no-store");
        assertThat(send("PUT", put.url(), changed, data).statusCode()).isEqualTo(403);
        assertThat(exists(key)).isFalse();

        HttpResponse<byte[]> ok = send("PUT", put.url(), put.headers(), data);
        assertThat(ok.statusCode()).as(text(ok)).isEqualTo(200);
        try (software.amazon.awssdk.services.s3.S3Client s3 = client()) {
            var h = s3.headObject(b -> b.bucket(bucket()).key(key));
            assertThat(h.contentLength()).isEqualTo(data.length);
            assertThat(h.cacheControl()).isEqualTo("max-age=600");
            assertThat(h.contentDisposition()).isEqualTo("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf");
            assertThat(h.contentLanguage()).isEqualTo("de-CH");
            assertThat(h.metadata()).containsEntry("project", "apollo");
            if (hasTagging()) {
                assertThat(s3.getObjectTagging(b -> b.bucket(bucket()).key(key)).tagSet())
                        .extracting(t -> t.key() + "=" + t.value())
                        .containsExactlyInAnyOrder("team=web", "cost center=r+d");
            }
        }
    }

    @Test
    void anSseCLinkSignsTheKeyButNeverShowsIt() throws Exception {
        byte[] raw = bytes(32, 6);
        io.obitox.objects.SseCKey key = io.obitox.objects.SseCKey.of(raw);
        TestSecrets.register(key.base64());
        byte[] data = bytes(50_000, 7);
        PresignedLink put = sign(LinkRequest.put("secret/one.bin", (long) data.length, null), null, key);
        String encodedKey = java.net.URLEncoder.encode(key.base64(), StandardCharsets.UTF_8);
        assertThat(put.url()).doesNotContain(key.base64()).doesNotContain(encodedKey);
        assertThat(put.headers())
                .containsEntry("X-Amz-Server-Side-Encryption-Customer-Algorithm", "AES256")
                .containsEntry("X-Amz-Server-Side-Encryption-Customer-Key", PresignService.SSE_C_KEY_PLACEHOLDER)
                .containsEntry("X-Amz-Server-Side-Encryption-Customer-Key-MD5", key.md5Base64());
        assertThat(put.toString() + put.headers() + put.warnings()).doesNotContain(key.base64());
        if (!sseCOverHttp()) {
            return;
        }
        Map<String, String> withKey = new java.util.LinkedHashMap<>(put.headers());
        withKey.put("X-Amz-Server-Side-Encryption-Customer-Key", key.base64());
        assertThat(send("PUT", put.url(), put.headers(), data).statusCode())
                .as("the placeholder is not the key")
                .isNotEqualTo(200);
        HttpResponse<byte[]> ok = send("PUT", put.url(), withKey, data);
        assertThat(ok.statusCode()).as(text(ok)).isEqualTo(200);
        PresignedLink get = sign(LinkRequest.get("secret/one.bin", (long) data.length), null, key);
        Map<String, String> getHeaders = new java.util.LinkedHashMap<>(get.headers());
        getHeaders.put("X-Amz-Server-Side-Encryption-Customer-Key", key.base64());
        HttpResponse<byte[]> back = send("GET", get.url(), getHeaders, null);
        assertThat(back.statusCode()).as(text(back)).isEqualTo(200);
        assertThat(back.body()).isEqualTo(data);
    }
}
