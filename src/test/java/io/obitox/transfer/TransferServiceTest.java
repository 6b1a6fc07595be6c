package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

class TransferServiceTest {
    private S3ProxyServer server;
    private TestApp app;
    private StorageProfile profile;
    private S3Client s3;

    @BeforeEach
    void setUp() {
        server = S3ProxyServer.start();
        server.createBucket("uploads");
        app = TestApp.create("transfer");
        profile = app.addProfile("proxy", server, "uploads");
        s3 = server.client();
    }

    @AfterEach
    void tearDown() {
        s3.close();
        app.close();
        server.close();
    }

    private TransferService service() {
        return app.context().transfers();
    }

    private TransferSnapshot upload(Path file, String key) throws InterruptedException {
        TransferService.Batch b = service()
                .enqueue(List.of(new UploadRequest(
                        file, TargetRef.profile(profile.id()), "uploads", key, "application/octet-stream")));
        assertThat(service().awaitSettled(b.transferIds(), Duration.ofSeconds(60)))
                .isTrue();
        return service().snapshot(b.transferIds().get(0)).orElseThrow();
    }

    private byte[] object(String key) {
        ResponseBytes<GetObjectResponse> bytes =
                s3.getObjectAsBytes(r -> r.bucket("uploads").key(key));
        return bytes.asByteArray();
    }

    @Test
    void uploadsASmallFileWithOnePutAndItsBytesArriveIntact() throws Exception {
        Path f = TransferTestFiles.random(app.dir().resolve("src"), "small.bin", 300_000, 1);
        TransferSnapshot s = upload(f, "small.bin");
        assertThat(s.state()).isEqualTo(TransferState.COMPLETED);
        assertThat(s.multipart()).isFalse();
        assertThat(TransferTestFiles.sha256(object("small.bin"))).isEqualTo(TransferTestFiles.sha256(f));
    }

    @Test
    void uploadsALargeFileInEqualPartsAndVerifiesTheMultipartEtag() throws Exception {
        Path f = TransferTestFiles.random(app.dir().resolve("src"), "large.bin", 37L * 1024 * 1024 + 123, 2);
        TransferSnapshot s = upload(f, "dir/large.bin");
        assertThat(s.state()).as(s.errorMessage()).isEqualTo(TransferState.COMPLETED);
        assertThat(s.multipart()).isTrue();
        assertThat(s.partCount()).isEqualTo(3);
        assertThat(s.etag()).matches("[0-9a-f]{32}-3");
        assertThat(TransferTestFiles.sha256(object("dir/large.bin"))).isEqualTo(TransferTestFiles.sha256(f));
        assertThat(s3.listMultipartUploads(r -> r.bucket("uploads")).uploads()).isEmpty();
    }

    @Test
    void uploadsAZeroByteFile() throws Exception {
        Path f = app.dir().resolve("src/empty.txt");
        Files.createDirectories(f.getParent());
        Files.write(f, new byte[0]);
        TransferSnapshot s = upload(f, "empty.txt");
        assertThat(s.state()).isEqualTo(TransferState.COMPLETED);
        assertThat(object("empty.txt")).isEmpty();
    }

    @Test
    void aMissingFileFailsWithItsOwnMessageWhileTheOthersComplete() throws Exception {
        Path good = TransferTestFiles.random(app.dir().resolve("src"), "good.bin", 1000, 3);
        Path gone = app.dir().resolve("src/gone.bin");
        TransferService.Batch b = service()
                .enqueue(List.of(
                        new UploadRequest(gone, TargetRef.profile(profile.id()), "uploads", "gone.bin", null),
                        new UploadRequest(good, TargetRef.profile(profile.id()), "uploads", "good.bin", null)));
        assertThat(service().awaitSettled(b.transferIds(), Duration.ofSeconds(30)))
                .isTrue();
        TransferSnapshot failed = service().snapshot(b.transferIds().get(0)).orElseThrow();
        assertThat(failed.state()).isEqualTo(TransferState.FAILED);
        assertThat(failed.errorCode()).isEqualTo("FILE_NOT_FOUND");
        assertThat(service().snapshot(b.transferIds().get(1)).orElseThrow().state())
                .isEqualTo(TransferState.COMPLETED);
    }

