package io.obitox.storage.ui;

import io.obitox.common.Sizes;
import io.obitox.common.ui.UiTasks;
import io.obitox.storage.DeletePlan;
import io.obitox.storage.DeleteResult;
import io.obitox.storage.DeleteService;
import io.obitox.storage.ObjectEntry;
import io.obitox.storage.S3Errors;
import io.obitox.storage.S3Target;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Delete in the bucket browser, in two steps like the CLI: {@link #prepare} works out the plan in the background and
 * publishes it as {@link #pendingProperty()} (the view asks for confirmation with its count and size);
 * {@link #confirm} deletes exactly that plan, {@link #dismiss} forgets it. FX thread only.
 */
public final class DeleteViewModel {
    private final DeleteService service;
    private final UiTasks tasks;
    private final BooleanProperty busy;
    private final BiConsumer<Boolean, String> status;
    private final Runnable afterDelete;
    private final ReadOnlyObjectWrapper<DeletePlan> pending = new ReadOnlyObjectWrapper<>(this, "pending");
    private S3Target target;

    /**
     * @param busy the browser's busy flag (its Cancel button stops a plan or a delete)
     * @param status where messages go ({@code true} for an error)
     * @param afterDelete runs after a delete (finished, cancelled or failed): the listing is no longer current
     */
    DeleteViewModel(
            DeleteService service,
            UiTasks tasks,
            BooleanProperty busy,
            BiConsumer<Boolean, String> status,
            Runnable afterDelete) {
        this.service = service;
        this.tasks = tasks;
        this.busy = busy;
        this.status = status;
        this.afterDelete = afterDelete;
    }

    /** The plan waiting for a yes, or null. */
    public ReadOnlyObjectProperty<DeletePlan> pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    /** The confirmation question for a plan: count, size, folders, versioning. */
    public static String question(DeletePlan p) {
        StringBuilder sb = new StringBuilder();
        sb.append("Delete ").append(p.count()).append(" object(s), ").append(Sizes.bytes(p.totalBytes()));
        sb.append(", from ").append(p.bucket()).append("?");
        if (!p.prefixes().isEmpty()) {
            sb.append("\n\nEverything under: ").append(String.join(", ", p.prefixes()));
        }
        List<ObjectEntry> first = p.objects().subList(0, Math.min(8, p.objects().size()));
        sb.append("\n\n");
        first.forEach(o ->
                sb.append(o.key()).append("  (").append(Sizes.bytes(o.size())).append(")\n"));
        if (p.count() > first.size()) {
            sb.append("… and ").append(p.count() - first.size()).append(" more\n");
        }
        if (!p.versioningNote().isEmpty()) {
            sb.append("\n").append(p.versioningNote());
        } else {
            sb.append("\nThis cannot be undone.");
        }
        return sb.toString();
    }

    /** Lists what the selection covers (folders: every key under them) and asks through {@link #pendingProperty}. */
    public UiTasks.Handle prepare(S3Target t, String bucket, List<ObjectEntry> selected) {
        if (selected.isEmpty()) {
            status.accept(true, "Pick the objects or folders to delete.");
            return null;
        }
        this.target = t;
        status.accept(false, "Listing what would be deleted …");
        return tasks.run(() -> service.planEntries(t, bucket, selected))
                .trackBusy(busy)
                .onSuccess(plan -> {
                    if (plan.count() == 0) {
                        status.accept(false, "Nothing to delete there.");
                    } else {
                        status.accept(false, "");
                        pending.set(plan);
                    }
                })
                .onError(e -> status.accept(true, S3Errors.describe(e).oneLine()))
                .onCancelled(() -> status.accept(false, "Cancelled; nothing was deleted."))
                .start();
    }

    public void dismiss() {
        if (pending.get() != null) {
            pending.set(null);
            status.accept(false, "Nothing was deleted.");
        }
    }

    /** Deletes the pending plan, 1,000 keys per request. */
    public UiTasks.Handle confirm() {
        DeletePlan plan = pending.get();
        if (plan == null) {
            return null;
        }
        pending.set(null);
        status.accept(false, "Deleting " + plan.count() + " object(s) …");
        S3Target t = target;
        // progress after each request of 1,000, posted to the FX thread (a few messages, not one per key)
        return tasks.run(() -> service.delete(
                        t,
                        plan,
                        n -> tasks.onUi(
                                () -> status.accept(false, "Deleted " + n + " of " + plan.count() + " object(s) …"))))
                .trackBusy(busy)
                .onSuccess((DeleteResult r) -> {
                    if (r.failures().isEmpty()) {
                        status.accept(false, "Deleted " + r.deleted() + " object(s) from " + r.bucket() + ".");
                    } else {
                        DeleteResult.Failure f = r.failures().get(0);
                        status.accept(
                                true,
                                "Deleted " + r.deleted() + "; " + r.failures().size() + " not deleted, e.g. " + f.key()
                                        + ": " + f.code() + " " + f.message());
                    }
                })
                .onError(e -> status.accept(true, S3Errors.describe(e).oneLine()))
                .onCancelled(() -> status.accept(false, "Stopped; what was deleted so far is gone."))
                .onFinally(afterDelete)
                .start();
    }
}
