package io.obitox.cors.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.common.ui.ViewLoader;
import io.obitox.cors.CorsService;
import io.obitox.cors.ui.CorsWizardState.Mode;
import io.obitox.cors.ui.CorsWizardViewModel.Step;
import io.obitox.profile.ProfileService;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.BucketService;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Opens the CORS wizard in its own window: builds one {@link CorsWizardState}, the view model of each step and the
 * wizard around them, and hands the views to the FXML loader. One instance serves every opening; each
 * {@link #show} gets fresh state. FX thread only.
 */
public final class CorsWizardDialog {
    private static final String CSS =
            CorsWizardDialog.class.getResource("CorsWizard.css").toExternalForm();

    private final CorsService cors;
    private final BucketService buckets;
    private final ProfileService profiles;
    private final UiTasks tasks;
    private final ObservableList<StorageProfile> profileList;
    private final Messages messages;

    public CorsWizardDialog(
            CorsService cors,
            BucketService buckets,
            ProfileService profiles,
            UiTasks tasks,
            ObservableList<StorageProfile> profileList,
            Messages messages) {
        this.cors = cors;
        this.buckets = buckets;
        this.profiles = profiles;
        this.tasks = tasks;
        this.profileList = profileList;
        this.messages = messages;
    }

    /**
     * Shows the wizard for {@code bucket} of {@code profile} (both may be null) in {@code mode}, over {@code owner}
     * (may be null), whose stylesheets and theme it takes.
     */
    public Stage show(Window owner, StorageProfile profile, String bucket, Mode mode) {
        CorsWizardState state = new CorsWizardState();
        state.modeProperty().set(mode);
        CorsWizardViewModel vm = build(state);
        ViewLoader loader = new ViewLoader(type -> controller(type, vm), messages.bundle());
        Parent root = loader.load(CorsWizard.class).root();
        Scene scene = new Scene(root);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            owner.getScene().getRoot().getStyleClass().stream()
                    .filter(c -> c.startsWith("theme-"))
                    .forEach(c -> root.getStyleClass().add(c));
        }
        scene.getStylesheets().add(CSS);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle(messages.get("cors.wizard.windowTitle"));
        stage.setScene(scene);
        stage.setMinWidth(760);
        stage.setMinHeight(540);
        stage.setOnHidden(e -> vm.close());
        // inputs after the views exist, so the first loads show in the step
        state.profileProperty().set(profile);
        state.bucketProperty().set(bucket == null ? "" : bucket);
        vm.start();
        stage.show();
        return stage;
    }

    /** The wizard's view models, wired to one state; public for headless tests of the page flow. */
    public CorsWizardViewModel build(CorsWizardState state) {
        return new CorsWizardViewModel(
                state,
                new ChooseBucketStepViewModel(state, profiles, buckets, cors, tasks, profileList, messages),
                new OriginsStepViewModel(state, messages),
                new HistoryStepViewModel(state, cors, tasks, messages),
                new ReviewStepViewModel(state, cors, tasks, messages),
                new ApplyStepViewModel(state, cors, tasks, messages),
                messages);
    }

    private Object controller(Class<?> type, CorsWizardViewModel vm) {
        if (type == CorsWizard.class) {
            ViewLoader steps = new ViewLoader(t -> controller(t, vm), messages.bundle());
            return new CorsWizard(vm, s -> stepView(steps, s));
        }
        if (type == ChooseBucketStep.class) {
            return new ChooseBucketStep(vm.choose());
        }
        if (type == OriginsStep.class) {
            return new OriginsStep(vm.origins());
        }
        if (type == HistoryStep.class) {
            return new HistoryStep(vm.history(), messages);
        }
        if (type == ReviewStep.class) {
            return new ReviewStep(vm.review());
        }
        if (type == ApplyStep.class) {
            return new ApplyStep(vm.apply());
        }
        throw new IllegalArgumentException("No controller for " + type.getName());
    }

    private static Node stepView(ViewLoader loader, Step s) {
        return switch (s) {
            case CHOOSE -> loader.load(ChooseBucketStep.class).root();
            case ORIGINS -> loader.load(OriginsStep.class).root();
            case HISTORY -> loader.load(HistoryStep.class).root();
            case REVIEW -> loader.load(ReviewStep.class).root();
            case APPLY -> loader.load(ApplyStep.class).root();
        };
    }
}
