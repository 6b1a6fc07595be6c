package io.obitox.transfer.cli;

import io.obitox.cli.Output;
import io.obitox.common.TerminalText;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
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
    private final List<String> ids;
    private long found;
    private long notCompleted;

    private UploadReport(TransferService service, List<String> ids) {
        this.service = service;
        this.ids = ids;
    }

    /**
     * Prints the outcome of {@code batch} (settled) and the files that never became transfers ({@code walkErrors});
     * returns how many files did not upload (those included).
     */
    static long print(
            Output out,
            TransferService service,
            TransferService.Batch batch,
            List<Map<String, Object>> walkErrors,
            boolean json) {
        UploadReport r = new UploadReport(service, batch.transferIds());
        if (json) {
            r.json(out, walkErrors);
        } else {
            r.text(out, batch, walkErrors);
        }
        return r.notCompleted + walkErrors.size();
    }

    private void json(Output out, List<Map<String, Object>> walkErrors) {
        Iterable<Map<String, Object>> rows = () -> new Iterator<>() {
            private final Iterator<TransferSnapshot> transfers = snapshots().iterator();
            private final Iterator<Map<String, Object>> extra = walkErrors.iterator();

            @Override
            public boolean hasNext() {
                return transfers.hasNext() || extra.hasNext();
            }

            @Override
            public Map<String, Object> next() {
                return transfers.hasNext() ? TransferJson.of(transfers.next()) : extra.next();
            }
        };
        out.json(Map.of("transfers", rows)); // Jackson writes an Iterable as an array, one element at a time
    }

    private void text(Output out, TransferService.Batch batch, List<Map<String, Object>> walkErrors) {
        Set<String> refused = new HashSet<>();
        for (TransferService.Refusal r : batch.refusals()) {
            refused.addAll(r.transferIds());
            out.println("FAILED  " + r.transferIds().size() + " file(s) to s3://" + r.bucket() + " on "
                    + r.targetLabel() + ", nothing sent: [" + r.reason().code() + "] "
                    + r.reason().oneLine());
        }
        for (TransferSnapshot x : snapshots()) {
            if (refused.contains(x.id()) && x.state() == TransferState.FAILED) {
                continue; // reported once above
            }
            if (x.state() != TransferState.COMPLETED) {
                out.println("FAILED  " + TerminalText.escape(x.source().toString()) + ": "
                        + (x.errorMessage() == null ? x.state() : x.errorMessage()));
            } else if (x.notice() != null) {
                out.println("note    " + TerminalText.escape(x.fileName()) + ": " + x.notice());
            }
        }
        for (Map<String, Object> e : walkErrors) {
            out.println(e.get("state") + "  " + TerminalText.escape((String) e.get("path")) + ": " + e.get("error")
                    + " [" + e.get("errorCode") + "]");
        }
        long rejected = walkErrors.stream()
                .filter(e -> "REJECTED".equals(e.get("state")))
                .count();
        long failed = notCompleted + walkErrors.size();
        out.println((found - notCompleted) + " uploaded, " + (rejected > 0 ? rejected + " rejected, " : "")
                + (failed - rejected) + " failed.");
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
                found++;
                if (s.state() != TransferState.COMPLETED) {
                    notCompleted++;
                }
                return s;
            }
        };
    }
}
