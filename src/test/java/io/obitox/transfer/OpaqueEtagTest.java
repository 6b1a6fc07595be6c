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
import io.obitox.testing.TestSecrets;
import io.obitox.webhook.Delivery;
import io.obitox.webhook.WebhookService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An ETag is an opaque string: through a proxy that answers like a KMS-encrypted bucket (random ETags of the same
 * shape, {@code x-amz-server-side-encryption: aws:kms}) uploads complete at the first attempt, verified by what the
 * server checked; while bytes that really differ (a flipped byte, a size that differs, an MD5 ETag that is not the
 * file's where the provider makes MD5 ETags) are still caught.
 */
class OpaqueEtagTest {
    private static final Duration WAIT = Duration.ofMinutes(2);

    private S3ProxyServer server;
    private FaultProxy proxy;
    private TestApp app;

    @BeforeEach
    void setUp() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket("kms");
        proxy = new FaultProxy(server.endpoint());
        app = TestApp.create(
                "opaque-etag",
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
     * Like the proxy: PutObject, Create, HEAD, GET and Complete answers rewritten; parts and listings pass
     * (S3Proxy checks the part ETags Complete names, so they must stay its own).
     */
    private static Kind kmsAnswers(Request r) {
        boolean objectPut = r.method().equals("PUT") && !r.isPart();
        boolean read = r.method().equals("HEAD") || r.method().equals("GET");
        return objectPut || read || r.isComplete() || r.isCreateMultipart() ? Kind.KMS_ETAG : Kind.FORWARD;
    }

    @ParameterizedTest
    @EnumSource(
            value = Provider.class,
            names = {"AWS", "CEPH", "GENERIC"})
    void singleAndMultipartUploadsToAKmsStyleBucketCompleteAtTheFirstAttempt(Provider provider) throws Exception {
        StorageProfile profile = app.addProfile("kms", provider, server, proxy.endpoint(), "kms");
        WebhookService.Created hook = app.context().webhooks().add("http://127.0.0.1:9/hook", null);
        TestSecrets.register(hook.secret().reveal());
        proxy.rules(OpaqueEtagTest::kmsAnswers);
        Path small = TransferTestFiles.random(app.dir().resolve("src"), "small.bin", 70_000, 1);
        Path big = TransferTestFiles.random(app.dir().resolve("src"), "big.bin", (12L << 20) + 7, 2);

        List<TransferSnapshot> done = upload(profile, small, big);

        for (TransferSnapshot s : done) {
            assertThat(s.state()).as(s.fileName() + ": " + s.errorMessage()).isEqualTo(TransferState.COMPLETED);
        }
        // on AWS the full-object CRC32C ObitoX sends is verified and returned by S3Proxy: the whole content, so no
        // HEAD for a single PUT; elsewhere the size and the x-amz-meta-sha256 read back prove it
        assertThat(done.get(0).verifiedBy())
                .isEqualTo(
                        provider == Provider.AWS
                                ? "Content-MD5 on every request + CRC32C full-object checksum"
                                : "Content-MD5 on every request + size + SHA-256 metadata");
        assertThat(done.get(1).verifiedBy())
                .isEqualTo(
                        provider == Provider.AWS
                                ? "Content-MD5 on every request + CRC32C full-object checksum + size"
                                : "Content-MD5 on every request + size + SHA-256 metadata");
        assertIntact(done.get(0), small);
        assertIntact(done.get(1), big);
        List<Request> seen = proxy.requests();
        assertThat(seen.stream()
                        .filter(r -> r.method().equals("PUT") && r.target().contains("small.bin")))
                .as("one PutObject, no retry")
                .hasSize(1);
        assertThat(seen.stream().filter(r -> r.target().contains("big.bin") && r.isPart()))
                .as("three parts, none sent twice")
                .hasSize(3);
        // Ceph makes md5-of-md5s ETags, so the SHA-256 is read only once Create's answer says aws:kms: that first
        // upload (no part sent) is aborted and started again with x-amz-meta-sha256
        assertThat(seen.stream().filter(r -> r.target().contains("big.bin") && r.isCreateMultipart()))
                .hasSize(provider == Provider.CEPH ? 2 : 1);
        assertThat(seen.stream().filter(r -> r.target().contains("big.bin") && r.isComplete()))
                .hasSize(1);
        List<Delivery> events = app.context().webhooks().forTransfers(ids(done));
        assertThat(events)
                .extracting(Delivery::eventType)
                .containsOnly("upload.completed")
                .hasSize(2);
    }

    @Test
    void withoutEncryptionAProviderThatMakesMd5EtagsIsCheckedByEtagToo() throws Exception {
        StorageProfile profile = app.addProfile("ceph", Provider.CEPH, server, proxy.endpoint(), "kms");
        Path small = TransferTestFiles.random(app.dir().resolve("src"), "plain.bin", 70_000, 3);
        Path big = TransferTestFiles.random(app.dir().resolve("src"), "plain-big.bin", (11L << 20) + 1, 4);

        List<TransferSnapshot> done = upload(profile, small, big);

        assertThat(done.get(0).verifiedBy()).isEqualTo("Content-MD5 on every request + ETag");
        assertThat(done.get(1).verifiedBy()).isEqualTo("Content-MD5 on every request + size + ETag");
        assertIntact(done.get(0), small);
        assertIntact(done.get(1), big);
    }

    @Test
    void aFlippedByteIsRefusedByTheServerAndSentAgain() throws Exception {
        StorageProfile profile = app.addProfile("kms", Provider.AWS, server, proxy.endpoint(), "kms");
        boolean[] flipped = new boolean[2];
        proxy.rules(r -> {
            if (r.method().equals("PUT") && r.target().contains("small.bin") && !flipped[0]) {
                flipped[0] = true;
                return Kind.FLIP_BYTE;
            }
            if (r.method().equals("PUT") && r.partNumber() == 2 && !flipped[1]) {
                flipped[1] = true;
                return Kind.FLIP_BYTE;
            }
            return kmsAnswers(r);
        });
        Path small = TransferTestFiles.random(app.dir().resolve("src"), "small.bin", 70_000, 5);
        Path big = TransferTestFiles.random(app.dir().resolve("src"), "big.bin", (12L << 20) + 7, 6);

        List<TransferSnapshot> done = upload(profile, small, big);

        assertThat(flipped).containsExactly(true, true);
        assertThat(done)
                .allSatisfy(s -> assertThat(s.state())
                        .as(s.fileName() + ": " + s.errorMessage())
                        .isEqualTo(TransferState.COMPLETED));
        assertIntact(done.get(0), small);
        assertIntact(done.get(1), big);
        List<Request> seen = proxy.requests();
        assertThat(seen.stream()
                        .filter(r -> r.method().equals("PUT") && r.target().contains("small.bin")))
                .as("the refused PUT was sent again")
                .hasSize(2);
        assertThat(seen.stream().filter(r -> r.method().equals("PUT") && r.partNumber() == 2))
                .as("the refused part was sent again")
                .hasSize(2);
    }

    @Test
    void aSizeThatDiffersFailsTheTransferEvenWhenTheEtagIsOpaque() throws Exception {
        // a generic server returns no checksum, so the size read back is what proves the single PUT
        StorageProfile profile = app.addProfile("kms", Provider.GENERIC, server, proxy.endpoint(), "kms");
        proxy.rules(r -> r.method().equals("HEAD") ? Kind.SHORT_LENGTH : kmsAnswers(r));
        Path small = TransferTestFiles.random(app.dir().resolve("src"), "small.bin", 70_000, 7);
        Path big = TransferTestFiles.random(app.dir().resolve("src"), "big.bin", (11L << 20) + 3, 8);

        List<TransferSnapshot> done = upload(profile, small, big);

        assertThat(done).allSatisfy(s -> {
            assertThat(s.state()).isEqualTo(TransferState.FAILED);
            assertThat(s.errorCode()).isEqualTo("VERIFY_FAILED");
            assertThat(s.errorMessage()).contains("bytes, the file has");
        });
    }

    @Test
    void anEtagThatIsNotTheMd5FailsWhereTheProviderMakesMd5Etags() throws Exception {
        StorageProfile profile = app.addProfile("ceph", Provider.CEPH, server, proxy.endpoint(), "kms");
        // random ETags of the same shape, but no encryption header: on Ceph that means the bytes differ
        proxy.rules(r -> r.method().equals("PUT") && !r.isPart() ? Kind.RANDOM_ETAG : Kind.FORWARD);
        Path small = TransferTestFiles.random(app.dir().resolve("src"), "small.bin", 70_000, 9);

        List<TransferSnapshot> done = upload(profile, small);

        assertThat(done.get(0).state()).isEqualTo(TransferState.FAILED);
        assertThat(done.get(0).errorCode()).isEqualTo("VERIFY_FAILED");
        assertThat(done.get(0).errorMessage()).contains("is not the MD5 of the file");
    }

    private List<TransferSnapshot> upload(StorageProfile profile, Path... files) throws InterruptedException {
        TransferService service = app.context().transfers();
        List<UploadRequest> requests = java.util.Arrays.stream(files)
                .map(f -> new UploadRequest(
                        f,
                        TargetRef.profile(profile.id()),
                        "kms",
                        f.getFileName().toString(),
                        null))
                .toList();
        TransferService.Batch batch = service.enqueue(requests);
        assertThat(service.awaitSettled(batch.transferIds(), WAIT)).isTrue();
        return batch.transferIds().stream()
                .map(id -> service.snapshot(id).orElseThrow())
                .toList();
    }

    private void assertIntact(TransferSnapshot s, Path file) {
        try (S3Client s3 = server.client()) {
            byte[] stored =
                    s3.getObjectAsBytes(b -> b.bucket("kms").key(s.key())).asByteArray();
            assertThat(TransferTestFiles.sha256(stored)).isEqualTo(TransferTestFiles.sha256(file));
        }
    }

    private static List<String> ids(List<TransferSnapshot> list) {
        return list.stream().map(TransferSnapshot::id).toList();
    }
}
