package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.storage.StorageClients;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.FaultProxy.Kind;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A server that stops reading a request body without closing the connection (Ceph RGW with a full disk): the
 * request's thread sits in a socket write that no read timeout covers. The upload must retry that request, or fail
 * with a plain message, never hang.
 */
class StalledUploadTest {
    private static final long PART = 16L << 20; // far more than the loopback socket buffers, so the write blocks
    private static final Duration STALL = Duration.ofSeconds(2);

    private S3ProxyServer server;
    private FaultProxy proxy;
    private TestApp app;
    private StorageProfile profile;

    @BeforeEach
    void setUp() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket("stalls");
        proxy = new FaultProxy(server.endpoint(), 64 * 1024);
        app = TestApp.create(
                "stalls",
                new StorageClients.Timeouts(
                        Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3), STALL));
        profile = app.addProfile("stalling", server, proxy.endpoint(), "stalls");
        TransferEngine engine = app.context().transfers().engine();
        TransferTestFiles.faultTestSettings(engine, PART, 3, Duration.ofMillis(200));
    }

    @AfterEach
    void tearDown() {
        app.close();
        proxy.close();
        server.close();
    }

    @Test
    void aBodyTheServerStopsReadingIsSentAgainAndEveryFileArrivesIntact() throws Exception {
        AtomicInteger part2 = new AtomicInteger();
        AtomicInteger single = new AtomicInteger();
        proxy.rules(r -> {
            if (r.isPart() && r.partNumber() == 2) {
                return part2.incrementAndGet() == 1 ? Kind.BLACK_HOLE : Kind.FORWARD;
            }
            if (r.method().equals("PUT") && r.target().contains("single.bin") && !r.isPart()) {
                return single.incrementAndGet() == 1 ? Kind.BLACK_HOLE : Kind.FORWARD;
            }
            return Kind.FORWARD;
        });
        Path big = TransferTestFiles.random(app.dir().resolve("src"), "big.bin", 2 * PART + 12_345, 7);
        Path small = TransferTestFiles.random(app.dir().resolve("src"), "single.bin", 12L << 20, 8);
        TransferService service = app.context().transfers();
        TransferService.Batch batch = service.enqueue(List.of(request(big), request(small)));

        long started = System.nanoTime();
        assertThat(service.awaitSettled(batch.transferIds(), Duration.ofSeconds(90)))
                .as("the uploads settle instead of hanging in a socket write")
                .isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        try (S3Client s3 = server.client()) {
            for (int i = 0; i < 2; i++) {
                TransferSnapshot s =
                        service.snapshot(batch.transferIds().get(i)).orElseThrow();
                assertThat(s.state()).as(s.fileName() + ": " + s.errorMessage()).isEqualTo(TransferState.COMPLETED);
                byte[] stored = s3.getObjectAsBytes(b -> b.bucket("stalls").key(s.key()))
                        .asByteArray();
                assertThat(TransferTestFiles.sha256(stored)).isEqualTo(TransferTestFiles.sha256(i == 0 ? big : small));
            }
            assertThat(s3.listMultipartUploads(b -> b.bucket("stalls")).uploads())
                    .isEmpty();
        }
        assertThat(part2.get()).as("part 2 was swallowed once, then sent again").isEqualTo(2);
        assertThat(single.get())
                .as("the single PUT was swallowed once, then sent again")
                .isEqualTo(2);
        assertThat(took).as("one stall costs about the stall limit, not a hang").isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void anUploadTheServerNeverReadsFailsWithAPlainMessageInsteadOfHanging() throws Exception {
        AtomicInteger part1 = new AtomicInteger();
        proxy.rules(r -> {
            if (r.isPart()) {
                if (r.partNumber() == 1) {
                    part1.incrementAndGet();
                }
                return Kind.BLACK_HOLE;
            }
            return Kind.FORWARD;
        });
        Path file = TransferTestFiles.random(app.dir().resolve("src"), "never.bin", 2 * PART, 9);
        TransferService service = app.context().transfers();
        TransferService.Batch batch = service.enqueue(List.of(request(file)));

        long started = System.nanoTime();
        assertThat(service.awaitSettled(batch.transferIds(), Duration.ofSeconds(90)))
                .as("the upload settles instead of hanging in a socket write")
                .isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        TransferSnapshot s = service.snapshot(batch.transferIds().get(0)).orElseThrow();
        assertThat(s.state()).isEqualTo(TransferState.FAILED);
        assertThat(s.errorCode()).isEqualTo("TIMEOUT");
        assertThat(s.errorMessage())
                .contains("after 3 attempts")
                .contains("stopped taking the data")
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("software.amazon");
        assertThat(part1.get()).as("every attempt was made").isEqualTo(3);
        // 3 attempts × (3 s waiting for "100 Continue" + 2 s stall limit + < 0.5 s to notice + < 0.2 s backoff)
        assertThat(took).isLessThan(Duration.ofSeconds(45));
    }

    private UploadRequest request(Path file) {
        return new UploadRequest(
                file,
                TargetRef.profile(profile.id()),
                "stalls",
                file.getFileName().toString(),
                null);
    }
}
