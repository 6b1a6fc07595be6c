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
        boolean done = state == TransferState.COMPLETED;
        return new Transfer(
                UUID.randomUUID().toString(),
                "batch",
                "1234:1700000000000",
                new Transfer.Source(
                        Path.of("/data/photos/IMG_" + created.getEpochSecond() + ".jpg"),
                        3_500_000,
                        created.toEpochMilli(),
                        "3500000:1700000000000:0a1b2c3d"),
                new Transfer.Target(
                        "{\"profileId\":\"p-0123456789\"}",
                        "Sandbox",
                        "http://127.0.0.1:9000",
                        "photos",
                        "2026/IMG_" + created.getEpochSecond() + ".jpg",
                        "image/jpeg"),
                new Transfer.Plan(false, 3_500_000, 1),
                new Transfer.Progress(state, null, done ? 3_500_000 : 0, 1, 900),
                new Transfer.Outcome(
                        done ? "0123456789abcdef0123456789abcdef" : null,
                        null,
                        null,
                        null,
                        done ? "Content-MD5 on every request + ETag" : null,
                        done ? 3.9e6 : null),
                new Transfer.Times(created, created, created, null, done ? created.plusSeconds(1) : null));
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
            assertThat(service.recent(100))
                    .extracting(TransferSnapshot::id)
                    .containsExactlyInAnyOrder(oldFailed.id(), oldPaused.id(), recentDone.id());
        }
    }
}
