package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.TestApp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Finished transfers older than the setting leave the list at the next start; unfinished ones never do. */
class HistoryCompactionTest {

    static Transfer row(TransferState state, Instant created) {
        return new Transfer(
                UUID.randomUUID().toString(),
                "batch",
                Path.of("/data/photos/IMG_" + created.getEpochSecond() + ".jpg"),
                3_500_000,
                created.toEpochMilli(),
                "3500000:1700000000000:0a1b2c3d",
                "{\"profileId\":\"p-0123456789\"}",
                "Sandbox",
                "http://127.0.0.1:9000",
                "photos",
                "2026/IMG_" + created.getEpochSecond() + ".jpg",
                "image/jpeg",
                state,
                null,
                false,
                3_500_000,
                1,
                state == TransferState.COMPLETED ? 3_500_000 : 0,
                state == TransferState.COMPLETED ? "0123456789abcdef0123456789abcdef" : null,
                null,
                null,
                null,
                state == TransferState.COMPLETED ? "Content-MD5 on every request + ETag" : null,
                1,
                900,
                state == TransferState.COMPLETED ? 3.9e6 : null,
                "1234:1700000000000",
                created,
                created,
                created,
                null,
                state == TransferState.COMPLETED ? created.plusSeconds(1) : null);
    }

    @Test
    void finishedTransfersOlderThanTheSettingAreCompactedAtTheNextStart() throws Exception {
        Instant now = Instant.now();
        Instant old = now.minus(Duration.ofDays(45));
        Transfer oldDone = row(TransferState.COMPLETED, old);
        Transfer oldCancelled = row(TransferState.CANCELLED, old);
        Transfer oldFailed = row(TransferState.FAILED, old);
        Transfer oldPaused = row(TransferState.PAUSED, old);
        Transfer recentDone = row(TransferState.COMPLETED, now.minus(Duration.ofDays(3)));
        Path dir;
        try (TestApp app = TestApp.create("compaction")) {
            dir = app.dir();
            new TransferRepository(app.context().database())
                    .insertAll(List.of(oldDone, oldCancelled, oldFailed, oldPaused, recentDone));
        }
        try (TestApp reopened = TestApp.inDirectory(dir)) {
            TransferService service = reopened.context().transfers();
            assertThat(service.snapshots())
                    .extracting(TransferSnapshot::id)
                    .containsExactlyInAnyOrder(oldFailed.id(), oldPaused.id(), recentDone.id());
        }
    }
}