    @Test
    void aMissingBucketFailsFastAsPermanent() throws Exception {
        Path f = TransferTestFiles.random(app.dir().resolve("src"), "a.bin", 1000, 4);
        TransferService.Batch b = service()
                .enqueue(List.of(
                        new UploadRequest(f, TargetRef.profile(profile.id()), "no-such-bucket", "a.bin", null)));
        long t0 = System.nanoTime();
        assertThat(service().awaitSettled(b.transferIds(), Duration.ofSeconds(30)))
                .isTrue();
        TransferSnapshot s = service().snapshot(b.transferIds().get(0)).orElseThrow();
        assertThat(s.state()).isEqualTo(TransferState.FAILED);
        assertThat(s.errorCode()).isEqualTo("BUCKET_MISSING");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void waitingInALoopForManyTransfersRegistersNothingAndEndsWhenTheyAllSettle() throws Exception {
        TransferService service = service();
        service.engine().setBandwidthLimit(512 * 1024); // slow enough that the first waits time out
        java.util.List<UploadRequest> requests = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Path f = app.dir().resolve("loop/f" + i + ".bin");
            java.nio.file.Files.createDirectories(f.getParent());
            java.nio.file.Files.write(f, new byte[4096]);
            requests.add(new UploadRequest(f, TargetRef.profile(profile.id()), "uploads", "loop/f" + i, null));
        }
        TransferService.Batch batch = service.enqueue(requests);
        int waits = 0;
        // what the CLI's progress line does: short waits, again and again
        while (!service.awaitSettled(batch.transferIds(), Duration.ofMillis(20))) {
            waits++;
            assertThat(service.engine().settleWaiterCount()).isZero();
            assertThat(waits).as("settles within a minute").isLessThan(3000);
        }
        assertThat(waits)
                .as("the first waits timed out while the transfers ran")
                .isPositive();
        assertThat(batch.transferIds())
                .allSatisfy(id ->
                        assertThat(service.snapshot(id).orElseThrow().state()).isEqualTo(TransferState.COMPLETED));
    }

    @Test
    void memoryHoldsOnlyTheRunningTransfersAndFinishedOnesAreReadFromTheDatabase() throws Exception {
        TransferService service = service();
        int running = service.engine().settings().maxActiveFiles();
        service.engine().setBandwidthLimit(64 * 1024); // slow: most of the 40 wait in the queue for a while
        java.util.List<UploadRequest> requests = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Path f = app.dir().resolve("held/f" + i + ".bin");
            Files.createDirectories(f.getParent());
            Files.write(f, new byte[8192]);
            requests.add(new UploadRequest(f, TargetRef.profile(profile.id()), "uploads", "held/f" + i, null));
        }
        TransferService.Batch batch = service.enqueue(requests);
        int most = 0;
        while (!service.awaitSettled(batch.transferIds(), Duration.ofMillis(20))) {
            most = Math.max(most, service.engine().liveRows());
            assertThat(service.engine().liveRows())
                    .as("rows in memory: the running ones, not the queue")
                    .isLessThanOrEqualTo(running)
                    .isLessThan(40);
        }
        assertThat(most).as("running rows were held while they ran").isPositive();
        assertThat(service.engine().liveRows()).isZero();
        TransferSnapshot last = service.snapshot(batch.transferIds().get(39)).orElseThrow();
        assertThat(last.state()).isEqualTo(TransferState.COMPLETED);
        assertThat(last.bytesDone()).isEqualTo(8192);
        assertThat(service.snapshots(batch.transferIds()))
                .extracting(TransferSnapshot::id)
                .containsExactlyElementsOf(batch.transferIds());
        assertThat(service.recent(5)).extracting(TransferSnapshot::id).hasSize(5);
        assertThat(service.byIdPrefix(last.id().substring(0, 8), 2))
                .extracting(TransferSnapshot::id)
                .contains(last.id());
        assertThat(service.unfinished()).isEmpty();
        assertThat(service.batchTally(batch.id())).hasValue(new BatchTally(40, 40, 0, 0, "f0.bin", List.of("uploads")));
    }
}
