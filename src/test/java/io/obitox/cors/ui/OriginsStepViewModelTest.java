package io.obitox.cors.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.cors.ui.CorsWizardState.Mode;
import org.junit.jupiter.api.Test;

/** The origins step is pure (no storage): it validates as the user types and keeps the accepted origins. */
class OriginsStepViewModelTest {
    private final CorsWizardState state = new CorsWizardState();
    private final OriginsStepViewModel vm = new OriginsStepViewModel(state, Messages.english());

    @Test
    void nothingTypedAsksForAnOriginAndIsNotValid() {
        state.modeProperty().set(Mode.SETUP);
        vm.enter();
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.problems()).containsExactly("Add at least one origin: the address your web page runs on.");
        assertThat(vm.busyProperty().get()).as("nothing runs in the background").isFalse();
        assertThat(vm.titleKey()).isEqualTo("cors.step.origins");
    }

    @Test
    void typedOriginsAreCheckedAndTheAcceptedOnesGoToTheState() {
        state.modeProperty().set(Mode.SETUP);
        vm.textProperty().set("localhost:3000");
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.problems()).singleElement().asString().contains("'localhost:3000'");

        vm.textProperty().set("http://localhost:3000\nhttps://app.example.com");
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.problems()).isEmpty();
        assertThat(state.origins()).containsExactly("http://localhost:3000", "https://app.example.com");
    }

    @Test
    void aSuggestionIsAddedOnceOnItsOwnLine() {
        vm.textProperty().set("https://app.example.com");
        vm.add("http://localhost:5173");
        vm.add("http://localhost:5173");
        assertThat(vm.textProperty().get()).isEqualTo("https://app.example.com\nhttp://localhost:5173");
        assertThat(vm.suggestions()).isNotEmpty();
    }

    @Test
    void theStarIsAcceptedWithANoteAndCheckModeSaysWhatTheCheckSends() {
        state.modeProperty().set(Mode.CHECK);
        vm.textProperty().set("*");
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.notes())
                .contains("The check sends a preflight and real uploads with these origins.")
                .anySatisfy(n -> assertThat(n).startsWith("'*' lets every website"));
    }
}
