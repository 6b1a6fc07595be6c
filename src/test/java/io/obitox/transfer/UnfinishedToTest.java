package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link TransferRepository#unfinishedTo} finds the same rows in the same order whichever way it reads them: through
 * the state index when there are no more unfinished rows than keys asked for, through the key index otherwise. Each
 * key here also has finished rows (its history), which neither way returns.
 */
class UnfinishedToTest {

    private static Transfer row(int n, String key, TransferState state, Instant at) {
        Transfer t = SkippedTransfersTest.skipped(n, at); // its id, source and target; key, state and times set here
        return new Transfer(
                t.id(),
                t.batchId(),
                t.owner(),
                t.origin(),
                new Transfer.Target(t.targetRef(), t.targetLabel(), t.endpointKey(), t.bucket(), key, null),
                t.plan(),
                Transfer.Progress.initial(state, null),
                Transfer.Outcome.none(null, null, null),
                new Transfer.Times(at, at, null, null, state == TransferState.COMPLETED ? at : null));
    }

    @Test
    void bothWaysFindTheUnfinishedRowsOfTheKeysOldestFirstAndNoHistory() throws Exception {
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        List<Transfer> rows = new ArrayList<>();
        int n = 0;
        for (int k = 0; k < 10; k++) {
            for (int h = 0; h < 3; h++) { // history: finished downloads of the same key
                rows.add(row(n++, "k" + k, TransferState.COMPLETED, t0.plus(Duration.ofMinutes(n))));
            }
        }
        Transfer failedK1 = row(n++, "k1", TransferState.FAILED, t0.plus(Duration.ofHours(2)));
        Transfer queuedK1 = row(n++, "k1", TransferState.QUEUED, t0.plus(Duration.ofHours(1)));
        Transfer queuedK2 = row(n++, "k2", TransferState.QUEUED, t0.plus(Duration.ofHours(3)));
        Transfer pausedK7 = row(n++, "k7", TransferState.PAUSED, t0.plus(Duration.ofHours(4)));
        rows.addAll(List.of(failedK1, queuedK1, queuedK2, pausedK7));
        try (TestApp app = TestApp.create("unfinished-to")) {
            TransferRepository repo = new TransferRepository(app.context().database());
            repo.insertAll(rows);

            // 4 unfinished rows, 5 keys: read through the state index
            assertThat(repo.unfinishedTo(List.of("k0", "k1", "k2", "k3", "k4")))
                    .extracting(Transfer::id)
                    .containsExactly(queuedK1.id(), failedK1.id(), queuedK2.id());
            // 4 unfinished rows, 2 keys: looked up through the key index, the same answer
            assertThat(repo.unfinishedTo(List.of("k2", "k1")))
                    .extracting(Transfer::id)
                    .containsExactly(queuedK1.id(), failedK1.id(), queuedK2.id());
            assertThat(repo.unfinishedTo(List.of("k7")))
                    .extracting(Transfer::id)
                    .containsExactly(pausedK7.id());
            assertThat(repo.unfinishedTo(List.of("k0", "k3", "k4", "k5", "k6"))).isEmpty();
            assertThat(repo.unfinishedTo(List.of("k0"))).isEmpty();
            assertThat(repo.unfinishedTo(List.of())).isEmpty();
        }
    }
}
