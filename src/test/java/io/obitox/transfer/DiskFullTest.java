package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestPaths;
import io.obitox.testing.Tmpfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The disk that holds the database fills up while transfers are queued: each gets a clear error, nothing hangs. */
class DiskFullTest {

    @Test
    void transfersFailWithDiskFullAndTheQueueNeverHangs() throws Exception {
        Path dir = TestPaths.newDir("disk-full");
        Path db = dir.resolve("home/db");
        Files.createDirectories(db);
        Tmpfs.assumeMounted(db, "8m");
        try (S3ProxyServer server = S3ProxyServer.start()) {
            server.createBucket("full");
            List<String> ids;
            try (TestApp app = TestApp.inDirectory(dir)) {
                StorageProfile p = app.addProfile("proxy", server, "full");
                TransferService service = app.context().transfers();
                service.engine().setBandwidthLimit(256 * 1024);
                List<UploadRequest> requests = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Path f = TransferTestFiles.random(dir.resolve("src"), "f" + i + ".bin", 200_000, i);
                    requests.add(new UploadRequest(f, TargetRef.profile(p.id()), "full", "f" + i + ".bin", null));
                }
                ids = service.enqueue(requests).transferIds();
                Tmpfs.fill(db);
                service.engine().setBandwidthLimit(0);
                assertThat(service.awaitSettled(ids, Duration.ofSeconds(60)))
                        .as("the queue settles")
                        .isTrue();
                List<TransferSnapshot> end = ids.stream()
                        .map(id -> service.snapshot(id).orElseThrow())
                        .toList();
                assertThat(end)
                        .allSatisfy(s -> assertThat(s.state()).isIn(TransferState.FAILED, TransferState.COMPLETED));
                assertThat(end)
                        .filteredOn(s -> s.state() == TransferState.FAILED)
                        .isNotEmpty()
                        .allSatisfy(s -> {
                            assertThat(s.errorCode()).isEqualTo("DISK_FULL");
                            assertThat(s.errorMessage()).contains("disk").contains("Free some space");
                        });
            }
            Files.delete(db.resolve(Tmpfs.FILLER));
            try (TestApp again = TestApp.inDirectory(dir)) {
                assertThat(again.context().transfers().snapshots(ids))
                        .extracting(TransferSnapshot::id)
                        .containsAll(ids);
            }
        } finally {
            Tmpfs.unmount(db);
        }
    }
}
