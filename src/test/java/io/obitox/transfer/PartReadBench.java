package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One 256 MiB multipart upload (16 MiB parts, 4 at a time) to the in-process S3 proxy, for counting system calls:
 * {@code strace -f -c -e trace=pread64,write,sendto mvn -o test -Dtest=PartReadBench -Dtest.excludedGroups=}.
 * The {@code pread64} count is the client reading the source file (the proxy writes, it does not pread); {@code
 * write} mixes the client's socket writes with the proxy's file writes. A measurement, not a test.
 */
@Tag("bench")
class PartReadBench {
    @Test
    void uploadOneLargeFile() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.start();
                TestApp app = TestApp.create("part-read")) {
            server.createBucket("bench");
            StorageProfile p = app.addProfile("proxy", server, "bench");
            TransferService service = app.context().transfers();
            TransferEngine engine = service.engine();
            engine.updateSettings(engine.settings()
                    .withPartSize(16L << 20)
                    .withMultipartThreshold(16L << 20)
                    .withConcurrency(4));
            Path f = TransferTestFiles.random(app.dir(), "big.bin", 256L << 20, 3);
            long t0 = System.nanoTime();
            String id = service.enqueue(
                            List.of(new UploadRequest(f, TargetRef.profile(p.id()), "bench", "big.bin", null)))
                    .transferIds()
                    .get(0);
            assertThat(service.awaitSettled(List.of(id), Duration.ofMinutes(5))).isTrue();
            assertThat(service.snapshot(id).orElseThrow().state()).isEqualTo(TransferState.COMPLETED);
            System.out.printf("PartReadBench: 256 MiB in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
