package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.testing.TestApp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Skipped files (issue 15) are final rows written in bulk: never claimed, resumed, retried or reclaimed at a restart,
 * counted by state in the queue totals (but in no byte total), listed by the state filter, compacted like completed
 * ones, and heard by the outcome hooks (the webhook outbox) in their insert transaction.
 */
class SkippedTransfersTest {

    static Transfer skipped(int n, Instant at) {
        return new Transfer(
                UUID.randomUUID().toString(),
                "batch-1",
                "1234:1700000000000",
                new Transfer.Source(Path.of("/data/photos/IMG_" + n + ".jpg"), 1_000, at.toEpochMilli(), "-"),
                new Transfer.Target(
                        "{\"profileId\":\"p-0123456789\"}",
                        "Sandbox",
                        "sandbox",
                        "photos",
                        "2026/IMG_" + n + ".jpg",
                        "image/jpeg"),
                new Transfer.Plan(false, 0, 0),
                Transfer.Progress.initial(TransferState.SKIPPED, null),
                new Transfer.Outcome(
                        "0123456789abcdef0123456789abcdef",
                        null,
                        null,
                        "Not sent: identical to the object in the bucket.",
                        null,
                        null,
                        null,
                        n % 2 == 0 ? "skipped-identical" : "skipped-existing"),
                new Transfer.Times(at, at, null, null, at));
    }

    @Test
    void skippedRowsAreFinalCountedAndNeverPickedUp() throws Exception {
        Instant now = Instant.now();
        List<Transfer> rows = new ArrayList<>();
        for (int n = 0; n < 2_500; n++) { // three chunks of at most 1,000
            rows.add(skipped(n, now));
        }
        Transfer old = skipped(99_999, now.minus(Duration.ofDays(45)));
        Path dir;
        try (TestApp app = TestApp.create("skipped")) {
            dir = app.dir();
            TransferRepository repo = new TransferRepository(app.context().database());
            AtomicInteger heard = new AtomicInteger();
            repo.addOutcomeHook((tx, t) -> {
                assertThat(t.state()).isEqualTo(TransferState.SKIPPED);
                heard.incrementAndGet();
            });
            repo.recordSkipped(rows);
            assertThat(heard).hasValue(rows.size());

            Transfer read = repo.find(rows.get(0).id()).orElseThrow();
            assertThat(read.state()).isEqualTo(TransferState.SKIPPED);
            assertThat(read.outcome().action()).isEqualTo("skipped-identical");
            assertThat(read.etag()).isEqualTo("0123456789abcdef0123456789abcdef");
            assertThat(read.completedAt()).isNotNull();
            assertThat(repo.find(rows.get(1).id()).orElseThrow().outcome().action())
                    .isEqualTo("skipped-existing");
            assertThat(repo.unfinished()).isEmpty();
            assertThat(repo.unfinishedTo(List.of(rows.get(0).key()))).isEmpty();
            assertThat(repo.claim(rows.get(0).id(), "me", now)).isEmpty();

            TransferService service = app.context().transfers();
            service.resume(rows.get(0).id());
            service.resumeAll();
            service.cancel(rows.get(1).id());
            service.cancelAll();
            TransferService.QueueTotals totals = service.totals();
            assertThat(totals.count(TransferState.SKIPPED)).isEqualTo(rows.size());
            assertThat(totals.bytes())
                    .as("nothing of a skipped file is to be sent")
                    .isZero();
            TransferPages.Page page = service.page(Set.of(TransferState.SKIPPED), 0, 100);
            assertThat(page.matching()).isEqualTo(rows.size());
            assertThat(service.page(Set.of(TransferState.COMPLETED), 0, 100).matching())
                    .isZero();
            assertThat(service.page(EnumSet.allOf(TransferState.class), 0, 100).matching())
                    .isEqualTo(rows.size());
            assertThat(page.rows().get(0).fraction()).isEqualTo(1.0);
            // written last: the start's compaction runs in the background and must not race the counts above
            repo.recordSkipped(List.of(old));
        }
        try (TestApp reopened = TestApp.inDirectory(dir)) {
            TransferService service = reopened.context().transfers();
            // the restart reclaims nothing of them; the 45-day-old one is compacted like a completed transfer
            List<TransferSnapshot> all = service.recent(5_000);
            assertThat(all).hasSize(rows.size());
            assertThat(all).allMatch(t -> t.state() == TransferState.SKIPPED);
            assertThat(all).extracting(TransferSnapshot::id).doesNotContain(old.id());
            assertThat(service.clearFinished()).isEqualTo(rows.size());
        }
    }

