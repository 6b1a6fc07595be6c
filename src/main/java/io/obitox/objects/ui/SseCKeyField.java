package io.obitox.objects.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.objects.SseCKey;
import io.obitox.storage.S3Errors;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The form's SSE-C key: read from its file in the background and held in memory only; the form shows its
 * fingerprint, never the key. A file chosen later wins over one still being read. FX thread only.
 */
final class SseCKeyField {

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

    /** @param bean the view model whose properties these are */
    SseCKeyField(Object bean, UiTasks tasks, Runnable readDone, Messages messages) {
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

    /** Why the last file chosen could not be read, or null. */
    String problem() {
        return problem;
    }

    void choose(Path file) {
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
    void clear() {
        generation++;
        problem = null;
        reading.set(false);
        key.set(null);
        text.set(messages.get("objectSettings.key.none"));
    }
}
