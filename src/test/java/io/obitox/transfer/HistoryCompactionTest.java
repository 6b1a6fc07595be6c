package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.TestApp;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /**
     * The compaction runs at every start of the queue: with a long history and nothing old it must read (almost)
     * nothing. H2 reports the rows a statement read as {@code scanCount} in EXPLAIN ANALYZE; with {@code state IN
     * (...)} each statement read every finished row (3,001 to 3,004 here).
     */
    @Test
    void compactionReadsOnlyTheOldRowsHoweverLongTheHistory() throws Exception {
        Instant now = Instant.now();
        Instant old = now.minus(Duration.ofDays(45));
        Instant cutOff = now.minus(Duration.ofDays(30));
        List<Transfer> rows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            rows.add(row(TransferState.COMPLETED, now.minusSeconds(i)));
        }
        List<Transfer> oldRows = List.of(
                row(TransferState.COMPLETED, old),
                row(TransferState.CANCELLED, old),
                row(TransferState.COMPLETED, old));
        rows.addAll(oldRows);
        try (TestApp app = TestApp.create("compaction-range")) {
            TransferRepository repo = new TransferRepository(app.context().database());
            repo.insertAll(rows);
            List<Long> scans = new ArrayList<>();
            try (Connection c = app.context().database().connection()) {
                c.setAutoCommit(false);
                for (String sql : TransferQueries.COMPACTION) {
                    try (PreparedStatement ps = c.prepareStatement("EXPLAIN ANALYZE " + sql)) {
                        ps.setTimestamp(1, Timestamp.from(cutOff));
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            Matcher m = Pattern.compile("scanCount: (\\d+)").matcher(rs.getString(1));
                            while (m.find()) {
                                scans.add(Long.parseLong(m.group(1)));
                            }
                        }
                    }
                }
                c.rollback(); // EXPLAIN ANALYZE runs the deletes
            }
            assertThat(scans)
                    .as("rows each statement read")
                    .isNotEmpty()
                    .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(10));

            assertThat(repo.compactFinished(cutOff)).isEqualTo(oldRows.size());
            assertThat(repo.compactFinished(cutOff)).isZero();
        }
    }
}
