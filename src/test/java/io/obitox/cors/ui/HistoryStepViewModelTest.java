package io.obitox.cors.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.ui.StatusLine.Tone;
import io.obitox.cors.ui.CorsWizardState.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The history step on a bucket ObitoX never changed, and on a bucket that does not exist. */
class HistoryStepViewModelTest {
    private final CorsStepFixture f = new CorsStepFixture("cors-history-vm");
    private final HistoryStepViewModel vm =
            new HistoryStepViewModel(f.state, f.ctx().cors(), f.tasks, f.messages);

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void anUnchangedBucketHasNoChangesAndNothingToRestore() {
        f.chooseBucket(Mode.HISTORY);
        vm.enter();
        assertThat(vm.changes()).isEmpty();
        assertThat(vm.statusProperty().get()).isEqualTo("No CORS changes of uploads were made with ObitoX yet.");
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.validProperty().get())
                .as("nothing selected, nothing to restore")
                .isFalse();
        assertThat(vm.previewProperty().get()).isEmpty();
        assertThat(f.state.restoreChoiceProperty().get()).isNull();
    }

    @Test
    void withoutATargetTheFailureIsShownAsAnError() {
        f.state.modeProperty().set(Mode.HISTORY);
        f.state.bucketProperty().set("uploads"); // no target: the first step was skipped
        vm.enter();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.statusKindProperty().get()).isEqualTo(Tone.ERROR);
        assertThat(vm.statusProperty().get()).isNotBlank();
        assertThat(vm.validProperty().get()).isFalse();
    }
}
