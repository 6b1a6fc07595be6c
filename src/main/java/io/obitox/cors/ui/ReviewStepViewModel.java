package io.obitox.cors.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.StatusLine.Tone;
import io.obitox.common.ui.UiTasks;
import io.obitox.cors.ChangePlan;
import io.obitox.cors.CorsDiff;
import io.obitox.cors.CorsService;
import io.obitox.cors.ui.CorsWizardState.Mode;
import io.obitox.cors.ui.CorsWizardState.RestoreChoice;
import io.obitox.storage.S3Target;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 3: the plan, computed against the live configuration: summary, notes and the line diff. Nothing is written
 * here; the apply step writes exactly this plan (and refuses if the bucket changed in between).
 */
public final class ReviewStepViewModel extends CorsStepViewModel {
    private final CorsWizardState state;
    private final CorsService cors;
    private final ObservableList<String> summary = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final ObservableList<CorsDiff.Line> diff = FXCollections.observableArrayList();

    public ReviewStepViewModel(CorsWizardState state, CorsService cors, UiTasks tasks, Messages messages) {
        super(tasks, messages);
        this.state = state;
        this.cors = cors;
        validWhen(state.planProperty().isNotNull().and(status.busyProperty().not()));
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

    /** A line of the diff as shown; the line that stands for "no configuration" in the user's language. */
    public String lineText(CorsDiff.Line line) {
        return line.text().equals(CorsDiff.NO_CONFIGURATION)
                ? line.kind() + " " + messages.get("cors.history.none")
                : line.toString();
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
        show(null);
        status.show(Tone.INFO, messages.get("cors.review.planning"));
        start(task(() -> restore
                        ? cors.planRestore(t, bucket, choice.changeId(), choice.before())
                        : cors.plan(t, bucket, origins, false))
                .onSuccess(p -> state.planProperty().set(p)));
    }

    private void show(ChangePlan p) {
        if (p == null) {
            summary.clear();
            notes.clear();
            diff.clear();
            status.show("");
            return;
        }
        summary.setAll(p.diff().summaryTexts().stream().map(messages::render).toList());
        notes.setAll(p.noteTexts().stream().map(messages::render).toList());
        diff.setAll(p.diff().lines());
        if (p.changed()) {
            status.show(Tone.INFO, messages.get("cors.review.nothingYet", p.bucket()));
        } else {
            status.show(Tone.SUCCESS, messages.get("cors.review.same"));
        }
    }
}
