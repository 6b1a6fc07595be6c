package io.obitox.cors.ui;

import io.obitox.common.Messages;
import io.obitox.cors.ui.CorsWizardState.Mode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The wizard's navigation: which steps the chosen mode goes through, the current step, and whether Back and Next
 * are possible (Next follows the current step's {@code validProperty()}). FX thread only.
 */
public final class CorsWizardViewModel {
    /** The steps; each has a view/view-model pair. */
    public enum Step {
        CHOOSE,
        ORIGINS,
        HISTORY,
        REVIEW,
        APPLY
    }

    private final CorsWizardState state;
    private final Messages messages;
    private final ChooseBucketStepViewModel choose;
    private final OriginsStepViewModel origins;
    private final HistoryStepViewModel history;
    private final ReviewStepViewModel review;
    private final ApplyStepViewModel apply;
    private final Map<Step, CorsWizardStep> steps = new EnumMap<>(Step.class);
    private final ReadOnlyObjectWrapper<Step> current = new ReadOnlyObjectWrapper<>(this, "current", Step.CHOOSE);
    private final BooleanProperty canGoNext = new SimpleBooleanProperty(this, "canGoNext", false);
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy", false);
    private final ReadOnlyBooleanWrapper canGoBack = new ReadOnlyBooleanWrapper(this, "canGoBack", false);
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(this, "finished", false);
    private final ReadOnlyStringWrapper nextText = new ReadOnlyStringWrapper(this, "nextText", "Next");

    public CorsWizardViewModel(
            CorsWizardState state,
            ChooseBucketStepViewModel choose,
            OriginsStepViewModel origins,
            HistoryStepViewModel history,
            ReviewStepViewModel review,
            ApplyStepViewModel apply,
            Messages messages) {
        this.state = state;
        this.messages = messages;
        this.choose = choose;
        this.origins = origins;
        this.history = history;
        this.review = review;
        this.apply = apply;
        steps.put(Step.CHOOSE, choose);
        steps.put(Step.ORIGINS, origins);
        steps.put(Step.HISTORY, history);
        steps.put(Step.REVIEW, review);
        steps.put(Step.APPLY, apply);
        current.addListener((o, a, s) -> bindToStep(s));
        nextText.bind(Bindings.createStringBinding(
                this::computeNextText, current, state.modeProperty(), state.planProperty()));
        bindToStep(Step.CHOOSE);
    }

    // Properties //

    public CorsWizardState state() {
        return state;
    }

    public ReadOnlyObjectProperty<Step> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public CorsWizardStep step(Step s) {
        return steps.get(s);
    }

    public ChooseBucketStepViewModel choose() {
        return choose;
    }

    public OriginsStepViewModel origins() {
        return origins;
    }

    public HistoryStepViewModel history() {
        return history;
    }

    public ReviewStepViewModel review() {
        return review;
    }

    public ApplyStepViewModel apply() {
        return apply;
    }

    /** The steps of the chosen mode, in order. */
    public List<Step> flow() {
        return switch (state.getMode()) {
            case SETUP -> List.of(Step.CHOOSE, Step.ORIGINS, Step.REVIEW, Step.APPLY);
            case CHECK -> List.of(Step.CHOOSE, Step.ORIGINS, Step.APPLY);
            case HISTORY -> List.of(Step.CHOOSE, Step.HISTORY, Step.REVIEW, Step.APPLY);
        };
    }

    /** True when the current step is valid and there is a next step (or the wizard can be closed). */
    public ReadOnlyBooleanProperty canGoNextProperty() {
        return canGoNext;
    }

    public ReadOnlyBooleanProperty canGoBackProperty() {
        return canGoBack.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** "Next", "Review", "Apply", "Verify", "Check" or "Done", for the button. */
    public ReadOnlyStringProperty nextTextProperty() {
        return nextText.getReadOnlyProperty();
    }

    /** How step {@code s} reads in the step bar. */
    public String stepTitle(Step s) {
        return messages.get(step(s).titleKey());
    }

    /** The window's title: what the wizard does, and for which bucket. */
    public String title(String bucket) {
        return bucket.isEmpty()
                ? messages.get("cors.wizard.windowTitle")
                : messages.get("cors.wizard.titleFor", bucket);
    }

    /** Becomes true when the user finishes; the view then closes the window. */
    public ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }

    // Commands //

    /** Starts the wizard on its first step. */
    public void start() {
        steps.get(Step.CHOOSE).enter();
    }

    public void next() {
        if (!canGoNext.get()) {
            return;
        }
        List<Step> flow = flow();
        int i = flow.indexOf(current.get());
        if (i == flow.size() - 1) {
            finished.set(true);
            return;
        }
        go(flow.get(i + 1));
    }

    public void back() {
        if (!canGoBack.get()) {
            return;
        }
        List<Step> flow = flow();
        steps.get(current.get()).cancel();
        go(flow.get(flow.indexOf(current.get()) - 1));
    }

    /** Stops what any step is doing; the window is closing. */
    public void close() {
        steps.values().forEach(CorsWizardStep::cancel);
    }

    private void go(Step s) {
        current.set(s);
        steps.get(s).enter();
    }

    private void bindToStep(Step s) {
        CorsWizardStep step = steps.get(s);
        canGoNext.bind(step.validProperty());
        busy.bind(step.busyProperty());
        // once a change is applied, going back would review a plan that no longer matches the bucket
        canGoBack.bind(step.busyProperty()
                .not()
                .and(Bindings.createBooleanBinding(
                        () -> s != Step.CHOOSE
                                && (s != Step.APPLY || state.appliedProperty().get() == null),
                        current,
                        state.appliedProperty())));
    }

    private String computeNextText() {
        List<Step> flow = flow();
        int i = flow.indexOf(current.get());
        if (i < 0 || i == flow.size() - 1) {
            return messages.get("cors.wizard.done");
        }
        Step next = flow.get(i + 1);
        return messages.get(
                switch (next) {
                    case REVIEW -> "cors.wizard.review";
                    case APPLY ->
                        state.getMode() == Mode.CHECK
                                ? "cors.wizard.check"
                                : state.getPlan() != null && !state.getPlan().changed()
                                        ? "cors.wizard.verify"
                                        : "cors.wizard.apply";
                    default -> "cors.wizard.nextButton";
                });
    }
}
