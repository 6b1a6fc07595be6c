package io.obitox.sync;

import io.obitox.transfer.SkippedFile;
import io.obitox.transfer.TransferService;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a plan's skipped files (identical, or existing under a policy that does not overwrite) as {@code SKIPPED}
 * transfers, so that the Transfers view, {@code obitox transfers} and the webhooks see every decision. Excluded files
 * stay out: a rule left them out before anything looked at the bucket, and a folder's {@code .git/} would otherwise
 * fill the history; the batch summary counts them. A file skipped after a 412 already has its (failed) transfer and
 * {@code fail} on an existing key is not a transfer either (a FAILED row would offer "Retry", which would overwrite).
 * Stateless.
 */
public final class SkippedRows {
    private SkippedRows() {}

    /**
     * Writes the rows in batch {@code batchId} (a new batch when null) and gives each item its row id
     * ({@link UploadPlan.Item#skippedId}); returns the ids. Call once per plan, after the first round was queued
     * (so both share the batch id), never for a dry run. Blocks on the database.
     */
    public static List<String> record(TransferService transfers, String batchId, UploadPlan plan) {
        return record(transfers, batchId, plan, true);
    }

    /**
     * As {@link #record(TransferService, String, UploadPlan)}; with {@code identical} false, files skipped as
     * identical get no row (their item keeps a null {@code skippedId}) unless something acts on such rows
     * ({@link TransferService#skippedRowsWanted}: a webhook endpoint subscribed to {@code upload.completed}).
     * {@code obitox sync} records them so: a row per unchanged file was 60 % of a no-change sync's CPU and grew the
     * database at every run (docs/sync.md, "Skipped transfers"); the summary still counts them.
     */
    public static List<String> record(TransferService transfers, String batchId, UploadPlan plan, boolean identical) {
        boolean withIdentical = identical || transfers.skippedRowsWanted();
        List<UploadPlan.Item> items = new ArrayList<>();
        List<SkippedFile> files = new ArrayList<>();
        for (UploadPlan.Item i : plan.items()) {
            boolean skipped = (withIdentical && i.action() == SyncAction.SKIPPED_IDENTICAL)
                    || i.action() == SyncAction.SKIPPED_EXISTING;
            if (!skipped
                    || i.transferId() != null
                    || i.skippedId() != null
                    || i.request().target() == null) {
                continue;
            }
            RemoteListing.RemoteObject remote = plan.listing().get(i.originalKey());
            items.add(i);
            files.add(new SkippedFile(
                    i.request(), i.action().jsonName(), reason(i), remote == null ? null : remote.etag(), i.size()));
        }
        List<String> ids = transfers.recordSkipped(batchId, files);
        for (int n = 0; n < ids.size(); n++) {
            items.get(n).skippedId(ids.get(n));
        }
        return ids;
    }

    private static String reason(UploadPlan.Item i) {
        String why = i.reason() == null ? "" : ": " + i.reason();
        return i.action() == SyncAction.SKIPPED_IDENTICAL
                ? "Not sent: identical to the object in the bucket" + why + "."
                : "Not sent: the key exists in the bucket and the policy does not overwrite" + why + ".";
    }
}
