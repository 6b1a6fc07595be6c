package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.objects.SseCKey;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.storage.SseCRefusal;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Downloads of objects encrypted with a customer key (SSE-C) through the transfer queue (issue 18), on S3Proxy (which
 * implements SSE-C): a folder queued without its key fails in words (one GET each, not retried) and the same folder
 * queued again with the key replaces those failed rows instead of resuming them keyless; a download stopped before a
 * restart needs its key again (the row keeps only the fingerprint), refuses another key, and completes with its own.
 */
class SseCDownloadTest {
    private static final String BUCKET = "vault";
    private static final String KEY_MD5 = "x-amz-server-side-encryption-customer-key-MD5";
    private S3ProxyServer server;
    private FaultProxy proxy;
    private TestApp app;
    private StorageProfile profile;
    private SseCKey key;
    private SseCKey other;

    @BeforeEach
    void setUp() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
        proxy = new FaultProxy(server.endpoint());
        app = TestApp.create("download-sse-c");
        profile = app.addProfile("proxy", server, proxy.endpoint(), BUCKET);
        key = key(1);
        other = key(2);
        tuneEngine(app);
    }

    @AfterEach
    void tearDown() {
        app.close();
        proxy.close();
        server.close();
    }

    private static void tuneEngine(TestApp a) {
        TransferEngine engine = a.context().transfers().engine();
        engine.updateSettings(engine.settings().withPartSize(5L << 20).withConcurrency(1));
    }

    private static SseCKey key(long seed) {
        byte[] raw = new byte[32];
        new Random(seed).nextBytes(raw);
        SseCKey k = SseCKey.of(raw);
        TestSecrets.register(k.base64());
        return k;
    }

    private byte[] putEncrypted(String objectKey, int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        try (S3Client s3 = server.client()) {
            s3.putObject(
                    b -> b.bucket(BUCKET)
                            .key(objectKey)
                            .sseCustomerAlgorithm("AES256")
                            .sseCustomerKey(key.base64())
                            .sseCustomerKeyMD5(key.md5Base64()),
                    RequestBody.fromBytes(data));
        }
        return data;
    }

    private DownloadService.Batch download(TestApp a, String keyOrPrefix, Path dest, SseCKey sseC) {
        return a.context()
                .downloads()
                .download(
                        TargetRef.profile(profile.id()),
                        BUCKET,
                        keyOrPrefix,
                        dest,
                        DownloadService.IfExists.OVERWRITE,
                        sseC);
    }

    @Test
    void aFolderQueuedWithoutItsKeyFailsInWordsAndQueuedAgainWithTheKeyCompletes() throws Exception {
        byte[] small = putEncrypted("sec/small.txt", 1000, 3);
        byte[] big = putEncrypted("sec/big.bin", 12 << 20, 4); // ranged parts, after a HEAD
        Path folder = app.dir().resolve("out");
        TransferService service = app.context().transfers();

        List<String> keyless = download(app, "sec/", folder, null).transferIds();
        assertThat(service.awaitSettled(keyless, Duration.ofSeconds(60))).isTrue();
        for (String id : keyless) {
            TransferSnapshot s = service.snapshot(id).orElseThrow();
            assertThat(s.state()).isEqualTo(TransferState.FAILED);
            assertThat(s.errorCode()).isEqualTo(SseCRefusal.KEY_NEEDED);
            assertThat(s.errorMessage())
                    .contains("'" + s.key() + "' in bucket 'vault' is encrypted with a customer key (SSE-C)")
                    .doesNotContain("Exception");
        }
        assertThat(proxy.requests().stream()
                        .filter(r -> r.target().contains("/sec/"))
                        .filter(r -> r.method().equals("GET") || r.method().equals("HEAD")))
                .as("refused for its key: one request each, not retried")
                .hasSize(2);
        assertThat(folder.resolve("big.bin.obitox-part")).doesNotExist();

        DownloadService.Batch withKey = download(app, "sec/", folder, key);
        assertThat(withKey.resumed())
                .as("a keyless row resumed would fail again")
                .isZero();
        assertThat(service.awaitSettled(withKey.transferIds(), Duration.ofSeconds(60)))
                .isTrue();

        for (String id : withKey.transferIds()) {
            TransferSnapshot s = service.snapshot(id).orElseThrow();
            assertThat(s.state()).as(s.errorCode() + " " + s.errorMessage()).isEqualTo(TransferState.COMPLETED);
        }
        for (String id : keyless) {
            assertThat(service.snapshot(id).orElseThrow().state()).isEqualTo(TransferState.CANCELLED);
        }
        assertThat(Files.readAllBytes(folder.resolve("small.txt"))).isEqualTo(small);
        assertThat(Files.readAllBytes(folder.resolve("big.bin"))).isEqualTo(big);
        assertThat(proxy.requests().stream()
                        .filter(r -> r.target().contains("/sec/") && r.method().equals("GET"))
                        .filter(r -> key.md5Base64().equals(r.header(KEY_MD5))))
                .as("the key on every GET: one of the small file, three ranges of the big one")
                .hasSize(4);
    }

    @Test
    void anObjectWhoseHeadIsRefusedForItsKeyIsNotQueuedAndAnotherKeyIsNamedAsWrong() {
        putEncrypted("one.bin", 100, 5);
        Path dest = app.dir().resolve("one.bin");

        assertThatThrownBy(() -> download(app, "one.bin", dest, null))
                .isInstanceOfSatisfying(ObitoxException.class, e -> {
                    assertThat(e.code()).isEqualTo(SseCRefusal.KEY_NEEDED);
                    assertThat(e.fix()).contains("--sse-c-key-file");
                });
        assertThatThrownBy(() -> download(app, "one.bin", dest, other))
                .isInstanceOfSatisfying(
                        ObitoxException.class, e -> assertThat(e.code()).isEqualTo(SseCRefusal.WRONG_KEY));
        assertThat(app.context().transfers().recent(10)).isEmpty();
    }

    @Test
    void aDownloadStoppedBeforeARestartAsksForItsKeyRefusesAnotherAndCompletesWithIt() throws Exception {
        byte[] data = putEncrypted("pause.bin", 20 << 20, 7);
        Path dest = app.dir().resolve("out/pause.bin");
        TransferEngine engine = app.context().transfers().engine();
        engine.setBandwidthLimit(8L << 20);
        String id = download(app, "pause.bin", dest, key).transferIds().get(0);
        TransferService service = app.context().transfers();
        assertThat(service.sseC().keyNeeded(id))
                .as("this process holds the key")
                .isEmpty();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (service.snapshot(id).orElseThrow().bytesDone() < (6L << 20) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        service.pause(id);
        assertThat(service.awaitSettled(List.of(id), Duration.ofSeconds(30))).isTrue();
        assertThat(service.snapshot(id).orElseThrow().state()).isEqualTo(TransferState.PAUSED);
        app.close();

        app = TestApp.inDirectory(app.dir()); // a restart: the key was in memory only
        tuneEngine(app);
        SseCResume sseC = app.context().transfers().sseC();
        assertThat(sseC.keyNeeded(id)).contains(key.md5Base64());
        assertThatThrownBy(() -> sseC.resume(id, other))
                .isInstanceOfSatisfying(
                        ObitoxException.class, e -> assertThat(e.code()).isEqualTo("SSE_C_KEY_MISMATCH"));
        assertThat(app.context().transfers().snapshot(id).orElseThrow().state()).isEqualTo(TransferState.PAUSED);

        sseC.resume(id, key);
        assertThat(app.context().transfers().awaitSettled(List.of(id), Duration.ofSeconds(60)))
                .isTrue();
        TransferSnapshot done = app.context().transfers().snapshot(id).orElseThrow();
        assertThat(done.state())
                .as(done.errorCode() + " " + done.errorMessage())
                .isEqualTo(TransferState.COMPLETED);
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
    }
}
