package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.storage.Provider;
import io.obitox.storage.StorageClients;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.FaultProxy.Kind;
import io.obitox.testing.FaultProxy.Request;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Issue 16's integrity: the final check holds whatever the ETag is. In order, (1) the full-object checksum the
 * provider verifies and returns (AWS: CRC32C, R2: CRC64NVME, {@code FULL_OBJECT}), (2) the MD5 / md5-of-md5s ETag
 * where the object is not KMS/SSE-C encrypted, (3) the size and the {@code x-amz-meta-sha256} ObitoX wrote. Behind a
 * proxy that answers like a KMS bucket (every object ETag random, {@code x-amz-server-side-encryption: aws:kms})
 * single PUTs and multipart uploads complete and say what proved them; a corrupted part is caught, and a returned
 * checksum or SHA-256 metadata that differs fails the transfer.
 */
class IntegrityWithAnyEtagTest {
    private static final String BUCKET = "integrity";
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String MD5 = "Content-MD5 on every request";

    private S3ProxyServer server;
    private FaultProxy proxy;
    private TestApp app;

    @BeforeEach
    void setUp() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
        proxy = new FaultProxy(server.endpoint());
        app = TestApp.create(
                "integrity",
                new StorageClients.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5)));
        TransferEngine engine = app.context().transfers().engine();
        TransferTestFiles.faultTestSettings(engine, 5L << 20, 4, Duration.ofMillis(200));
    }

    @AfterEach
    void tearDown() {
        app.close();
        proxy.close();
        server.close();
    }

    /**
     * A KMS bucket's answers: PutObject, Create, Complete, HEAD and GET with random ETags of the same shape and
     * {@code aws:kms}. Part answers pass unchanged: S3Proxy checks the part ETags Complete names, and the request
     * body that names them is signed, so a proxy cannot map them back.
     */
    private static Kind kms(Request r) {
        boolean objectPut = r.method().equals("PUT") && !r.isPart();
        boolean read = r.method().equals("HEAD") || r.method().equals("GET");
        return objectPut || read || r.isComplete() || r.isCreateMultipart() ? Kind.KMS_ETAG : Kind.FORWARD;
    }

    @ParameterizedTest
    @EnumSource(
            value = Provider.class,
            names = {"GENERIC", "CEPH", "MINIO", "B2"})
    void aKmsBucketsUploadsVerifyBySizeAndSha256Metadata(Provider provider) throws Exception {
        StorageProfile profile = app.addProfile("kms", provider, server, proxy.endpoint(), BUCKET);
        proxy.rules(IntegrityWithAnyEtagTest::kms);
        Path small = TransferTestFiles.random(app.dir().resolve("src"), "small.bin", 70_000, 1);
        Path big = TransferTestFiles.random(app.dir().resolve("src"), "big.bin", (12L << 20) + 7, 2);

        List<TransferSnapshot> done = upload(profile, small, big);

        for (TransferSnapshot s : done) {
            assertThat(s.state()).as(s.fileName() + ": " + s.errorMessage()).isEqualTo(TransferState.COMPLETED);
            assertThat(s.verifiedBy()).isEqualTo(MD5 + " + size + SHA-256 metadata");
        }
        assertIntact("small.bin", small);
        assertIntact("big.bin", big);
        // what the metadata says is the file's SHA-256, on both objects
        try (S3Client s3 = server.client()) {
            for (Path f : List.of(small, big)) {
                HeadObjectResponse h =
                        s3.headObject(b -> b.bucket(BUCKET).key(f.getFileName().toString()));
                assertThat(h.metadata()).containsEntry("sha256", TransferTestFiles.sha256(f));
            }
        }
        assertThat(proxy.requests().stream().filter(r -> r.target().contains("small.bin") && isPut(r)))
                .as("one PutObject, never sent again for its ETag")
                .hasSize(1);
        assertThat(proxy.requests().stream().filter(r -> r.target().contains("big.bin") && r.isPart()))
                .hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(
            value = Provider.class,
            names = {"AWS", "R2"})
    void awsAndR2ProveTheWholeObjectByAFullObjectChecksum(Provider provider) throws Exception {
        StorageProfile profile = app.addProfile("crc", provider, server, proxy.endpoint(), BUCKET);
        proxy.rules(IntegrityWithAnyEtagTest::kms);
        Path small = TransferTestFiles.random(app.dir().resolve("src"), "small.bin", 70_000, 3);
        Path big = TransferTestFiles.random(app.dir().resolve("src"), "big.bin", (12L << 20) + 7, 4);

        List<TransferSnapshot> done = upload(profile, small, big);

        String crc = provider == Provider.AWS ? "CRC32C" : "CRC64NVME";
        String header = "x-amz-checksum-" + crc.toLowerCase();
        assertThat(done.get(0).verifiedBy()).isEqualTo(MD5 + " + " + crc + " full-object checksum");
        assertThat(done.get(1).verifiedBy()).isEqualTo(MD5 + " + " + crc + " full-object checksum + size");
        assertIntact("small.bin", small);
        assertIntact("big.bin", big);
        List<Request> seen = proxy.requests();
        Request put = seen.stream()
                .filter(r -> r.target().contains("small.bin") && isPut(r))
                .findFirst()
                .orElseThrow();
        assertThat(put.header(header)).isNotBlank();
        Request create =
                seen.stream().filter(Request::isCreateMultipart).findFirst().orElseThrow();
        assertThat(create.header("x-amz-checksum-algorithm")).isEqualToIgnoringCase(crc);
        assertThat(create.header("x-amz-checksum-type")).isEqualTo("FULL_OBJECT");
        assertThat(seen.stream().filter(Request::isPart)).hasSize(3).allSatisfy(r -> {
            assertThat(r.header(header)).as("each part carries its CRC").isNotBlank();
        });
        Request complete = seen.stream().filter(Request::isComplete).findFirst().orElseThrow();
        assertThat(complete.header(header))
                .as("the whole file's CRC, combined from the parts'")
                .isNotBlank();
        assertThat(complete.header("x-amz-checksum-type")).isEqualTo("FULL_OBJECT");
        // one checksum per request, computed by ObitoX: no SDK-computed CRC32 beside it, no trailer
        for (Request r : seen) {
            assertThat(r.header("x-amz-checksum-crc32")).as(r.target()).isNull();
            assertThat(r.header("x-amz-trailer")).as(r.target()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Provider.class,
            names = {"GENERIC", "AWS"})
    void aCorruptedPartOrPutIsCaughtAndSentAgain(Provider provider) throws Exception {
        StorageProfile profile = app.addProfile("kms", provider, server, proxy.endpoint(), BUCKET);
        AtomicBoolean flippedPut = new AtomicBoolean();
        AtomicBoolean flippedPart = new AtomicBoolean();
        proxy.rules(r -> {
            if (isPut(r) && r.target().contains("small.bin") && flippedPut.compareAndSet(false, true)) {
                return Kind.FLIP_BYTE;
            }
            if (r.isPart() && r.partNumber() == 2 && flippedPart.compareAndSet(false, true)) {
                return Kind.FLIP_BYTE;
            }
            return kms(r);
        });
        Path small = TransferTestFiles.random(app.dir().resolve("src"), "small.bin", 70_000, 5);
        Path big = TransferTestFiles.random(app.dir().resolve("src"), "big.bin", (12L << 20) + 7, 6);

        List<TransferSnapshot> done = upload(profile, small, big);

        assertThat(flippedPut).isTrue();
        assertThat(flippedPart).isTrue();
        for (TransferSnapshot s : done) {
            assertThat(s.state()).as(s.fileName() + ": " + s.errorMessage()).isEqualTo(TransferState.COMPLETED);
        }
        // never done with a bad object: the server refused the corrupted bodies, they were sent again
        assertIntact("small.bin", small);
        assertIntact("big.bin", big);
        assertThat(proxy.requests().stream().filter(r -> r.isPart() && r.partNumber() == 2))
                .hasSize(2);
    }

    @Test
    void aFullObjectChecksumThatIsNotTheFilesFailsTheTransfer() throws Exception {
        StorageProfile profile = app.addProfile("aws", Provider.AWS, server, proxy.endpoint(), BUCKET);
        // the server answers Complete with another CRC than the file's: what it stored is not the file
        proxy.rules(r -> r.isComplete() ? Kind.KMS_REWRITE : kms(r));
        proxy.rewriter((r, raw) -> raw.replaceAll(
                "<ChecksumCRC32C>[A-Za-z0-9+/]{6}==</ChecksumCRC32C>", "<ChecksumCRC32C>AAAAAA==</ChecksumCRC32C>"));
        Path big = TransferTestFiles.random(app.dir().resolve("src"), "big.bin", (11L << 20) + 3, 7);

        TransferSnapshot s = upload(profile, big).get(0);

        assertThat(s.state()).isEqualTo(TransferState.FAILED);
        assertThat(s.errorCode()).isEqualTo("VERIFY_FAILED");
        assertThat(s.errorMessage()).contains("CRC32C full-object checksum the server returned (AAAAAA==)");
    }

    @ParameterizedTest
    @EnumSource(
            value = Provider.class,
            names = {"GENERIC", "CEPH"})
    void aSha256MetadataThatIsNotTheFilesFailsTheTransfer(Provider provider) throws Exception {
        StorageProfile profile = app.addProfile("kms", provider, server, proxy.endpoint(), BUCKET);
        proxy.rules(r -> r.method().equals("HEAD") ? Kind.KMS_REWRITE : kms(r));
        // another object at the key (same size, other content): its SHA-256 is not the file's
        proxy.rewriter((r, raw) -> raw.replaceAll("(?im)^(x-amz-meta-sha256: )[0-9a-f]", "$1z"));
        Path small = TransferTestFiles.random(app.dir().resolve("src"), "small.bin", 70_000, 8);
        Path big = TransferTestFiles.random(app.dir().resolve("src"), "big.bin", (11L << 20) + 3, 9);

        List<TransferSnapshot> done = upload(profile, small, big);

        assertThat(done).allSatisfy(s -> {
            assertThat(s.state()).as(s.fileName()).isEqualTo(TransferState.FAILED);
            assertThat(s.errorCode()).isEqualTo("VERIFY_FAILED");
            assertThat(s.errorMessage()).contains("x-amz-meta-sha256 (z").contains("is not the SHA-256 of the file");
        });
    }

    @Test
    void sseS3ThatNoAnswerConfirmsCompletesWithANotice() throws Exception {
        // like Ceph RGW 16: x-amz-server-side-encryption: AES256 taken without a word, the object stored unencrypted
        StorageProfile profile = app.addProfile("plain", Provider.CEPH, server, proxy.endpoint(), BUCKET);
        proxy.rules(r -> r.isPart() ? Kind.FORWARD : Kind.REWRITE);
        proxy.rewriter((r, raw) -> raw.replaceAll("(?im)^x-amz-server-side-encryption:[^\r\n]*\r\n", ""));
        Path small = TransferTestFiles.random(app.dir().resolve("src"), "small.bin", 70_000, 11);
        Path big = TransferTestFiles.random(app.dir().resolve("src"), "big.bin", (11L << 20) + 3, 12);
        io.obitox.objects.UploadSettings sse =
                io.obitox.objects.UploadSettings.NONE.withEncryption(io.obitox.objects.Encryption.sseS3());
        TransferService service = app.context().transfers();
        TransferService.Batch batch = service.enqueue(List.of(
                request(profile, small).withSettings(sse), request(profile, big).withSettings(sse)));
        assertThat(service.awaitSettled(batch.transferIds(), WAIT)).isTrue();

        for (String id : batch.transferIds()) {
            TransferSnapshot s = service.snapshot(id).orElseThrow();
            assertThat(s.state()).as(s.errorMessage()).isEqualTo(TransferState.COMPLETED);
            assertThat(s.notice())
                    .as(s.fileName())
                    .contains("did not confirm the encryption asked for (SSE-S3, AES256)");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Provider.class,
            names = {"AWS", "R2", "GENERIC"})
    void aPausedMultipartUploadResumesAndIsStillProven(Provider provider) throws Exception {
        StorageProfile profile = app.addProfile("resume", provider, server, proxy.endpoint(), BUCKET);
        proxy.rules(r -> r.isPart() && r.partNumber() == 3 ? Kind.BLACK_HOLE : kms(r));
        Path big = TransferTestFiles.random(app.dir().resolve("src"), "big.bin", (12L << 20) + 7, 10);
        TransferService service = app.context().transfers();
        String id =
                service.enqueue(List.of(request(profile, big))).transferIds().get(0);
        long end = System.nanoTime() + WAIT.toNanos();
        while (service.snapshot(id).orElseThrow().bytesDone() < (10L << 20) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        service.pause(id);
        assertThat(service.awaitSettled(List.of(id), WAIT)).isTrue();
        assertThat(service.snapshot(id).orElseThrow().state()).isEqualTo(TransferState.PAUSED);

        proxy.rules(IntegrityWithAnyEtagTest::kms);
        service.resume(id);
        assertThat(service.awaitSettled(List.of(id), WAIT)).isTrue();

        TransferSnapshot s = service.snapshot(id).orElseThrow();
        assertThat(s.state()).as(s.errorMessage()).isEqualTo(TransferState.COMPLETED);
        assertThat(s.verifiedBy())
                .isEqualTo(
                        switch (provider) {
                            case AWS -> MD5 + " + CRC32C full-object checksum + size";
                            case R2 -> MD5 + " + CRC64NVME full-object checksum + size";
                            default -> MD5 + " + size + SHA-256 metadata";
                        });
        assertIntact("big.bin", big);
        assertThat(proxy.requests().stream().filter(Request::isCreateMultipart))
                .as("resumed, not started again")
                .hasSize(1);
    }

    private static boolean isPut(Request r) {
        return r.method().equals("PUT") && !r.isPart() && r.target().contains("/" + BUCKET + "/");
    }

    private static UploadRequest request(StorageProfile profile, Path f) {
        return new UploadRequest(
                f, TargetRef.profile(profile.id()), BUCKET, f.getFileName().toString(), null);
    }

    private List<TransferSnapshot> upload(StorageProfile profile, Path... files) throws InterruptedException {
        TransferService service = app.context().transfers();
        List<UploadRequest> requests =
                java.util.Arrays.stream(files).map(f -> request(profile, f)).toList();
        TransferService.Batch batch = service.enqueue(requests);
        assertThat(service.awaitSettled(batch.transferIds(), WAIT)).isTrue();
        return batch.transferIds().stream()
                .map(id -> service.snapshot(id).orElseThrow())
                .toList();
    }

    private void assertIntact(String key, Path file) {
        try (S3Client s3 = server.client()) {
            byte[] stored = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
            assertThat(TransferTestFiles.sha256(stored)).isEqualTo(TransferTestFiles.sha256(file));
        }
    }
}
