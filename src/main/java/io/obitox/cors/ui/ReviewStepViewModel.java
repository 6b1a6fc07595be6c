package io.obitox.cors.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.StatusLine.Tone;
import io.obitox.common.ui.UiTasks;
import io.obitox.cors.ChangePlan;
import io.obitox.cors.CorsDiff;
import io.obitox.cors.CorsService;
import io.obitox.cors.ui.CorsWizardState.Mode;
import io.obitox.cors.ui.CorsWizardState.RestoreChoice;
import io.obitox.storage.S3Errors;
import io.obitox.storage.S3Target;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 3: the plan, computed against the live configuration: summary, notes and the line diff. Nothing is written
 * here; the apply step writes exactly this plan (and refuses if the bucket changed in between).
 */
public final class ReviewStepViewModel implements CorsWizardStep {
    private final Messages messages;
    private final CorsWizardState state;
    private final CorsService cors;
    private final UiTasks tasks;
    private final ObservableList<String> summary = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final ObservableList<CorsDiff.Line> diff = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<Tone> statusKind = new ReadOnlyObjectWrapper<>(this, "statusKind", Tone.NONE);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", false);
    private UiTasks.Handle running;

    public ReviewStepViewModel(CorsWizardState state, CorsService cors, UiTasks tasks, Messages messages) {
        this.state = state;
        this.messages = messages;
        this.cors = cors;
        this.tasks = tasks;
        valid.bind(state.planProperty().isNotNull().and(busy.not()));
        state.planProperty().addListener((o, a, p) -> show(p));
    }

    // Properties //

    @Override
    public String titleKey() {
        return "cors.step.review";
    }

    public ObservableList<String> summary() {
        return summary;
    }

    public ObservableList<String> notes() {
        return notes;
    }

    /** The diff of the current and the proposed configuration, line by line. */
    public ObservableList<CorsDiff.Line> diff() {
        return diff;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> statusKindProperty() {
        return statusKind.getReadOnlyProperty();
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

    /** Plans against the live configuration, unless the current plan is still valid for the inputs. */
    @Override
    public void enter() {
        if (state.getPlan() != null) {
            return;
        }
        S3Target t = state.getTarget();
        String bucket = state.getBucket();
        List<String> origins = List.copyOf(state.origins());
        RestoreChoice choice = state.restoreChoiceProperty().get();
        boolean restore = state.getMode() == Mode.HISTORY;
        cancel();
        show(null);
        status.set(messages.get("cors.review.planning"));
        statusKind.set(Tone.INFO);
        running = tasks.run(() -> restore
                        ? cors.planRestore(t, bucket, choice.changeId(), choice.before())
                        : cors.plan(t, bucket, origins, false))
                .trackBusy(busy)
                .onSuccess(p -> state.planProperty().set(p))
                .onError(e -> {
                    var m = S3Errors.describe(e);
                    status.set(m.oneLine());
                    statusKind.set(Tone.ERROR);
                })
                .start();
    }

    @Override
    public void cancel() {
        if (running != null) {
            running.cancel();
            running = null;
        }
    }

    private void show(ChangePlan p) {
        if (p == null) {
            summary.clear();
            notes.clear();
            diff.clear();
            status.set("");
            statusKind.set(Tone.NONE);
            return;
        }
        summary.setAll(p.diff().summary());
        notes.setAll(p.notes());
        diff.setAll(p.diff().lines());
        if (p.changed()) {
            status.set(messages.get("cors.review.nothingYet", p.bucket()));
            statusKind.set(Tone.INFO);
        } else {
            status.set(messages.get("cors.review.same"));
            statusKind.set(Tone.SUCCESS);
        }
    }
}
