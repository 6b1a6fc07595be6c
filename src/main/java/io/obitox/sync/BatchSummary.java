package io.obitox.sync;

import io.obitox.common.Messages;
import io.obitox.common.Sizes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end of an upload or sync batch in numbers: files per action, and the bytes that did not have to be sent
 * (skipped identical or existing files). {@code rejected} counts files the validation policy refused (they never
 * became transfers); {@code failed} counts everything else that did not get there. Immutable.
 */
public record BatchSummary(
        int uploaded,
        int skippedIdentical,
        int skippedExisting,
        int renamed,
        int excluded,
        int deleted,
        int failed,
        int rejected,
        long bytesNotSent) {

    static BatchSummary of(List<UploadPlan.Item> items) {
        int[] n = new int[SyncAction.values().length];
        long notSent = 0;
        for (UploadPlan.Item i : items) {
            if (i.action() == null) {
                continue;
            }
            n[i.action().ordinal()]++;
            if ((i.action() == SyncAction.SKIPPED_IDENTICAL || i.action() == SyncAction.SKIPPED_EXISTING)
                    && i.size() > 0) {
                notSent += i.size();
            }
        }
        return new BatchSummary(
                n[SyncAction.UPLOADED.ordinal()],
                n[SyncAction.SKIPPED_IDENTICAL.ordinal()],
                n[SyncAction.SKIPPED_EXISTING.ordinal()],
                n[SyncAction.RENAMED.ordinal()],
                n[SyncAction.EXCLUDED.ordinal()],
                n[SyncAction.DELETED.ordinal()],
                n[SyncAction.FAILED.ordinal()],
                0,
                notSent);
    }

    /** The same with {@code deleted} objects and {@code failedMore} failures (walk errors, deletes) added. */
    public BatchSummary plus(int deletedMore, int failedMore) {
        return new BatchSummary(
                uploaded,
                skippedIdentical,
                skippedExisting,
                renamed,
                excluded,
                deleted + deletedMore,
                failed + failedMore,
                rejected,
                bytesNotSent);
    }

    /** The same with {@code excludedMore} files left out on the walk (hidden or system files) added. */
    public BatchSummary plusExcluded(int excludedMore) {
        return new BatchSummary(
                uploaded,
                skippedIdentical,
                skippedExisting,
                renamed,
                excluded + excludedMore,
                deleted,
                failed,
                rejected,
                bytesNotSent);
    }

    /** The same with {@code rejectedMore} files refused by the validation policy added. */
    public BatchSummary plusRejected(int rejectedMore) {
        return new BatchSummary(
                uploaded,
                skippedIdentical,
                skippedExisting,
                renamed,
                excluded,
                deleted,
                failed,
                rejected + rejectedMore,
                bytesNotSent);
    }

    /** One line for the terminal, in English (logs, tests). */
    public String text() {
        return text(Messages.english());
    }

    /**
     * One line for the terminal in {@code messages}' language; the deleted count only when something was deleted,
     * {@code rejected} only when there are such files (sync never validates).
     */
    public String text(Messages messages) {
        return messages.get(
                "cli.batch.summary",
                uploaded,
                skippedIdentical,
                skippedExisting,
                renamed,
                excluded,
                deleted > 0 ? messages.get("cli.batch.deleted", deleted) + ", " : "",
                failed,
                rejected > 0 ? ", " + messages.get("cli.batch.rejected", rejected) : "",
                Sizes.bytes(bytesNotSent));
    }

    /** The {@code "summary"} object of {@code --json}. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uploaded", uploaded);
        m.put("skippedIdentical", skippedIdentical);
        m.put("skippedExisting", skippedExisting);
        m.put("renamed", renamed);
        m.put("excluded", excluded);
        m.put("deleted", deleted);
        m.put("failed", failed);
        m.put("rejected", rejected);
        m.put("bytesNotSent", bytesNotSent);
        return m;
    }
}
