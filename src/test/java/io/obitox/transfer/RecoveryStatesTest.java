package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The window's start claims only transfers a dead process left queued or running; it reads only those rows, however
 * many failed ones the history keeps (it read every failed transfer, full rows, to skip it). Paused and failed ones are
 * left as they are unless stopped ones are asked for too.
 */
class RecoveryStatesTest {

    @Test
    void aStartReadsAndClaimsOnlyTheInterruptedOnes() {
        Instant t0 = Instant.now().minus(Duration.ofHours(1));
        List<Transfer> rows = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            rows.add(HistoryCompactionTest.row(TransferState.FAILED, t0.plusMillis(i)));
        }
        Transfer running = HistoryCompactionTest.row(TransferState.RUNNING, t0.plusSeconds(10));
        Transfer queued = HistoryCompactionTest.row(TransferState.QUEUED, t0.plusSeconds(11));
        Transfer paused = HistoryCompactionTest.row(TransferState.PAUSED, t0.plusSeconds(12));
        rows.addAll(List.of(running, queued, paused));
        try (TestApp app = TestApp.create("recovery-states")) {
            TransferRepository repo = new TransferRepository(app.context().database());
            repo.insertAll(rows);

            assertThat(repo.unfinished(EnumSet.of(TransferState.QUEUED, TransferState.RUNNING)))
                    .extracting(Transfer::id)
                    .containsExactly(running.id(), queued.id());

            // the rows' owner is a process that is gone: both are claimed and, not queued, marked paused
            TransferEngine engine = app.context().transfers().engine();
            assertThat(engine.recover(false, false)).isEqualTo(2);
            assertThat(repo.find(running.id()).orElseThrow().state()).isEqualTo(TransferState.PAUSED);
            assertThat(repo.find(queued.id()).orElseThrow().state()).isEqualTo(TransferState.PAUSED);
            assertThat(repo.ids(EnumSet.of(TransferState.FAILED))).hasSize(1_500);
            assertThat(repo.ids(EnumSet.of(TransferState.PAUSED))).hasSize(3);
        }
    }
}
