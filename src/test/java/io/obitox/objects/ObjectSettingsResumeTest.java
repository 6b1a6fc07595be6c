package io.obitox.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.storage.StorageClients;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import io.obitox.transfer.UploadRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The settings are stored with the transfer: a paused upload, resumed, sends them from its row; an SSE-C transfer
 * whose key this process was not given fails with SSE_C_KEY_NEEDED before any request, and a different key for an
 * unfinished SSE-C upload is refused.
 */
class ObjectSettingsResumeTest {
    private static final String BUCKET = "objresume";
    private S3ProxyServer server;
    private FaultProxy proxy;
    private TestApp app;
    private StorageProfile profile;

    @BeforeEach
    void setUp() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
        proxy = new FaultProxy(server.endpoint());
        app = TestApp.create(
                "objresume",
                new StorageClients.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(3)));
        profile = app.addProfile("proxy", server, proxy.endpoint(), BUCKET);
    }

    @AfterEach
    void tearDown() {
        app.close();
        proxy.close();
        server.close();
    }

    private Path file(String name) throws Exception {
        Path dir = Files.createDirectories(app.dir().resolve("src"));
        return Files.writeString(dir.resolve(name), "content of " + name);
    }

    private UploadRequest request(Path f, UploadSettings s) {
        return new UploadRequest(
                        f,
                        TargetRef.profile(profile.id()),
                        BUCKET,
                        f.getFileName().toString(),
                        null)
                .withSettings(s);
    }

    private static boolean isPut(FaultProxy.Request r) {
        return r.method().equals("PUT") && r.target().contains("/" + BUCKET + "/");
    }

    @Test
    void aPausedUploadResumesWithItsStoredSettings() throws Exception {
        TransferService service = app.context().transfers();
        UploadSettings s = new UploadSettings(
                "STANDARD", null, null, "no-cache", "attachment", "fr", Map.of("batch", "42"), Map.of("k", "v"));
        Path f = file("été.txt");
        proxy.rules(r -> isPut(r) ? FaultProxy.Kind.BLACK_HOLE : FaultProxy.Kind.FORWARD);
        String id = service.enqueue(List.of(request(f, s))).transferIds().get(0);
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (proxy.requests().stream().noneMatch(ObjectSettingsResumeTest::isPut) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        service.pause(id);
        assertThat(service.awaitSettled(List.of(id), Duration.ofSeconds(30))).isTrue();
        assertThat(service.snapshot(id).orElseThrow().state()).isEqualTo(TransferState.PAUSED);

        proxy.rules(r -> FaultProxy.Kind.FORWARD);
        service.resume(id);
        assertThat(service.awaitSettled(List.of(id), Duration.ofSeconds(30))).isTrue();
        TransferSnapshot done = service.snapshot(id).orElseThrow();
        assertThat(done.state()).as(done.errorMessage()).isEqualTo(TransferState.COMPLETED);
        try (S3Client s3 = server.client()) {
            HeadObjectResponse h = s3.headObject(b -> b.bucket(BUCKET).key("été.txt"));
            assertThat(h.cacheControl()).isEqualTo("no-cache");
            assertThat(h.contentLanguage()).isEqualTo("fr");
            assertThat(h.contentDisposition()).isEqualTo("attachment; filename*=UTF-8''%C3%A9t%C3%A9.txt");
            assertThat(h.metadata()).containsEntry("batch", "42");
        }
    }

    @Test
    void sseCWithoutItsKeyFailsBeforeAnyRequestAndAnotherKeyIsRefused() throws Exception {
        TransferService service = app.context().transfers();
        SseCKey key = SseCKey.of(new byte[32]);
        byte[] otherBytes = new byte[32];
        otherBytes[0] = 1;
        SseCKey other = SseCKey.of(otherBytes);
        Path f = file("secret.txt");
        UploadSettings s = UploadSettings.NONE.withEncryption(Encryption.customer(key));
        // the key was not given to this process (as after a restart): nothing may be sent
        String id = service.enqueue(List.of(request(f, s))).transferIds().get(0);
        assertThat(service.awaitSettled(List.of(id), Duration.ofSeconds(30))).isTrue();
        TransferSnapshot failed = service.snapshot(id).orElseThrow();
        assertThat(failed.state()).isEqualTo(TransferState.FAILED);
        assertThat(failed.errorCode()).isEqualTo(ObjectSettingsErrors.KEY_NEEDED);
        assertThat(proxy.requests()).noneMatch(ObjectSettingsResumeTest::isPut);

        // the same file again with another key: refused, the unfinished upload keeps its key
        UploadSettings withOther = UploadSettings.NONE.withEncryption(Encryption.customer(other));
        assertThatThrownBy(() -> service.enqueue(List.of(request(f, withOther))))
                .isInstanceOfSatisfying(
                        ObitoxException.class, e -> assertThat(e.code()).isEqualTo(ObjectSettingsErrors.KEY_MISMATCH))
                .hasMessageNotContaining(other.base64());
        assertThat(proxy.requests()).noneMatch(ObjectSettingsResumeTest::isPut);

        // resumed with only another key in this process: the mismatch is named, still nothing sent
        service.engine().sseCKeys().add(other);
        service.resume(id);
        assertThat(service.awaitSettled(List.of(id), Duration.ofSeconds(30))).isTrue();
        TransferSnapshot mismatch = service.snapshot(id).orElseThrow();
        assertThat(mismatch.errorCode()).isEqualTo(ObjectSettingsErrors.KEY_MISMATCH);
        assertThat(mismatch.errorMessage()).contains(key.md5Base64()).doesNotContain(key.base64());
        assertThat(proxy.requests()).noneMatch(ObjectSettingsResumeTest::isPut);
    }
}
