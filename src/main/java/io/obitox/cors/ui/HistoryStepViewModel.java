package io.obitox.cors.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.cors.CorsChange;
import io.obitox.cors.CorsConfig;
import io.obitox.cors.CorsService;
import io.obitox.cors.ui.CorsWizardState.RestoreChoice;
import io.obitox.storage.S3Errors;
import io.obitox.storage.S3Target;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * History step: the bucket's recorded CORS changes, newest first; the user picks one and whether to restore the
 * configuration as that change left it or as it was before it (undo). The review step then shows the diff.
 */
public final class HistoryStepViewModel implements CorsWizardStep {
    private final Messages messages;
    private final CorsWizardState state;
    private final CorsService cors;
    private final UiTasks tasks;
    private final ObservableList<CorsChange> changes = FXCollections.observableArrayList();
    private final ObjectProperty<CorsChange> selected = new SimpleObjectProperty<>(this, "selected");
    private final BooleanProperty before = new SimpleBooleanProperty(this, "before", false);
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper(this, "preview", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", false);
    private UiTasks.Handle running;

    public HistoryStepViewModel(CorsWizardState state, CorsService cors, UiTasks tasks, Messages messages) {
        this.state = state;
        this.messages = messages;
        this.cors = cors;
        this.tasks = tasks;
        valid.bind(selected.isNotNull().and(busy.not()));
        preview.bind(Bindings.createStringBinding(
                () -> {
                    CorsChange c = selected.get();
                    if (c == null) {
                        return "";
                    }
                    CorsConfig config = before.get() ? c.previous() : c.next();
                    return config.isEmpty() ? messages.get("cors.history.none") : config.toPrettyJson();
                },
                selected,
                before));
        selected.addListener((o, a, c) -> choose());
        before.addListener((o, a, b) -> choose());
    }

    // Properties //

    @Override
    public String titleKey() {
        return "cors.step.history";
    }

    public ObservableList<CorsChange> changes() {
        return changes;
    }

    public ObjectProperty<CorsChange> selectedProperty() {
        return selected;
    }

    /** True: restore the configuration from before the selected change (undo it). */
    public BooleanProperty beforeProperty() {
        return before;
    }

    /** The configuration that would come back, as JSON. */
    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    // Commands //

    @Override
    public void enter() {
        S3Target t = state.getTarget();
        String bucket = state.getBucket();
        cancel();
        status.set(messages.get("cors.history.loading", bucket));
        running = tasks.run(() -> cors.history(t, bucket))
                .trackBusy(busy)
                .onSuccess(list -> {
                    changes.setAll(list);
                    status.set(
                            list.isEmpty()
                                    ? messages.get("cors.history.noChanges", bucket)
                                    : messages.get("cors.history.changes", list.size()));
                    if (!list.isEmpty() && selected.get() == null) {
                        selected.set(list.get(0));
                    }
                })
                .onError(e -> status.set(S3Errors.describe(e).oneLine()))
                .start();
    }

    @Override
    public void cancel() {
        if (running != null) {
            running.cancel();
            running = null;
        }
    }

    private void choose() {
        CorsChange c = selected.get();
        state.restoreChoiceProperty().set(c == null ? null : new RestoreChoice(c.id(), before.get()));
    }
}
