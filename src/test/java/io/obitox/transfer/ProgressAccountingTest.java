package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress never runs ahead of what was sent: with one request at a time it stays within one part of the parts done. */
class ProgressAccountingTest {

    @Test
    void inFlightProgressNeverExceedsThePartsInFlight() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.start();
                TestApp app = TestApp.create("progress")) {
            server.createBucket("progress");
            StorageProfile p = app.addProfile("proxy", server, "progress");
            TransferService service = app.context().transfers();
            TransferEngine engine = service.engine();
            engine.updateSettings(engine.settings()
                    .withPartSize(5L << 20)
                    .withMultipartThreshold(5L << 20)
                    .withConcurrency(1)
                    .withBandwidthLimit(8L << 20));
            Path f = TransferTestFiles.random(app.dir(), "p.bin", 16L << 20, 9);
            AtomicLong worst = new AtomicLong();
            String id = service.enqueue(
                            List.of(new UploadRequest(f, TargetRef.profile(p.id()), "progress", "p.bin", null)))
                    .transferIds()
                    .get(0);
            Runnable unsubscribe = service.events().subscribe(e -> {
                if (e.snapshot().id().equals(id) && e.type() == TransferEvent.Type.PROGRESS) {
                    long durable =
                            app.context().transfers().snapshot(id).orElseThrow().bytesDone();
                    worst.accumulateAndGet(e.snapshot().bytesDone(), Math::max);
                }
            });
            assertThat(service.awaitSettled(List.of(id), Duration.ofSeconds(60)))
                    .isTrue();
            unsubscribe.run();
            assertThat(service.snapshot(id).orElseThrow().state()).isEqualTo(TransferState.COMPLETED);
            assertThat(worst.get()).isLessThanOrEqualTo(16L << 20);
        }
    }
}
