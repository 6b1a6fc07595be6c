package io.obitox.transfer.cli;

import io.obitox.cli.kit.Output;
import io.obitox.common.Messages;
import io.obitox.common.TerminalText;
import io.obitox.sync.ConflictPolicy;
import io.obitox.sync.SyncAction;
import io.obitox.sync.UploadPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a settled {@link UploadPlan} reads in the output of {@code upload} and {@code sync}: per-file {@code "action"}
 * on the transfers' JSON rows, rows of their own for files that sent nothing, the batch summary, and the lines the
 * terminal shows for excluded, renamed and refused-as-existing files. Apart from {@link UploadConflicts}, which
 * decides; this only reports. Reads the plan; one use, on the command's thread.
 */
public final class PlanRows {
    private final UploadPlan plan;
    private final String bucket;
    private final boolean dryRun;

    PlanRows(UploadPlan plan, String bucket, boolean dryRun) {
        this.plan = plan;
        this.bucket = bucket;
        this.dryRun = dryRun;
    }

    /** A file that never became a transfer (rejected, unreadable): its JSON row, with {@code "action": "failed"}. */
    public static Map<String, Object> walkErrorRow(Map<String, Object> row) {
        row.putIfAbsent("action", SyncAction.FAILED.jsonName());
        return row;
    }

    /**
     * The {@code --json} document: {@code transfers} rows keep their fields and gain {@code "action"}; files that
     * sent nothing get rows of their own ({@code id} null); {@code summary} at the end.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> json(
            Map<String, Object> transfersJson, List<Map<String, Object>> extraRows, int deleted, int failedMore) {
        List<Map<String, Object>> rows = new ArrayList<>((List<Map<String, Object>>) transfersJson.get("transfers"));
        rows.forEach(this::decorate);
        rows.addAll(rowsWithoutTransfer());
        rows.addAll(extraRows);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("transfers", rows);
        Map<String, Object> summary = plan.summary().plus(deleted, failedMore).json();
        summary.put("filesRead", plan.filesRead()); // files read to compare; 0 when the index decided by stat
        out.put("summary", summary);
        return out;
    }

    /** Adds {@code "action"} (and {@code originalKey}, a skip's {@code reason}) to a transfer's JSON row. */
    public Map<String, Object> decorate(Map<String, Object> row) {
        Object id = row.get("id");
        UploadPlan.Item i = id == null ? null : plan.item(id.toString());
        if (!row.containsKey("action")) {
            row.put(
                    "action",
                    i != null && i.action() != null
                            ? i.action().jsonName()
                            : "COMPLETED".equals(row.get("state"))
                                    ? SyncAction.UPLOADED.jsonName()
                                    : SyncAction.FAILED.jsonName());
        }
        if (i != null && !i.key().equals(i.originalKey())) {
            row.put("originalKey", i.originalKey());
        }
        if (i != null && i.action() == SyncAction.SKIPPED_EXISTING) {
            row.put("reason", i.reason());
        }
        return row;
    }

    /**
     * The JSON rows of files that sent nothing (excluded, skipped, failed as existing): {@code id} is the skipped
     * file's {@code SKIPPED} transfer, null for the others.
     */
    public List<Map<String, Object>> rowsWithoutTransfer() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (UploadPlan.Item i : plan.items()) {
            if (i.transferId() == null) {
                rows.add(row(i));
            }
        }
        return rows;
    }

    private Map<String, Object> row(UploadPlan.Item i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.skippedId());
        m.put("path", i.path().toString());
        m.put("bucket", bucket);
        m.put("key", i.key());
        m.put("size", i.size());
        m.put("state", dryRun ? "DRY_RUN" : i.action() == SyncAction.FAILED ? "FAILED" : "SKIPPED");
        m.put("action", i.action().jsonName());
        if (i.action() == SyncAction.FAILED) {
            m.put("errorCode", ConflictPolicy.OBJECT_EXISTS);
            m.put("error", i.reason());
        } else {
            m.put("reason", i.reason());
        }
        if (i.rule() != null) {
            m.put("rule", i.rule());
        }
        return m;
    }

    /** The lines of files that sent nothing but must be seen (excluded, failed as existing), for the terminal. */
    public void printText(Output out, Messages messages) {
        for (UploadPlan.Item i : plan.items()) {
            if (i.action() == SyncAction.EXCLUDED) {
                out.println(messages.get("cli.plan.excluded", TerminalText.escape(i.key()), i.reason()));
            } else if (i.action() == SyncAction.FAILED && i.transferId() == null) {
                out.println(messages.get(
                        "cli.plan.failed",
                        TerminalText.escape(i.path().toString()),
                        i.reason(),
                        ConflictPolicy.OBJECT_EXISTS));
            } else if (i.action() == SyncAction.RENAMED) {
                out.println(messages.get(
                        "cli.plan.renamed", TerminalText.escape(i.originalKey()), TerminalText.escape(i.key())));
            }
        }
    }
}
