package io.obitox.transfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's live picture of the transfers it is running: the last committed row of each running transfer, the
 * running jobs' byte counts and a rate meter per running transfer. Memory is bounded by the running transfers (at
 * most {@code maxActiveFiles}), not by the queue or the history: every other transfer's row is read from the
 * database when asked for ({@link TransferEngine#snapshot}). The one exception is a failure the database could not
 * record (a full disk): that row is kept here, so the failure stays visible, until a later commit for the transfer
 * replaces it. The last {@value #RECENT_KEPT} rows seen queued or stopped stay too, only as a fallback for when the
 * database cannot be read (after a write failed for a full disk, H2 refuses every statement until it is opened
 * again), so what was just queued or run can still be shown and failed.
 *
 * <p>Thread-safe: rows are replaced whole in concurrent maps by the engine threads that committed them; snapshots
 * read whatever is there at that moment.
 */
final class LiveSnapshots {
    static final int RECENT_KEPT = 256;

    private final Map<String, Transfer> running = new ConcurrentHashMap<>();
    private final Map<String, Transfer> unrecorded = new ConcurrentHashMap<>();
    private final Map<String, RateMeter> meters = new ConcurrentHashMap<>();
    private final Map<String, UploadJob> active;
    /** Guarded by itself. Insertion order: the eldest is dropped past {@link #RECENT_KEPT}. */
    private final Map<String, Transfer> recent = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Transfer> eldest) {
            return size() > RECENT_KEPT;
        }
    };

    /** @param active the engine's running jobs by transfer id (read only here) */
    LiveSnapshots(Map<String, UploadJob> active) {
        this.active = active;
    }

    /** A transfer was claimed to run here: its row is kept until {@link #stopped}. */
    void started(Transfer t) {
        unrecorded.remove(t.id());
        running.put(t.id(), t);
    }

    /** The row as last committed: replaces the one kept for a running transfer; nothing is kept for any other. */
    void remember(Transfer t) {
        unrecorded.remove(t.id());
        running.computeIfPresent(t.id(), (id, old) -> t);
    }

    /** A failure the database could not record: kept in memory so it stays visible. */
    void unrecordedFailure(Transfer failed) {
        unrecorded.put(failed.id(), failed);
        running.computeIfPresent(failed.id(), (id, old) -> failed);
    }

    /** The row kept in memory: a running transfer's, or an unrecorded failure's. */
    Optional<Transfer> row(String id) {
        Transfer t = unrecorded.get(id);
        return Optional.ofNullable(t != null ? t : running.get(id));
    }

    /**
     * A transfer stopped running: its row is dropped (the database has it) and its speed no longer measured. Called
     * after its job left the running map; a new run of the same transfer already there keeps the row.
     */
    void stopped(String id) {
        meters.remove(id);
        if (!active.containsKey(id)) {
            Transfer last = running.remove(id);
            if (last != null) {
                seen(last);
            }
        }
    }

    /** A row seen queued or stopped: kept among the recent ones (see the class comment). */
    void seen(Transfer t) {
        synchronized (recent) {
            recent.remove(t.id()); // re-inserted as the newest
            recent.put(t.id(), t);
        }
    }

    /** The last row seen lately of a transfer, for when the database cannot be read. */
    Optional<Transfer> recentRow(String id) {
        synchronized (recent) {
            return Optional.ofNullable(recent.get(id));
        }
    }

    /** Rows kept in memory, as a count (for tests: it must not grow with the queue). */
    int size() {
        return running.size() + unrecorded.size();
    }

    /** Measures every running job's progress now; returns their snapshots (for PROGRESS events). */
    List<TransferSnapshot> tick(long nanos) {
        List<TransferSnapshot> out = new ArrayList<>();
        for (UploadJob job : active.values()) {
            String id = job.transfer().id();
            meters.computeIfAbsent(id, k -> new RateMeter()).record(nanos, job.bytesDone());
            Transfer t = running.get(id);
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
                t.completedAt(),
                t.direction());
    }
}
