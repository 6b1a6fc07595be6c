package io.obitox.cors.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.app.AppContext;
import io.obitox.common.Messages;
import io.obitox.common.ui.StatusLine.Tone;
import io.obitox.common.ui.UiTasks;
import io.obitox.cors.CorsReading;
import io.obitox.cors.ui.CorsWizardState.Mode;
import io.obitox.cors.ui.CorsWizardViewModel.Step;
import io.obitox.profile.ProfileDraft;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.Provider;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import java.util.UUID;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wizard's page flow, headless: a same-thread executor and real services against S3Proxy. */
class CorsWizardViewModelTest {
    private S3ProxyServer server;
    private TestApp app;
    private CorsWizardState state;
    private CorsWizardViewModel vm;
    private StorageProfile profile;

    @BeforeEach
    void setUp() {
        server = S3ProxyServer.start();
        server.createBucket("uploads");
        app = TestApp.create("cors-wizard-vm");
        AppContext ctx = app.context();
        profile = ctx.profiles()
                .add(new ProfileDraft(
                        "s3proxy-" + UUID.randomUUID().toString().substring(0, 6),
                        Provider.GENERIC,
                        server.endpoint().toString(),
                        "us-east-1",
                        true,
                        null,
                        ProfileDraft.CredentialMode.KEYS,
                        null,
                        server.accessKey(),
                        server.secretKey(),
                        null));
        UiTasks tasks = new UiTasks(new DirectExecutorService(), Runnable::run);
        CorsWizardDialog dialog = new CorsWizardDialog(
                ctx.cors(),
                ctx.buckets(),
                ctx.profiles(),
                tasks,
                FXCollections.observableArrayList(profile),
                Messages.english());
        state = new CorsWizardState();
        vm = dialog.build(state);
    }

    @AfterEach
    void tearDown() {
        app.close();
        server.close();
    }

    private void choose(Mode mode) {
        state.modeProperty().set(mode);
        state.profileProperty().set(profile);
        state.bucketProperty().set("uploads");
        vm.start();
    }

    @Test
    void eachModeHasItsOwnSteps() {
        assertThat(vm.flow()).containsExactly(Step.CHOOSE, Step.ORIGINS, Step.REVIEW, Step.APPLY);
        state.modeProperty().set(Mode.CHECK);
        assertThat(vm.flow()).containsExactly(Step.CHOOSE, Step.ORIGINS, Step.APPLY);
        state.modeProperty().set(Mode.HISTORY);
        assertThat(vm.flow()).containsExactly(Step.CHOOSE, Step.HISTORY, Step.REVIEW, Step.APPLY);
    }

    @Test
    void nextWaitsForTheBucketAndItsConfiguration() {
        assertThat(vm.canGoNextProperty().get()).isFalse();
        state.profileProperty().set(profile);
        assertThat(vm.choose().bucketNames()).containsExactly("uploads");
        assertThat(vm.canGoNextProperty().get()).as("no bucket chosen yet").isFalse();

        state.bucketProperty().set("uploads");

        assertThat(state.getReading().state()).isEqualTo(CorsReading.State.UNSUPPORTED);
        assertThat(vm.choose().statusProperty().get()).contains("global CORS only");
        assertThat(vm.choose().statusKindProperty().get()).isEqualTo(Tone.WARNING);
        assertThat(vm.canGoNextProperty().get())
                .as("setup is impossible on a global-CORS server")
                .isFalse();

        state.modeProperty().set(Mode.CHECK);

        assertThat(vm.canGoNextProperty().get()).as("checking still works").isTrue();
    }

    @Test
    void originsAreValidatedAsTypedAndSuggestionsAreAdded() {
        choose(Mode.CHECK);
        vm.next();
        assertThat(vm.currentProperty().get()).isEqualTo(Step.ORIGINS);
        assertThat(vm.canGoNextProperty().get()).isFalse();
        assertThat(vm.origins().problems()).singleElement().asString().contains("at least one origin");

        vm.origins().textProperty().set("localhost:3000");
        assertThat(vm.canGoNextProperty().get()).isFalse();
        assertThat(vm.origins().problems()).singleElement().asString().contains("'localhost:3000'");

        vm.origins().textProperty().set("");
        vm.origins().add("http://localhost:5173");
        vm.origins().add("http://localhost:5173");
        assertThat(vm.origins().textProperty().get()).isEqualTo("http://localhost:5173");
        assertThat(state.origins()).containsExactly("http://localhost:5173");
        assertThat(vm.canGoNextProperty().get()).isTrue();
        assertThat(vm.nextTextProperty().get()).isEqualTo("Check");
    }

    @Test
    void checkModeRunsTheLiveChecksOnTheLastStepAndThenCloses() {
        choose(Mode.CHECK);
        vm.next();
        vm.origins().textProperty().set("http://localhost:3000");
        vm.next();

        assertThat(vm.currentProperty().get()).isEqualTo(Step.APPLY);
        assertThat(vm.apply().checks()).extracting(c -> c.name()).contains("Preflight from http://localhost:3000");
        assertThat(vm.apply().statusKindProperty().get()).isEqualTo(Tone.ERROR);
        assertThat(vm.canGoBackProperty().get())
                .as("nothing was applied, so the origins can change")
                .isTrue();
        assertThat(vm.nextTextProperty().get()).isEqualTo("Done");

        vm.next();

        assertThat(vm.finishedProperty().get()).isTrue();
    }

    @Test
    void goingBackAndChangingTheOriginsDropsTheOldPlan() {
        choose(Mode.CHECK);
        vm.next();
        vm.origins().textProperty().set("http://localhost:3000");
        vm.back();
        assertThat(vm.currentProperty().get()).isEqualTo(Step.CHOOSE);
        state.modeProperty().set(Mode.SETUP);

        assertThat(state.getPlan()).isNull();
        assertThat(vm.canGoNextProperty().get()).isFalse();
    }
}