    @Test
    void recordingTheSameSkippedRowsAgainReplacesThemAndTheHooksHearEachRun() throws Exception {
        Instant earlier = Instant.now().minusSeconds(3_600);
        List<Transfer> first = new ArrayList<>();
        for (int n = 0; n < 1_500; n++) {
            first.add(skipped(n, earlier));
        }
        Instant now = Instant.now();
        List<Transfer> again = new ArrayList<>();
        for (Transfer t : first) { // the next batch skips the same files: same ids, new batch and times
            Transfer next = skipped(0, now);
            again.add(new Transfer(
                    t.id(),
                    "batch-2",
                    t.owner(),
                    t.origin(),
                    t.target(),
                    t.plan(),
                    t.progress(),
                    t.outcome(),
                    next.times()));
        }
        try (TestApp app = TestApp.create("skipped-again")) {
            TransferRepository repo = new TransferRepository(app.context().database());
            AtomicInteger heard = new AtomicInteger();
            repo.addOutcomeHook((tx, t) -> heard.incrementAndGet());
            repo.recordSkipped(first);
            repo.recordSkipped(again);
            assertThat(heard).hasValue(first.size() + again.size());
            assertThat(app.context().transfers().totals().count(TransferState.SKIPPED))
                    .isEqualTo(first.size());
            Transfer read = repo.find(first.get(7).id()).orElseThrow();
            assertThat(read.batchId()).isEqualTo("batch-2");
            assertThat(read.createdAt()).isAfter(earlier.plusSeconds(60));
        }
    }

    @Test
    void aSkippedFileHasTheSameIdEachTimeForTheSameObjectAndNoneOtherHasIt() {
        Path source = Path.of("/data/a.txt").toAbsolutePath();
        String id = SkippedTransfers.idOf("http://rgw:7480", "b", "p/a.txt", source);
        assertThat(SkippedTransfers.idOf("http://rgw:7480", "b", "p/a.txt", source))
                .isEqualTo(id);
        assertThat(UUID.fromString(id).version())
                .as("not a random id, which a queued transfer has")
                .isEqualTo(3);
        assertThat(List.of(
                        SkippedTransfers.idOf("http://other:7480", "b", "p/a.txt", source),
                        SkippedTransfers.idOf("http://rgw:7480", "c", "p/a.txt", source),
                        SkippedTransfers.idOf("http://rgw:7480", "b", "p/b.txt", source),
                        SkippedTransfers.idOf("http://rgw:7480", "b", "p/a.txt", source.resolveSibling("b.txt"))))
                .doesNotContain(id)
                .doesNotHaveDuplicates();
    }

    @Test
    void theStateMachineHasNoWayOutOfSkippedAndOneWayIn() {
        assertThat(TransferState.SKIPPED.isFinal()).isTrue();
        assertThat(TransferState.SKIPPED.isResumable()).isFalse();
        for (TransferState s : TransferState.values()) {
            assertThat(TransferState.SKIPPED.canMoveTo(s)).isFalse();
            // the one way in after insertion: a running write refused with a 412 under --if-exists skip
            assertThat(s.canMoveTo(TransferState.SKIPPED)).isEqualTo(s == TransferState.RUNNING);
        }
    }

    @Test
    void onlySkippedRowsAreAccepted() throws Exception {
        try (TestApp app = TestApp.create("skipped-only")) {
            TransferRepository repo = new TransferRepository(app.context().database());
            Transfer queued = skipped(1, Instant.now()).withState(TransferState.QUEUED, null, null);
            assertThatThrownBy(() -> repo.recordSkipped(List.of(queued))).isInstanceOf(IllegalArgumentException.class);
            assertThat(repo.recent(10)).isEmpty();
        }
    }
}
