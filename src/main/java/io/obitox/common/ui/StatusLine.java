package io.obitox.common.ui;

import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A view model's status line: busy while its background work runs, one message, and whether that message reports a
 * failure. The busy / status / error triple every view model had written out by hand; {@link UiTasks.Builder#tracking}
 * drives it from a task. Its {@link Tone} lets a view colour the line ({@link StatusStyles}). FX thread only, like the
 * properties it holds.
 */
public final class StatusLine {
    /** How the line reads: the views colour it by this. */
    public enum Tone {
        NONE,
        INFO,
        SUCCESS,
        WARNING,
        ERROR
    }

    private final Object owner;
    private final Function<Throwable, String> describe;
    private final ReadOnlyBooleanWrapper busy;
    private final ReadOnlyStringWrapper message;
    private final ReadOnlyBooleanWrapper error;
    private final ReadOnlyObjectWrapper<Tone> tone;

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
        this.tone = new ReadOnlyObjectWrapper<>(owner, "tone", Tone.NONE);
    }

    /** A plain message ("" to clear the line). */
    public void show(String text) {
        show(Tone.NONE, text);
    }

    /** A message that reports a failure or a refusal. */
    public void fail(String text) {
        show(Tone.ERROR, text);
    }

    /** A message in the given tone (an error only for {@link Tone#ERROR}). */
    public void show(Tone kind, String text) {
        // tone and error first: a listener on the message sees them already set
        tone.set(kind);
        error.set(kind == Tone.ERROR);
        message.set(text);
    }

    /** {@link #fail(String)} or {@link #show(String)}: for helpers that report either through one callback. */
    public void report(boolean failure, String text) {
        if (failure) {
            fail(text);
        } else {
            show(text);
        }
    }

    /** A failure of background work, described in words. */
    public void fail(Throwable failure) {
        fail(describe.apply(failure));
    }

    public String message() {
        return message.get();
    }

    public boolean isError() {
        return error.get();
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

    public Tone tone() {
        return tone.get();
    }

    public ReadOnlyObjectProperty<Tone> toneProperty() {
        return tone.getReadOnlyProperty();
    }

    /**
     * The writable busy flag, for {@link UiTasks} and for a collaborator that still takes a flag instead of the line
     * (FolderDropViewModel).
     */
    public BooleanProperty busyFlag() {
        return busy;
    }

    @Override
    public String toString() {
        return "StatusLine of " + owner.getClass().getSimpleName() + ": " + message.get();
    }
}
