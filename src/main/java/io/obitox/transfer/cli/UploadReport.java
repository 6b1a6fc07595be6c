package io.obitox.transfer.cli;

import io.obitox.cli.kit.Output;
import io.obitox.common.Messages;
import io.obitox.common.TerminalText;
import io.obitox.sync.BatchSummary;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The end of {@code obitox upload}: one line per file that failed or has a note (or the JSON of every transfer),
 * then the counts. The transfers are read back from the database {@value #PAGE} at a time in the order they were
 * queued, so a run of 100,000 files never holds all their snapshots; only the ids are kept for the whole run.
 *
 * <p>Threading: one use, on the command's thread.
 */
final class UploadReport {
    /** Requests queued per transaction, and transfers read back per query. */
    static final int PAGE = 500;

    private final TransferService service;
    private final TransferService.Batch batch;
    private final List<String> ids;
    private final UploadConflicts conflicts;
    private final List<Map<String, Object>> walkErrors;
    private final List<Map<String, Object>> walkSkipped;
    private final Messages messages;
    private long sent;
    private long notCompleted;

    /**
     * The outcome of {@code batch} (settled; {@code lastIds} every file's last transfer, after the rename rounds of
     * {@code conflicts}), the files that sent nothing by the conflict policy or the rules, and those that never became
     * transfers ({@code walkErrors}: rejected by the validation policy, or failed on the walk; {@code walkSkipped}:
     * hidden or system files the policy leaves out, rows of action {@code excluded}).
     */
    UploadReport(
            TransferService service,
            TransferService.Batch batch,
            List<String> lastIds,
            UploadConflicts conflicts,
            List<Map<String, Object>> walkErrors,
            List<Map<String, Object>> walkSkipped,
            Messages messages) {
        this.messages = messages;
        this.service = service;
        this.batch = batch;
        this.ids = lastIds;
        this.conflicts = conflicts;
        this.walkErrors = walkErrors;
        this.walkSkipped = walkSkipped;
    }

    /**
     * How many files did not get there, failed or rejected (the command exits 1 for either); final once {@link #text}
     * has run or the {@link #json} document has been written.
     */
    long notDone() {
        return notCompleted + walkErrors.size() + conflicts.failedWithoutTransfer();
    }

    /** The document; its transfers are read from the database as it is written. */
    Map<String, Object> json() {
        List<Map<String, Object>> others = new ArrayList<>(conflicts.rows().rowsWithoutTransfer());
        walkErrors.forEach(e -> others.add(PlanRows.walkErrorRow(e)));
        others.addAll(walkSkipped);
        PlanRows planRows = conflicts.rows();
        Iterable<Map<String, Object>> rows = () -> new Iterator<>() {
            private final Iterator<TransferSnapshot> transfers = snapshots().iterator();
            private final Iterator<Map<String, Object>> extra = others.iterator();

            @Override
            public boolean hasNext() {
                return transfers.hasNext() || extra.hasNext();
            }

            @Override
            public Map<String, Object> next() {
                return transfers.hasNext() ? planRows.decorate(TransferJson.of(transfers.next())) : extra.next();
            }
        };
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("transfers", rows); // Jackson writes an Iterable as an array, one element at a time
        doc.put("summary", summary().json()); // after the rows: counts settled
        return doc;
    }

    /** One line per file that failed or has a note, then the counts. */
    void text(Output out) {
        Set<String> refused = new HashSet<>();
        for (TransferService.Refusal r : batch.refusals()) {
            refused.addAll(r.transferIds());
            out.println(messages.get(
                    "cli.upload.refused",
                    r.transferIds().size(),
                    r.bucket(),
                    r.targetLabel(),
                    r.reason().code(),
                    r.reason().oneLine()));
        }
        for (TransferSnapshot x : snapshots()) {
            if (refused.contains(x.id()) && x.state() == TransferState.FAILED) {
                continue; // reported once above
            }
            if (conflicts.failed(x)) {
                out.println(messages.get(
                        "cli.row.failed",
                        TerminalText.escape(x.source().toString()),
                        x.errorMessage() == null ? x.state() : x.errorMessage()));
            } else if (x.notice() != null) {
                out.println(messages.get("cli.row.note", TerminalText.escape(x.fileName()), x.notice()));
            }
        }
        for (Map<String, Object> e : walkErrors) {
            out.println(e.get("state") + "  " + TerminalText.escape((String) e.get("path")) + ": " + e.get("error")
                    + " [" + e.get("errorCode") + "]");
        }
        int rejected = rejected();
        conflicts.rows().printText(out, messages);
        long failed = notCompleted + walkErrors.size() - rejected + conflicts.failedWithoutTransfer();
        out.println(
                rejected > 0
                        ? messages.get("cli.upload.summaryRejected", sent, rejected, failed)
                        : messages.get("cli.upload.summary", sent, failed));
        out.println(summary().text(messages));
    }

    /** The batch's counts with the files that never became transfers: policy refusals apart from failures. */
    private BatchSummary summary() {
        int rejected = rejected();
        return conflicts
                .summary()
                .plus(0, walkErrors.size() - rejected)
                .plusRejected(rejected)
                .plusExcluded(walkSkipped.size());
    }

    /** Files the validation policy refused (state {@code REJECTED}); the other walk errors are failures. */
    private int rejected() {
        return (int) walkErrors.stream()
                .filter(e -> "REJECTED".equals(e.get("state")))
                .count();
    }

    /** The batch's transfers in queue order, read a page at a time as they are iterated; counts them on the way. */
    private Iterable<TransferSnapshot> snapshots() {
        return () -> new Iterator<>() {
            private int next;
            private Iterator<TransferSnapshot> page = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && next < ids.size()) {
                    List<String> chunk = ids.subList(next, Math.min(ids.size(), next + PAGE));
                    next += chunk.size();
                    page = new ArrayList<>(service.snapshots(chunk)).iterator();
                }
                return page.hasNext();
            }

            @Override
            public TransferSnapshot next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                TransferSnapshot s = page.next();
                if (conflicts.uploaded(s)) {
                    sent++;
                }
                if (conflicts.failed(s)) {
                    notCompleted++;
                }
                return s;
            }
        };
    }
}
