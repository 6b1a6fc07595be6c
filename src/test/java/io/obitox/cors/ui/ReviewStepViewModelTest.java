package io.obitox.cors.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.ui.StatusLine.Tone;
import io.obitox.cors.ui.CorsWizardState.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The review step plans against the live bucket; S3Proxy has no per-bucket CORS, so planning fails there. */
class ReviewStepViewModelTest {
    private final CorsStepFixture f = new CorsStepFixture("cors-review-vm");
    private final ReviewStepViewModel vm =
            new ReviewStepViewModel(f.state, f.ctx().cors(), f.tasks, f.messages);

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void beforePlanningNothingIsShownAndNextIsOff() {
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.summary()).isEmpty();
        assertThat(vm.diff()).isEmpty();
        assertThat(vm.statusProperty().get()).isEmpty();
        assertThat(vm.titleKey()).isEqualTo("cors.step.review");
    }

    @Test
    void aPlanThatCannotBeMadeIsAnErrorAndLeavesNextOff() {
        f.chooseBucket(Mode.SETUP);
        f.state.origins().setAll("http://localhost:3000");
        vm.enter();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(f.state.getPlan()).isNull();
        assertThat(vm.statusKindProperty().get()).isEqualTo(Tone.ERROR);
        assertThat(vm.statusProperty().get()).isNotBlank().doesNotContain("Exception");
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.summary()).isEmpty();
    }
}
