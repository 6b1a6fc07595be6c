package io.obitox.cors.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.StatusLine.Tone;
import io.obitox.common.ui.UiTasks;
import io.obitox.cors.BrowserProof;
import io.obitox.cors.ChangePlan;
import io.obitox.cors.CorsChange;
import io.obitox.cors.CorsCheck;
import io.obitox.cors.CorsReport;
import io.obitox.cors.CorsService;
import io.obitox.cors.ui.CorsWizardState.Mode;
import io.obitox.storage.S3Target;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Last step: applies the reviewed plan (not in check mode), then proves the result with the live checks. Offers
 * undo of what it applied (itself recorded) and checking again.
 */
public final class ApplyStepViewModel extends CorsStepViewModel {
    private final CorsWizardState state;
    private final CorsService cors;
    private final ObservableList<CorsCheck> checks = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper appliedText = new ReadOnlyStringWrapper(this, "appliedText", "");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo", false);

    public ApplyStepViewModel(CorsWizardState state, CorsService cors, UiTasks tasks, Messages messages) {
        super(tasks, messages);
        this.state = state;
        this.cors = cors;
        validWhen(status.busyProperty().not());
        canUndo.bind(
                state.appliedProperty().isNotNull().and(status.busyProperty().not()));
    }

    // Properties //

    @Override
    public String titleKey() {
        return state.getMode() == Mode.CHECK ? "cors.step.check" : "cors.step.apply";
    }

    public ObservableList<CorsCheck> checks() {
        return checks;
    }

    /** A check's name in the user's language. */
    public String name(CorsCheck c) {
        return messages.render(c.nameText(), c.name());
    }

    /** What a check saw, in the user's language. */
    public String message(CorsCheck c) {
        return messages.render(c.messageText(), c.message());
    }

    /** How a check's fix reads under it. */
    public String fixLine(CorsCheck c) {
        return messages.get("cors.apply.fix", messages.render(c.fixText(), c.fix()));
    }

    /** What was applied (history entry) or undone; empty in check mode. */
    public ReadOnlyStringProperty appliedTextProperty() {
        return appliedText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    // Commands //

    /** Applies the plan once (a plan already applied is not applied again), then verifies. */
    @Override
    public void enter() {
        ChangePlan plan = state.getPlan();
        if (state.getMode() != Mode.CHECK
                && plan != null
                && plan.changed()
                && state.appliedProperty().get() == null) {
            S3Target t = state.getTarget();
            List<String> origins = originsToCheck();
            run(messages.get("cors.apply.applying", plan.bucket()), () -> {
                CorsChange change = cors.apply(t, plan);
                return new Outcome(change, cors.verify(t, plan.bucket(), origins, true));
            });
        } else if (state.reportProperty().get() == null) {
            verify();
        }
    }

    /** Runs the checks again. */
    public void verify() {
        S3Target t = state.getTarget();
        String bucket = state.getBucket();
        List<String> origins = originsToCheck();
        run(
                messages.get("cors.apply.checking", bucket),
                () -> new Outcome(null, cors.verify(t, bucket, origins, true)));
    }

    /**
     * Runs the checks again and then proves them in a real browser: a headless Chromium/Chrome uploads from each
     * origin (seconds; at most {@link BrowserProof#DEFAULT_TIME_LIMIT}). Without an installed browser the report says
     * so and the other checks still show.
     */
    public void verifyInBrowser() {
        S3Target t = state.getTarget();
        String bucket = state.getBucket();
        List<String> origins = originsToCheck();
        run(
                messages.get("cors.apply.checkingBrowser", bucket),
                () -> new Outcome(null, cors.verify(t, bucket, origins, true, BrowserProof.DEFAULT_TIME_LIMIT)));
    }

    /** Puts back the configuration from before the change this step applied; the undo is recorded too. */
    public void undo() {
        CorsChange change = state.appliedProperty().get();
        if (change == null) {
            return;
        }
        S3Target t = state.getTarget();
        String bucket = state.getBucket();
        List<String> origins = originsToCheck();
        run(messages.get("cors.apply.undoing", change.id()), () -> {
            CorsChange undo = cors.apply(t, cors.planRestore(t, bucket, change.id(), true));
            return new Outcome(undo, cors.verify(t, bucket, origins, true));
        });
    }

    /**
     * The origins the plan allows uploads from; for a restore that removes the upload rule, the origins it allowed
     * before, so the checks show that uploads from them no longer work.
     */
    private List<String> originsToCheck() {
        ChangePlan plan = state.getPlan();
        if (plan != null && !plan.origins().isEmpty()) {
            return plan.origins();
        }
        if (plan != null && plan.previous().uploadRule().isPresent()) {
            return plan.previous().uploadRule().get().allowedOrigins();
        }
        return List.copyOf(state.origins());
    }

    private void run(String message, java.util.concurrent.Callable<Outcome> work) {
        checks.clear();
        status.show(Tone.INFO, message);
        start(task(work).onSuccess(this::show).onError(e -> {
            status.fail(e);
            if (state.appliedProperty().get() == null) {
                // e.g. CORS_CHANGED: Back leads to a fresh review against the bucket as it is now
                state.planProperty().set(null);
            }
        }));
    }

    private void show(Outcome o) {
        if (o.change() != null) {
            boolean undo = o.change().action() == CorsChange.Action.RESTORE
                    && o.change().restoredFrom() != null
                    && state.appliedProperty().get() != null
                    && o.change().restoredFrom()
                            == state.appliedProperty().get().id();
            appliedText.set(
                    undo
                            ? messages.get(
                                    "cors.apply.undone",
                                    o.change().restoredFrom(),
                                    o.change().id())
                            : messages.get(
                                    "cors.apply.applied",
                                    messages.render(o.change().summaryText()),
                                    o.change().id()));
            state.appliedProperty().set(undo ? null : o.change());
        }
        state.reportProperty().set(o.report());
        checks.setAll(o.report().checks());
        status.show(
                o.report().ok() ? Tone.SUCCESS : Tone.ERROR,
                messages.render(o.report().headlineText()));
    }

    private record Outcome(CorsChange change, CorsReport report) {}
}
