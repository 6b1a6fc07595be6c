package io.obitox.storage.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.objects.SseCKey;
import io.obitox.objects.ui.SseCKeyField;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The download dialog of the bucket browser (issue 18): the local folder, and optionally the customer key (SSE-C) of
 * the objects, read from its file in the background by the same {@link SseCKeyField} as the upload's object settings:
 * held in memory only, its fingerprint shown; the transfers store only that fingerprint. The folder is kept for the
 * next download of the window; the key is not (downloading other objects with it would be refused by S3). FX thread
 * only; no {@code Node}s.
 */
public final class DownloadDialogViewModel {
    /** What the user chose: where to, and the key or null. */
    public record Choice(Path folder, SseCKey key) {}

    private final Messages messages;
    private final SseCKeyField key;
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>(this, "folder");
    private final ReadOnlyStringWrapper header = new ReadOnlyStringWrapper(this, "header", "");
    private final ReadOnlyStringWrapper folderText = new ReadOnlyStringWrapper(this, "folderText", "");
    private final BooleanBinding ready;

    DownloadDialogViewModel(UiTasks tasks, Messages messages) {
        this.messages = messages;
        this.key = new SseCKeyField(this, tasks, () -> {}, messages);
        // the text changes with every read, so it stands for the key field's problem, which is not a property
        this.ready = Bindings.createBooleanBinding(
                () -> folder.get() != null
                        && !key.readingProperty().get()
                        && (key.keyProperty().get() != null || key.problem() == null),
                folder,
                key.keyProperty(),
                key.readingProperty(),
                key.textProperty());
        folderText.set(messages.get("download.dialog.noFolder"));
    }

    // Properties //

    /** "Download 3 item(s) from s3://photos". */
    public ReadOnlyStringProperty headerProperty() {
        return header.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> folderProperty() {
        return folder.getReadOnlyProperty();
    }

    /** The folder, or "No folder chosen." */
    public ReadOnlyStringProperty folderTextProperty() {
        return folderText.getReadOnlyProperty();
    }

    /** The key read, or null. */
    public ReadOnlyObjectProperty<SseCKey> keyProperty() {
        return key.keyProperty();
    }

    /** "No key file chosen.", "Reading …", its fingerprint, or why the file is no key. */
    public ReadOnlyStringProperty keyTextProperty() {
        return key.textProperty();
    }

    public ReadOnlyBooleanProperty readingKeyProperty() {
        return key.readingProperty();
    }

    /** True when a folder is chosen and no key file is being read or was unreadable: "Download" may be pressed. */
    public BooleanBinding readyProperty() {
        return ready;
    }

    // Commands //

    /** A new question for {@code count} selected entries of {@code bucket}: the folder stays, the key goes. */
    public void open(int count, String bucket) {
        header.set(messages.get("download.dialog.header", count, bucket));
        key.clear();
    }

    public void chooseFolder(Path chosen) {
        if (chosen != null) {
            folder.set(chosen.toAbsolutePath());
            folderText.set(folder.get().toString());
        }
    }

    /** Reads the key file in the background; "Download" waits until it is read. */
    public void chooseKeyFile(Path file) {
        key.choose(file);
    }

    /** No key after all (an object without SSE-C, or the wrong file). */
    public void clearKey() {
        key.clear();
    }

    /** The choice, when it is {@link #readyProperty() ready}; else empty. */
    public Optional<Choice> choice() {
        return ready.get()
                ? Optional.of(new Choice(folder.get(), key.keyProperty().get()))
                : Optional.empty();
    }
}
