package io.obitox.storage.ui;

import io.obitox.common.Messages;
import io.obitox.common.Sizes;
import io.obitox.common.ui.StatusLine;
import io.obitox.common.ui.UiTasks;
import io.obitox.storage.DeletePlan;
import io.obitox.storage.DeleteResult;
import io.obitox.storage.DeleteService;
import io.obitox.storage.ObjectEntry;
import io.obitox.storage.S3Target;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Delete in the bucket browser, in two steps like the CLI: {@link #prepare} works out the plan in the background and
 * publishes it as {@link #pendingProperty()} (the view asks for confirmation with its count and size);
 * {@link #confirm} deletes exactly that plan, {@link #dismiss} forgets it. FX thread only.
 */
public final class DeleteViewModel {
    private final Messages messages;
    private final DeleteService service;
    private final UiTasks tasks;
    private final StatusLine status;
    private final Runnable afterDelete;
    private final ReadOnlyObjectWrapper<DeletePlan> pending = new ReadOnlyObjectWrapper<>(this, "pending");
    private S3Target target;

    /**
     * @param status the browser's status line (busy while a plan or a delete runs: its Cancel button stops it)
     * @param afterDelete runs after a delete (finished, cancelled or failed): the listing is no longer current
     */
    DeleteViewModel(DeleteService service, UiTasks tasks, StatusLine status, Runnable afterDelete, Messages messages) {
        this.service = service;
        this.messages = messages;
        this.tasks = tasks;
        this.status = status;
        this.afterDelete = afterDelete;
    }

    /** The plan waiting for a yes, or null. */
    public ReadOnlyObjectProperty<DeletePlan> pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    /** The confirmation question for a plan: count, size, folders, versioning. */
    public static String question(DeletePlan p, Messages messages) {
        StringBuilder sb = new StringBuilder();
        sb.append(messages.get("buckets.delete.question", p.count(), Sizes.bytes(p.totalBytes()), p.bucket()));
        if (!p.prefixes().isEmpty()) {
            sb.append("\n\n").append(messages.get("buckets.delete.under", String.join(", ", p.prefixes())));
        }
        List<ObjectEntry> first = p.objects().subList(0, Math.min(8, p.objects().size()));
        sb.append("\n\n");
        first.forEach(o ->
                sb.append(o.key()).append("  (").append(Sizes.bytes(o.size())).append(")\n"));
        if (p.count() > first.size()) {
            sb.append(messages.get("buckets.delete.more", p.count() - first.size()))
                    .append("\n");
        }
        if (!p.versioningNote().isEmpty()) {
            sb.append("\n").append(p.versioningNote());
        } else {
            sb.append("\n").append(messages.get("buckets.delete.final"));
        }
        return sb.toString();
    }

    /** Lists what the selection covers (folders: every key under them) and asks through {@link #pendingProperty}. */
    public UiTasks.Handle prepare(S3Target t, String bucket, List<ObjectEntry> selected) {
        if (selected.isEmpty()) {
            status.fail(messages.get("buckets.delete.pick"));
            return null;
        }
        this.target = t;
        status.show(messages.get("buckets.delete.planning"));
        return tasks.run(() -> service.planEntries(t, bucket, selected))
                .tracking(status)
                .onSuccess(plan -> {
                    if (plan.count() == 0) {
                        status.show(messages.get("buckets.delete.nothing"));
                    } else {
                        status.show("");
                        pending.set(plan);
                    }
                })
                .onCancelled(() -> status.show(messages.get("buckets.delete.cancelled")))
                .start();
    }

    public void dismiss() {
        if (pending.get() != null) {
            pending.set(null);
            status.show(messages.get("buckets.delete.dismissed"));
        }
    }

    /** Deletes the pending plan, 1,000 keys per request. */
    public UiTasks.Handle confirm() {
        DeletePlan plan = pending.get();
        if (plan == null) {
            return null;
        }
        pending.set(null);
        status.show(messages.get("buckets.delete.deleting", plan.count()));
        S3Target t = target;
        // progress after each request of 1,000, posted to the FX thread (a few messages, not one per key)
        return tasks.run(() -> service.delete(
                        t,
                        plan,
                        n -> tasks.onUi(() -> status.show(messages.get("buckets.delete.progress", n, plan.count())))))
                .tracking(status)
                .onSuccess((DeleteResult r) -> {
                    if (r.failures().isEmpty()) {
                        status.show(messages.get("buckets.delete.done", r.deleted(), r.bucket()));
                    } else {
                        DeleteResult.Failure f = r.failures().get(0);
                        status.fail(messages.get(
                                "buckets.delete.partly",
                                r.deleted(),
                                r.failures().size(),
                                f.key() + ": " + f.code() + " " + f.message()));
                    }
                })
                .onCancelled(() -> status.show(messages.get("buckets.delete.stopped")))
                .onFinally(afterDelete)
                .start();
    }
}
