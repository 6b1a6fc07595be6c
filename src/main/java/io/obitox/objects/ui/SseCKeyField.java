package io.obitox.objects.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.objects.SseCKey;
import io.obitox.storage.S3Errors;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * An SSE-C key field: the key read from its file in the background and held in memory only; the view shows its
 * fingerprint, never the key. A file chosen later wins over one still being read. Shared by the object-settings form
 * and the bucket browser's download dialog (issue 18). FX thread only; no {@code Node}s.
 */
public final class SseCKeyField {

    private final UiTasks tasks;
    private final Messages messages;
    /** Called on the FX thread once a read ends, so the form checks itself again. */
    private final Runnable readDone;

    private final ReadOnlyObjectWrapper<SseCKey> key;
    private final ReadOnlyStringWrapper text;
    private final ReadOnlyBooleanWrapper reading;
    /** Why the key file could not be read, until another is chosen. */
    private String problem;

    private int generation;

    /**
     * @param bean the view model whose properties these are
     * @param readDone called on the FX thread when a read ends (the key is set, or {@link #problem()} says why not)
     */
    public SseCKeyField(Object bean, UiTasks tasks, Runnable readDone, Messages messages) {
        this.tasks = tasks;
        this.messages = messages;
        this.readDone = readDone;
        this.key = new ReadOnlyObjectWrapper<>(bean, "sseCKey");
        this.text = new ReadOnlyStringWrapper(bean, "keyText", messages.get("objectSettings.key.none"));
        this.reading = new ReadOnlyBooleanWrapper(bean, "readingKey", false);
    }

    ReadOnlyObjectWrapper<SseCKey> key() {
        return key;
    }

    ReadOnlyStringWrapper text() {
        return text;
    }

    ReadOnlyBooleanWrapper reading() {
        return reading;
    }

    /** The key read, or null (none chosen, still reading, or unreadable). */
    public ReadOnlyObjectProperty<SseCKey> keyProperty() {
        return key.getReadOnlyProperty();
    }

    /** "No key file chosen.", "Reading …", the fingerprint, or why the file is no key. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** True while a key file is being read. */
    public ReadOnlyBooleanProperty readingProperty() {
        return reading.getReadOnlyProperty();
    }

    /** Why the last file chosen could not be read, or null. */
    public String problem() {
        return problem;
    }

    /** Reads {@code file} in the background; the fingerprint (or why it is no key) shows when done. */
    public void choose(Path file) {
        int gen = ++generation;
        reading.set(true);
        text.set(messages.get("objectSettings.key.reading", file.getFileName()));
        tasks.run(() -> SseCKey.read(file))
                .onSuccess(k -> {
                    if (gen == generation) {
                        problem = null;
                        text.set(messages.get("objectSettings.key.fingerprint", k.md5Base64()));
                        key.set(k);
                        readDone.run();
                    }
                })
                .onError(e -> {
                    if (gen == generation) {
                        problem = messages.message(S3Errors.describe(e));
                        text.set(messages.get("objectSettings.key.unusable", problem));
                        key.set(null);
                        readDone.run();
                    }
                })
                .onFinally(() -> {
                    if (gen == generation) {
                        reading.set(false);
                    }
                })
                .start();
    }

    /** Forgets the key and any read still running. */
    public void clear() {
        generation++;
        problem = null;
        reading.set(false);
        key.set(null);
        text.set(messages.get("objectSettings.key.none"));
    }
}
