package io.obitox.cors.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.StatusLine;
import io.obitox.common.ui.StatusLine.Tone;
import io.obitox.common.ui.UiTasks;
import io.obitox.storage.S3Errors;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.value.ObservableValue;

/**
 * What every CORS wizard step has: a status line (busy while the step's one background task runs, a message in a
 * tone the step views colour), whether the user may go on, and that task, which a newer one, Back or closing the
 * wizard cancels. The steps add only what they show and do. FX thread only.
 */
public abstract class CorsStepViewModel implements CorsWizardStep {
    /** The step's status line; a failure of its task is described on it unless the task says otherwise. */
    protected final StatusLine status = new StatusLine(this, e -> messages().oneLine(S3Errors.describe(e)));

    /** The user's language, also for what the services say (their failures, readings and advice). */
    protected final Messages messages;

    private final UiTasks tasks;
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", false);
    private UiTasks.Handle running;

    /** @param tasks runs the step's background work; null for a step that has none */
    protected CorsStepViewModel(UiTasks tasks, Messages messages) {
        this.tasks = tasks;
        this.messages = messages;
    }

    /** Through a method: the status line's lambda above may not name the final field before it is assigned. */
    private Messages messages() {
        return messages;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.messageProperty();
    }

    public ReadOnlyObjectProperty<Tone> statusKindProperty() {
        return status.toneProperty();
    }

    @Override
    public final ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    @Override
    public final ReadOnlyBooleanProperty busyProperty() {
        return status.busyProperty();
    }

    @Override
    public void cancel() {
        if (running != null) {
            running.cancel();
            running = null;
        }
    }

    /** The user may go on exactly when {@code condition} holds. */
    protected final void validWhen(ObservableValue<Boolean> condition) {
        valid.bind(condition);
    }

    /** For a step that decides validity itself (no binding). */
    protected final void setValid(boolean ok) {
        valid.set(ok);
    }

    /**
     * The step's next background task: whatever ran before is cancelled, and the status line is busy while it runs.
     * Configure the callbacks, then hand it to {@link #start}.
     */
    protected final <T> UiTasks.Builder<T> task(Callable<T> work) {
        cancel();
        return tasks.run(work).tracking(status);
    }

    /** Starts {@code task} as the one {@link #cancel()} stops. */
    protected final void start(UiTasks.Builder<?> task) {
        running = task.start();
    }
}
