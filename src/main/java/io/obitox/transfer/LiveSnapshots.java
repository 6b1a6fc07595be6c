package io.obitox.transfer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's picture of its transfers for the UI and the CLI: the last committed row of every transfer it knows
 * (the recent history plus everything queued since), the running jobs' live byte counts and a rate meter per running
 * transfer. Snapshots are built from memory, never from the database, so views may ask several times a second.
 *
 * <p>Thread-safe: rows are replaced whole in a concurrent map by the engine threads that committed them; snapshots
 * read whatever is there at that moment.
 */
final class LiveSnapshots {
    private final Map<String, Transfer> known = new ConcurrentHashMap<>();
    private final Map<String, RateMeter> meters = new ConcurrentHashMap<>();
    private final Map<String, UploadJob> active;

    /** @param active the engine's running jobs by transfer id (read only here) */
    LiveSnapshots(Map<String, UploadJob> active) {
        this.active = active;
    }

    /** The row as last committed. */
    void remember(Transfer t) {
        known.put(t.id(), t);
    }

    Optional<Transfer> row(String id) {
        return Optional.ofNullable(known.get(id));
    }

    Collection<Transfer> rows() {
        return known.values();
    }

    /** Forgets finished transfers after they were deleted from the history. */
    void forgetFinished() {
        known.values().removeIf(t -> t.state().isFinal());
    }

    /** A transfer stopped running: its speed is no longer measured. */
    void stopped(String id) {
        meters.remove(id);
    }

    Optional<TransferSnapshot> snapshot(String id) {
        return row(id).map(this::snapshot);
    }

    /** Every known transfer, oldest first. */
    List<TransferSnapshot> all() {
        List<TransferSnapshot> out = new ArrayList<>();
        for (Transfer t : known.values()) {
            out.add(snapshot(t));
        }
        out.sort(Comparator.comparing(TransferSnapshot::createdAt).thenComparing(TransferSnapshot::id));
        return out;
    }

    /** Measures every running job's progress now; returns their snapshots (for PROGRESS events). */
    List<TransferSnapshot> tick(long nanos) {
        List<TransferSnapshot> out = new ArrayList<>();
        for (UploadJob job : active.values()) {
            String id = job.transfer().id();
            meters.computeIfAbsent(id, k -> new RateMeter()).record(nanos, job.bytesDone());
            Transfer t = known.get(id);
            if (t != null) {
                out.add(snapshot(t));
            }
        }
        return out;
    }

    TransferSnapshot snapshot(Transfer t) {
        UploadJob job = active.get(t.id());
        long bytes = job != null
                ? job.bytesDone()
                : t.state() == TransferState.COMPLETED ? t.size() : Math.min(t.size(), t.bytesDone());
        RateMeter meter = meters.get(t.id());
        double speed = job != null && meter != null ? meter.rate() : 0;
        long eta = speed > 1 ? (long) Math.ceil((t.size() - bytes) / speed) : -1;
        return new TransferSnapshot(
                t.id(),
                t.batchId(),
                t.source(),
                t.fileName(),
                t.targetLabel(),
                t.bucket(),
                t.key(),
                t.size(),
                bytes,
                job != null ? TransferState.RUNNING : t.state(),
                speed,
                eta,
                t.etag(),
                t.errorCode(),
                t.errorMessage(),
                t.notice(),
                t.verifiedBy(),
                t.multipart(),
                t.partCount(),
                t.createdAt(),
                t.completedAt());
    }
}
