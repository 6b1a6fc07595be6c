package io.obitox.storage.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.ui.ProfileSelection;
import io.obitox.storage.BucketInfo;
import io.obitox.storage.S3Errors;
import io.obitox.sync.ConflictChoice;
import io.obitox.upload.FolderDrop;
import io.obitox.validation.ValidationResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * Files dropped onto the bucket browser's listing: checked and queued into the bucket and folder shown, through the
 * {@link DropUploader} the composition root supplies (so this view does not build the validation and transfer
 * services). FX thread only; the check and the queueing run through {@link UiTasks}. Says what happened on the
 * browser's status line, in the view's language.
 */
public final class FolderDropViewModel {
    private final UiTasks tasks;
    private final ProfileSelection selection;
    private final ObjectProperty<BucketInfo> bucket;
    private final ReadOnlyStringProperty prefix;
    private final BooleanProperty busy;
    private final BiConsumer<Boolean, String> status;
    private final Messages messages;
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available", false);
    private DropUploader uploader;

    /** Checks and queues files dropped onto a folder (blocking; called in the background). */
    @FunctionalInterface
    public interface DropUploader {
        FolderDrop.Result upload(StorageProfile profile, String bucket, String prefix, List<Path> files);
    }

    FolderDropViewModel(
            UiTasks tasks,
            ProfileSelection selection,
            ObjectProperty<BucketInfo> bucket,
            ReadOnlyStringProperty prefix,
            BooleanProperty busy,
            BiConsumer<Boolean, String> status,
            Messages messages) {
        this.tasks = tasks;
        this.messages = messages;
        this.selection = selection;
        this.bucket = bucket;
        this.prefix = prefix;
        this.busy = busy;
        this.status = status;
        bucket.addListener((o, a, b) -> available.set(uploader != null && b != null));
    }

    /** True when a bucket is open and files dropped on the listing can be uploaded into the folder shown. */
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    public void setUploader(DropUploader uploader) {
        this.uploader = uploader;
        available.set(uploader != null && bucket.get() != null);
    }

    /** Checks the dropped files and folders and queues the valid ones into the folder shown. */
    public void drop(List<Path> files) {
        BucketInfo b = bucket.get();
        StorageProfile p = selection.getCurrent();
        if (uploader == null || b == null || p == null || files.isEmpty()) {
            return;
        }
        String under = prefix.get();
        String where = "s3://" + b.name() + "/" + under;
        status.accept(false, messages.get("folderDrop.checking", files.size(), where));
        DropUploader u = uploader;
        tasks.run(() -> u.upload(p, b.name(), under, files))
                .trackBusy(busy)
                .onSuccess(r -> {
                    if (r.refusal() != null) {
                        status.accept(
                                true,
                                messages.get(
                                        "folderDrop.nothingSent",
                                        where,
                                        messages.oneLine(r.refusal().reason())));
                    } else {
                        status.accept(!r.rejected().isEmpty(), outcome(r, where, messages));
                    }
                })
                .onError(e -> status.accept(true, messages.oneLine(S3Errors.describe(e))))
                .start();
    }

    /**
     * What a drop did, in sentences: queued, the files the upload plan left out and why (the choice for existing keys
     * is a setting: Settings), and the first file the policy refused.
     */
    static String outcome(FolderDrop.Result r, String where, Messages messages) {
        List<String> sentences = new ArrayList<>();
        sentences.add(messages.get("folderDrop.queued", r.queued(), where));
        if (r.skipped() > 0) {
            String choice = messages.get("conflictChoice." + r.choice().name());
            sentences.add(
                    r.choice() == ConflictChoice.ASK
                            ? messages.get("folderDrop.skippedAsk", r.skipped(), choice)
                            : messages.get("folderDrop.skipped", r.skipped(), choice));
        }
        if (r.excluded() > 0) {
            sentences.add(messages.get("folderDrop.excluded", r.excluded()));
        }
        if (!r.rejected().isEmpty()) {
            ValidationResult first = r.rejected().get(0);
            sentences.add(messages.get(
                    "folderDrop.rejected",
                    r.rejected().size(),
                    first.sanitizedName(),
                    messages.render(first.error().text(), first.error().message())));
        }
        return String.join(" ", sentences);
    }
}
