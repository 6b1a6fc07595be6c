package io.obitox.cors.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.ui.StatusLine.Tone;
import io.obitox.cors.ui.CorsWizardState.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The last step in check mode: it applies nothing, runs the live checks and reports them. */
class ApplyStepViewModelTest {
    private final CorsStepFixture f = new CorsStepFixture("cors-apply-vm");
    private final ApplyStepViewModel vm =
            new ApplyStepViewModel(f.state, f.ctx().cors(), f.tasks, f.messages);

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void checkModeVerifiesWithoutApplyingAndReportsEachCheck() {
        f.chooseBucket(Mode.CHECK);
        f.state.origins().setAll("http://localhost:3000");
        assertThat(vm.titleKey()).isEqualTo("cors.step.check");

        vm.enter();

        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.checks()).extracting(c -> c.name()).contains("Preflight from http://localhost:3000");
        assertThat(f.state.reportProperty().get()).isNotNull();
        assertThat(vm.statusProperty().get())
                .isEqualTo(f.state.reportProperty().get().headline());
        // S3Proxy answers no preflight: the report says the browser upload would fail
        assertThat(vm.statusKindProperty().get()).isEqualTo(Tone.ERROR);
        assertThat(f.state.appliedProperty().get())
                .as("check mode writes nothing")
                .isNull();
        assertThat(vm.appliedTextProperty().get()).isEmpty();
        assertThat(vm.canUndoProperty().get()).isFalse();
        assertThat(vm.validProperty().get()).as("done once the checks ran").isTrue();
        assertThat(vm.checks())
                .filteredOn(c -> !c.fix().isBlank())
                .allSatisfy(c -> assertThat(vm.fixLine(c)).isEqualTo("Fix: " + c.fix()));
    }

    @Test
    void enteringAgainDoesNotRunTheChecksTwiceButCheckAgainDoes() {
        f.chooseBucket(Mode.CHECK);
        f.state.origins().setAll("http://localhost:3000");
        vm.enter();
        var first = f.state.reportProperty().get();
        vm.enter();
        assertThat(f.state.reportProperty().get()).isSameAs(first);
        vm.verify();
        assertThat(f.state.reportProperty().get()).isNotSameAs(first);
        vm.undo(); // nothing was applied: nothing to undo, nothing runs
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.checks()).isNotEmpty();
    }
}
