package io.obitox.cors.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.common.ui.StatusLine.Tone;
import io.obitox.cors.CorsReading;
import io.obitox.cors.ui.CorsWizardState.Mode;
import java.util.Locale;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The first step: lists the profile's buckets, reads the chosen bucket's CORS, and says whether the mode can go on. */
class ChooseBucketStepViewModelTest {
    private final CorsStepFixture f = new CorsStepFixture("cors-choose-vm");
    private final ChooseBucketStepViewModel vm = new ChooseBucketStepViewModel(
            f.state,
            f.ctx().profiles(),
            f.ctx().buckets(),
            f.ctx().cors(),
            f.tasks,
            FXCollections.observableArrayList(f.profile),
            f.messages);

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void aProfileListsItsBucketsAndAsksForOne() {
        assertThat(vm.validProperty().get()).isFalse();
        f.state.modeProperty().set(Mode.CHECK);
        f.state.profileProperty().set(f.profile);

        assertThat(vm.bucketNames()).containsExactly("uploads");
        assertThat(f.state.getTarget()).isNotNull();
        assertThat(vm.statusProperty().get()).isEqualTo("Choose the bucket browsers upload to.");
        assertThat(vm.statusKindProperty().get()).isEqualTo(Tone.NONE);
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.validProperty().get()).as("no bucket yet").isFalse();
    }

    @Test
    void aServerWithGlobalCorsOnlyIsAWarningThatStopsSetupButNotCheck() {
        f.state.modeProperty().set(Mode.SETUP);
        f.state.profileProperty().set(f.profile);
        f.state.bucketProperty().set("uploads");

        assertThat(f.state.getReading().state()).isEqualTo(CorsReading.State.UNSUPPORTED);
        assertThat(vm.statusKindProperty().get()).isEqualTo(Tone.WARNING);
        assertThat(vm.statusProperty().get()).contains("global CORS only");
        assertThat(vm.fixProperty().get()).isNotBlank();
        assertThat(vm.currentJsonProperty().get()).isEmpty();
        assertThat(vm.validProperty().get()).isFalse();

        f.state.modeProperty().set(Mode.CHECK);
        assertThat(vm.validProperty().get()).isTrue();
    }

    @Test
    void inGermanTheServersAnswerIsGermanToo() {
        CorsStepFixture g = new CorsStepFixture("cors-choose-de");
        try {
            ChooseBucketStepViewModel german = new ChooseBucketStepViewModel(
                    g.state,
                    g.ctx().profiles(),
                    g.ctx().buckets(),
                    g.ctx().cors(),
                    g.tasks,
                    FXCollections.observableArrayList(g.profile),
                    Messages.of(Locale.GERMAN));
            g.state.modeProperty().set(Mode.SETUP);
            g.state.profileProperty().set(g.profile);
            g.state.bucketProperty().set("uploads");

            // the service said it in English (the CLI prints that); the step shows it in the user's language
            assertThat(g.state.getReading().problem().message()).contains("global CORS only");
            assertThat(german.statusProperty().get()).startsWith("Dieser Server hat nur globales CORS");
            assertThat(german.fixProperty().get()).startsWith("Legen Sie die erlaubten Origins");
            assertThat(german.profileLabel(g.profile)).endsWith("S3-kompatibel");
        } finally {
            g.close();
        }
    }

    @Test
    void readAgainClearsTheReadingAndReadsItAgain() {
        f.state.modeProperty().set(Mode.CHECK);
        f.state.profileProperty().set(f.profile);
        f.state.bucketProperty().set("uploads");
        CorsReading first = f.state.getReading();

        vm.refresh();

        assertThat(f.state.getReading()).isNotNull().isNotSameAs(first);
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void noProfileAsksForOneAndClearsTheBuckets() {
        f.state.modeProperty().set(Mode.CHECK);
        f.state.profileProperty().set(f.profile);
        assertThat(vm.bucketNames()).isNotEmpty();

        f.state.profileProperty().set(null);

        assertThat(vm.bucketNames()).isEmpty();
        assertThat(vm.statusProperty().get()).isEqualTo("Choose the storage profile.");
        assertThat(vm.validProperty().get()).isFalse();
    }
}
