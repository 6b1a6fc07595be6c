package io.obitox.watch;

import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watch's files in the transfer queue (the only per-file state it keeps in memory): when their transfers end the
 * ledger and the counters say so, and with delete-after-upload the file is moved to {@code .uploaded/} or deleted,
 * only when its object was verified ({@code COMPLETED} with a {@code verifiedBy}) and the file is still the one
 * that was sent (same size and mtime). Files skipped as identical never get here. Confined to the watch's thread.
 */
final class QueuedFiles {
    private static final Logger log = LoggerFactory.getLogger(QueuedFiles.class);

    private final Watch watch;
    private final WatchLedger ledger;
    private final TransferService transfers;
    private final Clock clock;
    private final Map<String, WatchLedger.Entry> byTransfer = new HashMap<>();

    QueuedFiles(Watch watch, WatchLedger ledger, TransferService transfers, Clock clock) {
        this.watch = watch;
        this.ledger = ledger;
        this.transfers = transfers;
        this.clock = clock;
    }

    void addAll(Map<String, WatchLedger.Entry> queued) {
        byTransfer.putAll(queued);
    }

    int size() {
        return byTransfer.isEmpty() ? 0 : byTransfer.size();
    }

    /**
     * At start: the ledger's queued files of an earlier run. Their transfers were interrupted when that process
     * ended (a crash, kill -9): resumed here, where they stopped, so nothing is sent twice or lost.
     */
    void adopt() {
        for (WatchLedger.Entry e : ledger.queued(watch.id())) {
            if (e.transferId() == null) {
                continue;
            }
            byTransfer.put(e.transferId(), e);
            transfers.snapshot(e.transferId()).ifPresent(s -> {
                if (s.state() == TransferState.QUEUED || s.state() == TransferState.RUNNING) {
                    transfers.resume(s.id()); // only claims it when its owner is gone
                }
            });
        }
    }

    /** Reads the queued files' transfers (500 per query) and settles the ended ones; returns the counter deltas. */
    WatchHealth.Counters check() {
        if (byTransfer.isEmpty()) {
            return WatchHealth.Counters.ZERO;
        }
        long uploaded = 0;
        long skipped = 0;
        long failed = 0;
        List<WatchLedger.Entry> rows = new ArrayList<>();
        for (TransferSnapshot s : transfers.snapshots(new ArrayList<>(byTransfer.keySet()))) {
            WatchLedger.Entry e = byTransfer.get(s.id());
            if (e == null || !ended(s.state())) {
                continue;
            }
            byTransfer.remove(s.id());
            WatchLedger.Outcome outcome;
            String reason = null;
            if (s.state() == TransferState.COMPLETED) {
                uploaded++;
                outcome = WatchLedger.Outcome.UPLOADED;
                if (watch.afterUpload() != Watch.AfterUpload.KEEP && afterUpload(s, e)) {
                    continue; // the file is gone from the folder: so is its row
                }
            } else if (s.state() == TransferState.SKIPPED) {
                skipped++;
                outcome = WatchLedger.Outcome.SKIPPED;
            } else {
                failed++;
                outcome = WatchLedger.Outcome.FAILED;
                reason = s.errorMessage() != null ? s.errorMessage() : s.state().name();
            }
            rows.add(new WatchLedger.Entry(e.relPath(), e.size(), e.mtime(), outcome, s.id(), reason, clock.instant()));
        }
        ledger.put(watch.id(), rows);
        return new WatchHealth.Counters(0, uploaded, skipped, 0, failed);
    }

    private static boolean ended(TransferState s) {
        return s == TransferState.COMPLETED
                || s == TransferState.SKIPPED
                || s == TransferState.FAILED
                || s == TransferState.CANCELLED;
    }

    /** Moves or deletes a verified upload's file; true when it left the folder. Never throws. */
    private boolean afterUpload(TransferSnapshot s, WatchLedger.Entry e) {
        Path file = watch.folder().resolve(e.relPath());
        var now = Settler.stat(file);
        if (s.verifiedBy() == null || now == null || !now.isRegularFile()) {
            return false;
        }
        if (now.size() != e.size() || now.lastModifiedTime().toMillis() != e.mtime()) {
            return false; // changed since it was sent: the new content is not on the server
        }
        try {
            if (watch.afterUpload() == Watch.AfterUpload.DELETE) {
                Files.delete(file);
            } else {
                Path to = watch.folder().resolve(Watch.UPLOADED_FOLDER).resolve(e.relPath());
                Files.createDirectories(to.getParent());
                Files.move(file, to, StandardCopyOption.REPLACE_EXISTING);
            }
            ledger.remove(watch.id(), e.relPath());
            return true;
        } catch (IOException | SecurityException ex) {
            log.warn(
                    "Watch {}: could not {} {} after upload: {}",
                    watch.id(),
                    watch.afterUpload().cliName(),
                    file,
                    ex.toString());
            return false;
        }
    }
}
