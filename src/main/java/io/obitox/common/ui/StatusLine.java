package io.obitox.common.ui;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A view model's status line: busy while its background work runs, one message, and whether that message reports a
 * failure. The busy / status / error triple every view model had written out by hand; {@link UiTasks.Builder#tracking}
 * drives it from a task. FX thread only, like the properties it holds.
 */
public final class StatusLine {
    private final Object owner;
    private final Function<Throwable, String> describe;
    private final ReadOnlyBooleanWrapper busy;
    private final ReadOnlyStringWrapper message;
    private final ReadOnlyBooleanWrapper error;

    /**
     * @param owner the view model (the properties' bean)
     * @param describe a failure in words for the user (e.g. {@code e -> S3Errors.describe(e).oneLine()}); never the
     *     raw exception
     */
    public StatusLine(Object owner, Function<Throwable, String> describe) {
        this.owner = owner;
        this.describe = describe;
        this.busy = new ReadOnlyBooleanWrapper(owner, "busy", false);
        this.message = new ReadOnlyStringWrapper(owner, "status", "");
        this.error = new ReadOnlyBooleanWrapper(owner, "error", false);
    }

    /** A plain message ("" to clear the line). */
    public void show(String text) {
        message.set(text);
        error.set(false);
    }

    /** A message that reports a failure or a refusal. */
    public void fail(String text) {
        message.set(text);
        error.set(true);
    }

    /** A failure of background work, described in words. */
    public void fail(Throwable failure) {
        fail(describe.apply(failure));
    }

    public boolean isBusy() {
        return busy.get();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** For {@link UiTasks}: the writable busy flag. */
    ReadOnlyBooleanWrapper busyFlag() {
        return busy;
    }

    @Override
    public String toString() {
        return "StatusLine of " + owner.getClass().getSimpleName() + ": " + message.get();
    }
}
