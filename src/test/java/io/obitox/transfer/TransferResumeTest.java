package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** Resume tokens between app homes, source files that change under an upload, orphaned uploads. */
class TransferResumeTest {
    private static final String BUCKET = "resume";
    private S3ProxyServer server;
    private TestApp app;
    private StorageProfile profile;
    private S3Client s3;

    @BeforeEach
    void setUp() {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
        app = TestApp.create("resume");
        profile = app.addProfile("proxy", server, BUCKET);
        s3 = server.client();
        slow(app.context().transfers().engine(), 4L << 20);
    }

    @AfterEach
    void tearDown() {
        s3.close();
        app.close();
        server.close();
    }

    private static void slow(TransferEngine engine, long bytesPerSecond) {
        engine.updateSettings(engine.settings()
                .withPartSize(5L << 20)
                .withMultipartThreshold(5L << 20)
                .withConcurrency(1)
                .withBandwidthLimit(bytesPerSecond));
    }

    private String start(TransferService service, Path file, String key) {
        return service.enqueue(List.of(new UploadRequest(file, TargetRef.profile(profile.id()), BUCKET, key, null)))
                .transferIds()
                .get(0);
    }

    private static void awaitBytes(TransferService service, String id, long atLeastDurable) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            TransferSnapshot s = service.snapshot(id).orElseThrow();
            if (s.bytesDone() >= atLeastDurable + (1L << 20)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("upload did not progress");
    }

    private byte[] stored(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
    }

    @Test
    void aResumeTokenFinishesTheUploadFromASecondAppHomeWithoutResendingItsParts() throws Exception {
        TransferService first = app.context().transfers();
        Path file = TransferTestFiles.random(app.dir().resolve("src"), "movie.bin", 16L << 20, 11);
        String id = start(first, file, "movie.bin");
        awaitBytes(first, id, 5L << 20);
        first.pause(id);
        assertThat(first.awaitSettled(List.of(id), Duration.ofSeconds(30))).isTrue();
        String token = first.exportToken(id, "proxy");
        assertThat(token).startsWith("obx1.").doesNotContain(server.secretKey());

        try (TestApp second = TestApp.create("resume-second")) {
            StorageProfile other = second.addProfile("elsewhere", server, BUCKET);
            TransferService service = second.context().transfers();
            TransferSnapshot imported = service.importToken(token, file, TargetRef.profile(other.id()));
            assertThat(service.awaitSettled(List.of(imported.id()), Duration.ofSeconds(60)))
                    .isTrue();
            TransferSnapshot done = service.snapshot(imported.id()).orElseThrow();
            assertThat(done.state()).as(done.errorMessage()).isEqualTo(TransferState.COMPLETED);
            assertThat(done.etag()).endsWith("-4");
        }
        assertThat(TransferTestFiles.sha256(stored("movie.bin"))).isEqualTo(TransferTestFiles.sha256(file));
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
    }

    @Test
    void aTokenForAnUploadThatNoLongerExistsGivesUploadNotFound() throws Exception {
        TransferService service = app.context().transfers();
        Path file = TransferTestFiles.random(app.dir().resolve("src"), "gone.bin", 11L << 20, 12);
        String id = start(service, file, "gone.bin");
        awaitBytes(service, id, 0);
        service.pause(id);
        service.awaitSettled(List.of(id), Duration.ofSeconds(30));
        String token = service.exportToken(id, "proxy");
        service.cancel(id); // aborts the multipart upload
        service.awaitSettled(List.of(id), Duration.ofSeconds(30));
        assertThatThrownBy(() -> service.importToken(token, file, TargetRef.profile(profile.id())))
                .isInstanceOfSatisfying(ObitoxException.class, e -> {
                    assertThat(e.code()).isEqualTo("UPLOAD_NOT_FOUND");
                    assertThat(e.getMessage()).contains("expired or never existed");
                });
    }

    @Test
    void aMalformedTokenGivesInvalidResumeToken() {
        TransferService service = app.context().transfers();
        Path file = TransferTestFiles.random(app.dir().resolve("src"), "x.bin", 10, 13);
        for (String bad : List.of("", "hello", "obx1.!!!", "obx1.eyJ2ZXJzaW9uIjoxfQ")) {
            assertThatThrownBy(() -> service.importToken(bad, file, TargetRef.profile(profile.id())))
                    .isInstanceOfSatisfying(
                            ObitoxException.class, e -> assertThat(e.code()).isEqualTo("INVALID_RESUME_TOKEN"));
        }
    }

    @Test
    void aFileChangedDuringTheUploadIsDetectedAndTheObjectMatchesTheNewContent() throws Exception {
        TransferService service = app.context().transfers();
        Path file = TransferTestFiles.random(app.dir().resolve("src"), "changing.bin", 12L << 20, 14);
        String id = start(service, file, "changing.bin");
        awaitBytes(service, id, 5L << 20);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(100); // inside the part already uploaded
            raf.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        }
        file.toFile().setLastModified(System.currentTimeMillis() + 5000);
        app.context().transfers().engine().setBandwidthLimit(0);
        assertThat(service.awaitSettled(List.of(id), Duration.ofSeconds(60))).isTrue();
        TransferSnapshot s = service.snapshot(id).orElseThrow();
        assertThat(s.state()).as(s.errorMessage()).isEqualTo(TransferState.COMPLETED);
        assertThat(s.notice()).contains("changed");
        assertThat(TransferTestFiles.sha256(stored("changing.bin"))).isEqualTo(TransferTestFiles.sha256(file));
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
    }

    @Test
    void orphanedUploadsAreListedWithTheirSizeAndAbortedByAge() {
        String foreign = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("someone/else.bin"))
                .uploadId();
        s3.uploadPart(
                b -> b.bucket(BUCKET).key("someone/else.bin").uploadId(foreign).partNumber(1),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(new byte[1234]));
        MultipartUploads uploads = app.context().multipartUploads();
        var target = app.context().profiles().target(profile);
        List<IncompleteUpload> list = uploads.list(target, BUCKET);
        assertThat(list).singleElement().satisfies(u -> {
            assertThat(u.key()).isEqualTo("someone/else.bin");
            assertThat(u.bytesSoFar()).isEqualTo(1234);
            assertThat(u.transferId()).isNull();
        });
        assertThat(uploads.abortOlderThan(target, BUCKET, Duration.ofDays(1))).isEmpty();
        assertThat(uploads.abortOlderThan(target, BUCKET, Duration.ZERO)).hasSize(1);
        assertThat(uploads.list(target, BUCKET)).isEmpty();
    }
}
