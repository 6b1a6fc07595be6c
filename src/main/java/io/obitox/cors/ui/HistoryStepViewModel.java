package io.obitox.cors.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.cors.CorsChange;
import io.obitox.cors.CorsConfig;
import io.obitox.cors.CorsService;
import io.obitox.cors.ui.CorsWizardState.RestoreChoice;
import io.obitox.storage.S3Target;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
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
public final class HistoryStepViewModel extends CorsStepViewModel {
    private final CorsWizardState state;
    private final CorsService cors;
    private final ObservableList<CorsChange> changes = FXCollections.observableArrayList();
    private final ObjectProperty<CorsChange> selected = new SimpleObjectProperty<>(this, "selected");
    private final BooleanProperty before = new SimpleBooleanProperty(this, "before", false);
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper(this, "preview", "");

    public HistoryStepViewModel(CorsWizardState state, CorsService cors, UiTasks tasks, Messages messages) {
        super(tasks, messages);
        this.state = state;
        this.cors = cors;
        validWhen(selected.isNotNull().and(status.busyProperty().not()));
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

    // Commands //

    @Override
    public void enter() {
        S3Target t = state.getTarget();
        String bucket = state.getBucket();
        status.show(messages.get("cors.history.loading", bucket));
        start(task(() -> cors.history(t, bucket)).onSuccess(list -> {
            changes.setAll(list);
            status.show(
                    list.isEmpty()
                            ? messages.get("cors.history.noChanges", bucket)
                            : messages.get("cors.history.changes", list.size()));
            if (!list.isEmpty() && selected.get() == null) {
                selected.set(list.get(0));
            }
        }));
    }

    private void choose() {
        CorsChange c = selected.get();
        state.restoreChoiceProperty().set(c == null ? null : new RestoreChoice(c.id(), before.get()));
    }
}
