package io.obitox.transfer;

import io.obitox.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one writer of transfers and their uploaded parts in H2. Every state change is a typed operation ({@link
 * #claim}, {@link #complete}, {@link #fail}, {@link #pause}, {@link #requeue}, {@link #cancel}, …): a compare-and-set
 * on the stored state that returns the row as the same transaction committed it, or empty when the stored state was
 * not the expected one (someone else moved it first). Completion and failure run the registered {@link
 * OutcomeHook}s in the same transaction (the webhook outbox uses this), so a crash right after completion loses no
 * event. Upload jobs report their parts through a {@link PartLedger} ({@link #ledger}) and never see this class.
 *
 * <p>Threading: thread-safe. The frequent writes (state changes, parts, upload ids) are handed to the {@link
 * GroupCommit} writer thread, which commits many transfers' changes together; each call blocks its caller until its
 * change is committed. Reads ({@link TransferQueries}) run on the caller's thread on a pooled connection.
 */
public final class TransferRepository {
    private static final EnumSet<TransferState> RUNNING = EnumSet.of(TransferState.RUNNING);
    /** The final states compaction and "clear finished" remove (failed ones stay: they can be retried). */
    private static final String FINISHED = "('COMPLETED', 'SKIPPED', 'CANCELLED')";

    private final Database db;
    private final GroupCommit group;
    private final TransferQueries queries;
    private final List<OutcomeHook> hooks = new CopyOnWriteArrayList<>();

    /** The database the queue lives in (for {@link TransferPages}, which reads it a page at a time). */
    Database database() {
        return db;
    }

    public TransferRepository(Database db) {
        this.db = db;
        this.group = new GroupCommit(db);
        this.queries = new TransferQueries(db);
    }

    /**
     * Runs inside the transaction that marks an upload completed or failed (also when a transfer is inserted
     * already failed, e.g. its file cannot be read). Downloads do not run the hooks: the upload index and the
     * {@code upload.*} webhook events are about writes to the bucket (issue 18). Must only write to the database with
     * the given connection; must not block on anything else.
     */
    @FunctionalInterface
    public interface OutcomeHook {
        void onOutcome(Connection tx, Transfer transfer) throws SQLException;

        /**
         * The outcomes of many rows written in one transaction (skipped files, files that could not be read), in
         * their order. One call each by default; a hook that must first ask the database whether it has anything to
         * do (the webhook outbox: is any endpoint subscribed?) asks once here instead of once per row.
         */
        default void onOutcomes(Connection tx, List<Transfer> transfers) throws SQLException {
            for (Transfer t : transfers) {
                onOutcome(tx, t);
            }
        }

        /**
         * Whether this hook would act on a file skipped as identical, were its row recorded (the webhook outbox does
         * when an endpoint subscribes to {@code upload.completed}). False by default: a hook that only cares about
         * sent files (the upload index) does not make {@code obitox sync} record a row per unchanged file.
         */
        default boolean wantsSkipped(Connection tx) throws SQLException {
            return false;
        }
    }

    public void addOutcomeHook(OutcomeHook hook) {
        hooks.add(hook);
    }

    public void insertAll(Collection<Transfer> transfers) {
        db.inTransaction(c -> {
            write(c, TransferRows.INSERT, transfers);
            return null;
        });
    }

    /**
     * Writes {@code transfers} with {@code sql} (one prepared statement, one JDBC batch) and lets the hooks hear of
     * those whose outcome is known: a file that could not be read is failed from the start, a skipped one final.
     */
    private void write(Connection c, String sql, Collection<Transfer> transfers) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Transfer t : transfers) {
                TransferRows.bind(ps, t);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        List<Transfer> settled = new ArrayList<>();
        for (Transfer t : transfers) {
            if (!t.download() && (t.state() == TransferState.FAILED || t.state() == TransferState.SKIPPED)) {
                settled.add(t);
            }
        }
        if (!settled.isEmpty()) {
            for (OutcomeHook h : hooks) {
                h.onOutcomes(c, settled);
            }
        }
    }

    /**
     * Whether any outcome hook acts on skipped files ({@link OutcomeHook#wantsSkipped}): asked once per sync, which
     * then records its files skipped as identical only when one does. One query; any thread.
     */
    public boolean skippedWanted() {
        return db.query(c -> {
            for (OutcomeHook h : hooks) {
                if (h.wantsSkipped(c)) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Skipped rows written per transaction (one JDBC batch each). */
    static final int SKIPPED_CHUNK = 1_000;

    /**
     * Records transfers that were never sent ({@link TransferState#SKIPPED}, final, with their {@code action}):
     * {@value #SKIPPED_CHUNK} rows per transaction in one JDBC batch, the outcome hooks (webhook outbox) hearing of
     * each chunk in its transaction. A row whose id is already stored <em>replaces</em> that row (a MERGE on the
     * primary key): {@link SkippedTransfers} gives a skipped file the same id every time the same source is skipped
     * for the same object, so a repeated upload of unchanged files rewrites their rows instead of adding new ones.
     * Nothing is read back and nothing reaches the engine. Throws IllegalArgumentException for a transfer in another
     * state.
     */
    public void recordSkipped(List<Transfer> skipped) {
        for (Transfer t : skipped) {
            if (t.state() != TransferState.SKIPPED) {
                throw new IllegalArgumentException("not a skipped transfer: " + t.state());
            }
        }
        for (int from = 0; from < skipped.size(); from += SKIPPED_CHUNK) {
            List<Transfer> chunk = skipped.subList(from, Math.min(skipped.size(), from + SKIPPED_CHUNK));
            db.inTransaction(c -> {
                write(c, TransferRows.MERGE, chunk);
                return null;
            });
        }
    }

    // Reads (see TransferQueries).

    public Optional<Transfer> find(String id) {
        return queries.find(id);
    }

    /** The newest {@code limit} transfers, newest first. */
    public List<Transfer> recent(int limit) {
        return queries.recent(limit);
    }

    /** The ids of the transfers in {@code states}, oldest first. */
    List<String> ids(java.util.Set<TransferState> states) {
        return queries.ids(states);
    }

    /** Transfers that are not finished, oldest first (the queue order). */
    public List<Transfer> unfinished() {
        return queries.unfinished();
    }

    /** The transfers in {@code states}, oldest first: recovery reads only the states it may claim. */
    List<Transfer> unfinished(java.util.Set<TransferState> states) {
        return queries.inStates(states);
    }

    /**
     * The unfinished transfers to any of {@code keys} (object keys), read through the key index in chunks: what
     * queueing needs to find a transfer to resume, without reading every unfinished transfer.
     */
    public List<Transfer> unfinishedTo(Collection<String> keys) {
        return queries.unfinishedTo(keys);
    }

    public List<PartRecord> parts(String id) {
        return queries.parts(id);
    }

    /** Completed-transfer throughputs for an endpoint, newest first (the presigned-link expiry estimate). */
    public List<Double> throughputs(String endpointKey, long minBytes, int limit) {
        return queries.throughputs(endpointKey, minBytes, limit);
    }

    // State changes: each returns the committed row, empty when the stored state was not one of those expected.

    /** QUEUED → RUNNING for {@code owner}: a run starts (the error of the last run is cleared). */
    Optional<Transfer> claim(String id, String owner, Instant now) {
        return move(
                id,
                EnumSet.of(TransferState.QUEUED),
                TransferState.RUNNING,
                new TransferChange(now).owner(owner).startedAt(now).clearError());
    }

    /**
     * RUNNING → COMPLETED with what the verified upload produced ({@code outcome}'s error is not stored); the
     * outcome hooks run in the same transaction.
     */
    public Optional<Transfer> complete(
            String id, Transfer.Outcome outcome, long bytes, long activeMillis, int attempts, Instant now) {
        return move(
                id,
                RUNNING,
                TransferState.COMPLETED,
                new TransferChange(now)
                        .completedAt(now)
                        .outcome(outcome, bytes)
                        .activeMillis(activeMillis)
                        .attempts(attempts));
    }

    /** RUNNING or QUEUED → FAILED with this error; the outcome hooks run in the same transaction. */
    Optional<Transfer> fail(String id, String code, String message, Instant now) {
        return move(
                id,
                EnumSet.of(TransferState.RUNNING, TransferState.QUEUED),
                TransferState.FAILED,
                new TransferChange(now).error(code, message));
    }

    /**
     * RUNNING → SKIPPED with action {@code skipped-existing}: the write was refused with a 412 under {@code
     * --if-exists skip} (the key was created after the listing). The outcome hooks run in the same transaction.
     */
    Optional<Transfer> skipExisting(String id, String notice, Instant now) {
        return move(
                id,
                RUNNING,
                TransferState.SKIPPED,
                new TransferChange(now)
                        .completedAt(now)
                        .action(SKIPPED_EXISTING)
                        .notice(notice)
                        .clearUpload());
    }

    /** The {@code action} of a transfer skipped because its key exists (as the CLI's JSON says it). */
    static final String SKIPPED_EXISTING = "skipped-existing";

    /** {@code from} → FAILED for {@code owner} with the upload id forgotten: its multipart upload was aborted. */
    Optional<Transfer> expire(String id, TransferState from, String owner, String code, String message, Instant now) {
        return move(
                id,
                EnumSet.of(from),
                TransferState.FAILED,
                new TransferChange(now).owner(owner).clearUpload().error(code, message));
    }

    /** QUEUED (or an orphaned RUNNING, see {@code TransferControl}) → PAUSED: taken off the queue before it ran. */
    Optional<Transfer> pause(String id, Collection<TransferState> from, Instant now) {
        return move(id, from, TransferState.PAUSED, new TransferChange(now));
    }

    /** RUNNING → PAUSED: a run was paused after {@code activeMillis} of work in all. */
    Optional<Transfer> pauseRun(String id, long activeMillis, Instant now) {
        return move(id, RUNNING, TransferState.PAUSED, new TransferChange(now).activeMillis(activeMillis));
    }

    /** One of {@code from} → QUEUED for {@code owner}, the last error cleared (resume and retry). */
    Optional<Transfer> requeue(String id, Collection<TransferState> from, String owner, Instant now) {
        return move(
                id,
                from,
                TransferState.QUEUED,
                new TransferChange(now).owner(owner).clearError());
    }

    /**
     * RUNNING → QUEUED: the run ends without an outcome and the next start resumes it (shutdown, after {@code
     * activeMillis} of work in all; or a restart after the source changed, with {@code activeMillis} null: kept).
     */
    Optional<Transfer> requeueRun(String id, Long activeMillis, Instant now) {
        TransferChange change = new TransferChange(now);
        if (activeMillis != null) {
            change.activeMillis(activeMillis);
        }
        return move(id, RUNNING, TransferState.QUEUED, change);
    }

    /**
     * {@code from} → {@code to} (QUEUED or PAUSED) for {@code owner} with this notice and no error: a transfer of a
     * process that is gone (or a stopped one) taken over at start.
     */
    Optional<Transfer> reclaim(
            String id, TransferState from, TransferState to, String owner, String notice, Instant now) {
        return move(
                id,
                EnumSet.of(from),
                to,
                new TransferChange(now).owner(owner).clearError().notice(notice));
    }

    /** One of {@code from} → CANCELLED; a run that was cancelled also records {@code activeMillis} (else null). */
    Optional<Transfer> cancel(String id, Collection<TransferState> from, Long activeMillis, Instant now) {
        TransferChange change = new TransferChange(now).completedAt(now);
        if (activeMillis != null) {
            change.activeMillis(activeMillis);
        }
        return move(id, from, TransferState.CANCELLED, change);
    }

    private Optional<Transfer> move(
            String id, Collection<TransferState> from, TransferState to, TransferChange change) {
        return group.write(c -> {
            StringBuilder sql = new StringBuilder("UPDATE transfer SET state = ?, updated_at = ?");
            List<Object> args = new ArrayList<>(List.of(to.name(), Timestamp.from(change.now)));
            change.appendTo(sql, args);
            sql.append(" WHERE id = ? AND state IN (");
            args.add(id);
            int i = 0;
            for (TransferState s : from) {
                sql.append(i++ == 0 ? "?" : ", ?");
                args.add(s.name());
            }
            sql.append(")");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int k = 0; k < args.size(); k++) {
                    ps.setObject(k + 1, args.get(k));
                }
                if (ps.executeUpdate() == 0) {
                    return Optional.<Transfer>empty();
                }
            }
            Transfer t = TransferQueries.findIn(c, id);
            if (!t.download()
                    && (to == TransferState.COMPLETED || to == TransferState.FAILED || to == TransferState.SKIPPED)) {
                for (OutcomeHook h : hooks) {
                    h.onOutcome(c, t);
                }
            }
            return Optional.of(t);
        });
    }

    /** The part ledger of transfer {@code id}, for its upload job. */
    PartLedger ledger(String id, Clock clock) {
        return new StoredPartLedger(db, group, queries, id, clock);
    }

    /** Forgets the multipart upload id (the upload was aborted): the next run starts a new one. */
    void clearUpload(String id, Instant now) {
        StoredPartLedger.setUpload(group, id, null, now);
    }

    /**
     * Deletes completed, skipped and cancelled transfers created before {@code before}, with their parts (the webhook
     * delivery log keeps its own rows). It runs at every start of the queue (each command that transfers), so it must
     * cost nothing when there is nothing to delete: one range of the (state, created_at) index per state. With {@code
     * state IN (…)} H2 seeks each state but then reads every row of it and filters on created_at: 10,003 rows read
     * for none deleted (EXPLAIN ANALYZE), a scan that grows with the history (HistoryCompactionTest).
     */
    public int compactFinished(Instant before) {
        return db.inTransaction(c -> {
            int deleted = 0;
            for (String sql : TransferQueries.COMPACTION) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setTimestamp(1, Timestamp.from(before));
                    int n = ps.executeUpdate();
                    deleted += sql.startsWith("DELETE FROM transfer ") ? n : 0;
                }
            }
            return deleted;
        });
    }

    /** Removes finished transfers (completed, skipped or cancelled) from the history; returns how many. */
    public int clearFinished() {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM transfer WHERE state IN " + FINISHED)) {
                return ps.executeUpdate();
            }
        });
    }
}
