package io.obitox.storage.ui;

import io.obitox.common.ui.UiTasks;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.ui.ProfileSelection;
import io.obitox.storage.BucketInfo;
import io.obitox.storage.S3Errors;
import io.obitox.sync.ConflictChoice;
import io.obitox.upload.FolderDrop;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * Files dropped onto the bucket browser's listing: checked and queued into the bucket and folder shown, through the
 * {@link DropUploader} the composition root supplies (so this view does not build the validation and transfer
 * services). FX thread only; the check and the queueing run through {@link UiTasks}.
 */
public final class FolderDropViewModel {
    private final UiTasks tasks;
    private final ProfileSelection selection;
    private final ObjectProperty<BucketInfo> bucket;
    private final ReadOnlyStringProperty prefix;
    private final BooleanProperty busy;
    private final BiConsumer<Boolean, String> status;
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
            BiConsumer<Boolean, String> status) {
        this.tasks = tasks;
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
        status.accept(false, "Checking " + files.size() + " dropped item(s) for " + where + " …");
        DropUploader u = uploader;
        tasks.run(() -> u.upload(p, b.name(), under, files))
                .trackBusy(busy)
                .onSuccess(r -> {
                    String rejected = r.rejected().isEmpty()
                            ? ""
                            : " " + r.rejected().size() + " rejected, e.g. "
                                    + r.rejected().get(0).sanitizedName() + ": "
                                    + r.rejected().get(0).error().message();
                    if (r.refusal() != null) {
                        status.accept(
                                true,
                                "Nothing was sent to " + where + ": "
                                        + r.refusal().reason().oneLine());
                    } else {
                        status.accept(
                                !r.rejected().isEmpty(),
                                r.queued() + " file(s) queued for " + where + " — follow them under Transfers."
                                        + notSent(r) + rejected);
                    }
                })
                .onError(e -> status.accept(true, S3Errors.describe(e).oneLine()))
                .start();
    }

    /** The files the upload plan left out, and why (the choice for existing keys is a setting: Settings). */
    private static String notSent(FolderDrop.Result r) {
        String skipped = r.skipped() == 0
                ? ""
                : " " + r.skipped() + " skipped: already there ("
                        + r.choice().label().toLowerCase(Locale.ROOT)
                        + (r.choice() == ConflictChoice.ASK ? ", and there is no one to ask on a drop" : "")
                        + "; Settings).";
        return skipped + (r.excluded() == 0 ? "" : " " + r.excluded() + " left out by the exclude rules.");
    }
}
