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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** Connection resets, 5xx replies and stalls between ObitoX and the server: every file still arrives intact. */
class FaultInjectionTest {
    private S3ProxyServer server;
    private FaultProxy proxy;
    private TestApp app;
    private StorageProfile profile;

    @BeforeEach
    void setUp() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket("faults");
        proxy = new FaultProxy(server.endpoint());
        app = TestApp.create(
                "faults",
                new StorageClients.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3)));
        profile = app.addProfile("faulty", server, proxy.endpoint(), "faults");
        TransferEngine engine = app.context().transfers().engine();
        TransferTestFiles.faultTestSettings(engine, 5L << 20, 10, Duration.ofMillis(400));
    }

    @AfterEach
    void tearDown() {
        app.close();
        proxy.close();
        server.close();
    }

    @Test
    void everyFileArrivesIntactThroughResetsErrorsAndStalls() throws Exception {
        Random random = new Random(42);
        proxy.rules(r -> {
            int roll = random.nextInt(100);
            if (roll < 6) {
                return Kind.RESET_BEFORE_BODY;
            }
            if (roll < 12 && r.contentLength() > 0) {
                return Kind.RESET_MID_BODY;
            }
            if (roll < 18) {
                return Kind.ERROR_500;
            }
            if (roll < 23) {
                return Kind.ERROR_503;
            }
            if (roll < 25) {
                return Kind.STALL;
            }
            return Kind.FORWARD;
        });
        List<Path> files = new ArrayList<>();
        List<UploadRequest> requests = new ArrayList<>();
        long[] sizes = {0, 1, 70_000, 3_000_000, 12L << 20, (17L << 20) + 7};
        for (int i = 0; i < sizes.length; i++) {
            Path f = TransferTestFiles.random(app.dir().resolve("src"), "f" + i + ".bin", sizes[i], 100 + i);
            files.add(f);
            requests.add(new UploadRequest(f, TargetRef.profile(profile.id()), "faults", "f" + i + ".bin", null));
        }
        TransferService service = app.context().transfers();
        TransferService.Batch batch = service.enqueue(requests);
        assertThat(service.awaitSettled(batch.transferIds(), Duration.ofMinutes(3)))
                .isTrue();
        try (S3Client s3 = server.client()) {
            for (int i = 0; i < files.size(); i++) {
                TransferSnapshot s =
                        service.snapshot(batch.transferIds().get(i)).orElseThrow();
                assertThat(s.state()).as(s.fileName() + ": " + s.errorMessage()).isEqualTo(TransferState.COMPLETED);
                byte[] stored = s3.getObjectAsBytes(b -> b.bucket("faults").key(s.key()))
                        .asByteArray();
                assertThat(TransferTestFiles.sha256(stored)).isEqualTo(TransferTestFiles.sha256(files.get(i)));
            }
            assertThat(s3.listMultipartUploads(b -> b.bucket("faults")).uploads())
                    .isEmpty();
        }
        assertThat(proxy.requests().size()).as("faults were really injected").isGreaterThan(requests.size() + 5);
    }
}
