package io.obitox.upload.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.sync.ConflictChoice;
import io.obitox.sync.ConflictPolicy;
import io.obitox.sync.PlanState;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import io.obitox.validation.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Upload view's "what is in the bucket already" without a toolkit: the preview after the settle delay, the
 * labels and the Upload button's words it gives, the numbers of an upload, and a second drop of the same files.
 */
class UploadPlanViewModelTest {
    private UploadVmRig rig;
    private UploadPlanViewModel plan;
    private Path trip;

    @BeforeEach
    void setUp() throws Exception {
        rig = new UploadVmRig("upload-plan-vm");
        plan = rig.plan;
        trip = Files.createDirectories(rig.app.dir().resolve("drop/trip"));
        Files.writeString(trip.resolve("notes.txt"), "hello\n");
        Files.writeString(trip.resolve("rows.csv"), "a,b\n1,2\n");
        Files.write(trip.resolve("beach.png"), Corpus.png());
        Files.writeString(trip.resolve("~$draft.txt"), "lock file of an open document\n");
    }

    @AfterEach
    void tearDown() {
        rig.close();
    }

    private Map<String, String> labels() {
        return rig.vm.ready().stream()
                .collect(Collectors.toMap(f -> f.relativePath().substring("trip/".length()), plan::label));
    }

    /** Drops the folder, lets the check end and the inputs settle: the preview runs (same-thread tasks). */
    private void dropAndCompare() throws InterruptedException {
        rig.vm.add(List.of(trip));
        rig.checked();
        assertThat(rig.timers.delayPending())
                .as("a preview is due once checking has ended")
                .isTrue();
        // only "ask" waits for the preview (its questions come from it)
        assertThat(plan.blocksUploadProperty().get())
                .isEqualTo(plan.choiceProperty().get() == ConflictChoice.ASK);
        rig.timers.elapse();
        assertThat(plan.blocksUploadProperty().get()).isFalse();
    }

    @Test
    void aFirstDropIsNewButTheExcludedFileAndTheUploadSaysSo() throws Exception {
        dropAndCompare();
        assertThat(plan.summaryProperty().get()).isEqualTo("Compared with s3://sandbox/trip/: 3 new · 1 excluded");
        assertThat(plan.warningProperty().get()).isFalse();
        assertThat(labels())
                .containsOnly(
                        Map.entry("notes.txt", "new"),
                        Map.entry("rows.csv", "new"),
                        Map.entry("beach.png", "new"),
                        Map.entry("~$draft.txt", "excluded by ~$*"));
        assertThat(plan.uploadTextProperty().get()).startsWith("Upload 3 of 4 files (");

        rig.vm.upload();
        assertThat(rig.vm.statusProperty().get())
                .isEqualTo("3 file(s) queued for s3://sandbox/ — follow them under Transfers. 1 not sent (numbers"
                        + " above).");
        assertThat(plan.lastUploadProperty().get())
                .startsWith("Last upload: 3 queued (0 renamed) · 0 skipped identical · 0 skipped existing · 1"
                        + " excluded · 0 failed · ");
        assertThat(plan.summaryProperty().get()).as("no rows, no preview").isEmpty();
    }

    @Test
    void theSameFilesDroppedAgainAreIdenticalAndOverwriteSendsThemAgain() throws Exception {
        dropAndCompare();
        rig.vm.upload();
        awaitCompleted(3);

        dropAndCompare();
        assertThat(labels())
                .containsOnly(
                        Map.entry("notes.txt", "identical (skip)"),
                        Map.entry("rows.csv", "identical (skip)"),
                        Map.entry("beach.png", "identical (skip)"),
                        Map.entry("~$draft.txt", "excluded by ~$*"));
        assertThat(plan.uploadTextProperty().get()).isEqualTo("Upload 0 of 4 files (0 B)");

        // another policy: the line goes until the new preview says what it found
        plan.choiceProperty().set(ConflictChoice.OVERWRITE);
        assertThat(plan.summaryProperty().get()).isEmpty();
        rig.timers.elapse();
        assertThat(labels()).containsEntry("notes.txt", "exists (overwrite)");
        assertThat(rig.vm.ready().stream().filter(f -> f.plan() == PlanState.EXISTS))
                .hasSize(3);
        assertThat(plan.uploadTextProperty().get()).startsWith("Upload 3 of 4 files (");
    }

    @Test
    void askAsksAboutEachChangedFileUntilAnAnswerIsForAll() throws Exception {
        dropAndCompare();
        rig.vm.upload();
        awaitCompleted(3);
        Files.writeString(trip.resolve("notes.txt"), "hello again\n");
        Files.writeString(trip.resolve("rows.csv"), "a,b\n3,4\n");

        plan.choiceProperty().set(ConflictChoice.ASK);
        AtomicInteger asked = new AtomicInteger();
        plan.setAsker((file, left) -> {
            asked.incrementAndGet();
            return new UploadPlanViewModel.Answer(ConflictPolicy.SKIP, true);
        });
        dropAndCompare();
        assertThat(labels())
                .containsEntry("notes.txt", "changed (ask)")
                .containsEntry("rows.csv", "changed (ask)")
                .containsEntry("beach.png", "identical (skip)");
        assertThat(plan.uploadTextProperty().get()).startsWith("Upload up to 2 of 4 files (");

        rig.vm.upload();
        assertThat(asked).as("one question: its answer was for all").hasValue(1);
        assertThat(rig.vm.statusProperty().get()).startsWith("Nothing to send to s3://sandbox/: 4 file(s) skipped");
    }

    private void awaitCompleted(int n) throws InterruptedException {
        long end = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < end) {
            List<TransferSnapshot> all = rig.app.context().transfers().recent(10);
            if (all.stream().filter(s -> s.state() == TransferState.COMPLETED).count() == n) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(
                "not completed: " + rig.app.context().transfers().recent(10));
    }
}
