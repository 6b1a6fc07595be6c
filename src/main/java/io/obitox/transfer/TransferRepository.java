package io.obitox.transfer;

import io.obitox.db.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Transfers and their uploaded parts in H2. State changes are compare-and-set on the stored state. Completion and
 * failure run the registered {@link OutcomeHook}s in the same transaction (the webhook outbox uses this), so a
 * crash right after completion loses no event. The frequent writes (state changes, parts, upload ids) go through
 * {@link GroupCommit}: many transfers' changes share one commit, and each call returns once its change is committed.
 * Thread-safe.
 */
public final class TransferRepository {
    private static final String COLUMNS = "id, batch_id, source_path, source_size, source_mtime, fingerprint, "
            + "target_ref, target_label, endpoint_key, bucket, object_key, content_type, state, upload_id, multipart, "
            + "part_size, part_count, bytes_done, etag, error_code, error_message, notice, verified_by, attempts, "
            + "active_millis, throughput_bps, owner, created_at, updated_at, started_at, upload_started_at, completed_at";

    private final Database db;
    private final GroupCommit group;
    private final List<OutcomeHook> hooks = new CopyOnWriteArrayList<>();

    /** The database the queue lives in (for {@link TransferPages}, which reads it a page at a time). */
    Database database() {
        return db;
    }

    public TransferRepository(Database db) {
        this.db = db;
        this.group = new GroupCommit(db);
    }

    /**
     * Runs inside the transaction that marks a transfer completed or failed (also when a transfer is inserted
     * already failed, e.g. its file cannot be read). Must only write to the database with
     * the given connection; must not block on anything else.
     */
    @FunctionalInterface
    public interface OutcomeHook {
        void onOutcome(Connection tx, Transfer transfer) throws SQLException;
    }

    public void addOutcomeHook(OutcomeHook hook) {
        hooks.add(hook);
    }

    public void insertAll(Collection<Transfer> transfers) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO transfer (" + COLUMNS + ") VALUES ("
                            + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Transfer t : transfers) {
                    bind(ps, t);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            // a file that could not be read is failed from the start: its outcome is known, so the hooks hear of it
            for (Transfer t : transfers) {
                if (t.state() == TransferState.FAILED) {
                    for (OutcomeHook h : hooks) {
                        h.onOutcome(c, t);
                    }
                }
            }
            return null;
        });
    }

    public Optional<Transfer> find(String id) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM transfer WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.<Transfer>empty();
                }
            }
        });
    }

    /** The newest {@code limit} transfers, newest first. */
    public List<Transfer> recent(int limit) {
        return list("SELECT " + COLUMNS + " FROM transfer ORDER BY created_at DESC, id LIMIT " + limit);
    }

    /** Transfers that are not finished, oldest first (the queue order). */
    public List<Transfer> unfinished() {
        return list("SELECT " + COLUMNS + " FROM transfer WHERE state IN ('QUEUED','RUNNING','PAUSED','FAILED') "
                + "ORDER BY created_at, id");
    }

    /**
     * The unfinished transfers to any of {@code keys} (object keys), read through the key index in chunks: what
     * queueing needs to find a transfer to resume, without reading every unfinished transfer.
     */
    public List<Transfer> unfinishedTo(java.util.Collection<String> keys) {
        List<String> all = new ArrayList<>(new java.util.LinkedHashSet<>(keys));
        List<Transfer> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            out.addAll(db.query(c -> {
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT " + COLUMNS + " FROM transfer WHERE object_key IN (" + marks
                                + ") AND state IN ('QUEUED','RUNNING','PAUSED','FAILED') ORDER BY created_at, id")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    List<Transfer> rows = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(map(rs));
                        }
                    }
                    return rows;
                }
            }));
        }
        return out;
    }

    private List<Transfer> list(String sql) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql);
                    ResultSet rs = ps.executeQuery()) {
                List<Transfer> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        });
    }

    /**
     * Moves {@code id} from one of {@code from} to {@code to} and records owner/error/notice as given; false when the
     * stored state was not one of {@code from} (someone else moved it first).
     */
    public boolean transition(String id, Collection<TransferState> from, TransferState to, Change change) {
        return move(id, from, to, change).isPresent();
    }

    /**
     * As {@link #transition}, returning the row as the same transaction committed it (so callers need not read it
     * again); empty when the stored state was not one of {@code from}.
     */
    public Optional<Transfer> move(String id, Collection<TransferState> from, TransferState to, Change change) {
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
            Transfer t = findIn(c, id);
            if (to == TransferState.COMPLETED || to == TransferState.FAILED) {
                for (OutcomeHook h : hooks) {
                    h.onOutcome(c, t);
                }
            }
            return Optional.of(t);
        });
    }

    /** Stores the multipart upload id once CreateMultipartUpload returned it. */
    public void setUpload(String id, String uploadId, Instant now) {
        group.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE transfer SET upload_id = ?, upload_started_at = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, uploadId);
                ps.setTimestamp(2, uploadId == null ? null : Timestamp.from(now));
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setString(4, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Starts over: new identity and plan, no upload id, no parts (after the source changed or the upload vanished). */
    public void restart(String id, SourceFile.Identity identity, PartPlan plan, String notice, Instant now) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM transfer_part WHERE transfer_id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE transfer SET source_size = ?, source_mtime = ?, "
                    + "fingerprint = ?, multipart = ?, part_size = ?, part_count = ?, upload_id = NULL, "
                    + "upload_started_at = NULL, bytes_done = 0, notice = ?, updated_at = ? WHERE id = ?")) {
                ps.setLong(1, identity.size());
                ps.setLong(2, identity.mtime());
                ps.setString(3, identity.fingerprint());
                ps.setBoolean(4, plan.multipart());
                ps.setLong(5, plan.partSize());
                ps.setInt(6, plan.partCount());
                ps.setString(7, notice);
                ps.setTimestamp(8, Timestamp.from(now));
                ps.setString(9, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Records an uploaded part (only ever with its ETag) and the new byte count, in one transaction. */
    public void recordPart(String id, PartRecord part, Instant now) {
        group.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO transfer_part (transfer_id, part_number, "
                    + "part_size, etag, md5_base64, state, completed_at) KEY (transfer_id, part_number) "
                    + "VALUES (?, ?, ?, ?, ?, 'DONE', ?)")) {
                ps.setString(1, id);
                ps.setInt(2, part.number());
                ps.setLong(3, part.size());
                ps.setString(4, part.etag());
                ps.setString(5, part.md5Base64());
                ps.setTimestamp(6, Timestamp.from(now));
                ps.executeUpdate();
            }
            updateBytesDone(c, id, now);
            return null;
        });
    }

    public void deletePart(String id, int number, Instant now) {
        group.write(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM transfer_part WHERE transfer_id = ? AND part_number = ?")) {
                ps.setString(1, id);
                ps.setInt(2, number);
                ps.executeUpdate();
            }
            updateBytesDone(c, id, now);
            return null;
        });
    }

    private static void updateBytesDone(Connection c, String id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE transfer SET bytes_done = (SELECT COALESCE(SUM("
                + "part_size), 0) FROM transfer_part WHERE transfer_id = ?), updated_at = ? WHERE id = ?")) {
            ps.setString(1, id);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, id);
            ps.executeUpdate();
        }
    }

    public List<PartRecord> parts(String id) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT part_number, part_size, etag, md5_base64 FROM "
                    + "transfer_part WHERE transfer_id = ? ORDER BY part_number")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    List<PartRecord> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new PartRecord(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
                    }
                    return out;
                }
            }
        });
    }

    /** Completed-transfer throughputs for an endpoint, newest first (the presigned-link expiry estimate). */
    public List<Double> throughputs(String endpointKey, long minBytes, int limit) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT throughput_bps FROM transfer WHERE endpoint_key = ? "
                    + "AND state = 'COMPLETED' AND throughput_bps IS NOT NULL AND source_size >= ? "
                    + "ORDER BY completed_at DESC LIMIT ?")) {
                ps.setString(1, endpointKey);
                ps.setLong(2, minBytes);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Double> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getDouble(1));
                    }
                    return out;
                }
            }
        });
    }

    /** Removes finished transfers (completed or cancelled) from the history; returns how many. */
    /**
     * Deletes completed and cancelled transfers created before {@code before}, with their parts (the webhook
     * delivery log keeps its own rows). Uses the (state, created_at) index, so it costs little when there is nothing
     * to delete.
     */
    public int compactFinished(Instant before) {
        return db.inTransaction(c -> {
            String old = "SELECT id FROM transfer WHERE state IN ('COMPLETED', 'CANCELLED') AND created_at < ?";
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM transfer_part WHERE transfer_id IN (" + old + ")")) {
                ps.setTimestamp(1, Timestamp.from(before));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM transfer WHERE state IN ('COMPLETED', 'CANCELLED') AND created_at < ?")) {
                ps.setTimestamp(1, Timestamp.from(before));
                return ps.executeUpdate();
            }
        });
    }

    public int clearFinished() {
        return db.query(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM transfer WHERE state IN ('COMPLETED', 'CANCELLED')")) {
                return ps.executeUpdate();
            }
        });
    }

    private static Transfer findIn(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM transfer WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return map(rs);
            }
        }
    }

    private static void bind(PreparedStatement ps, Transfer t) throws SQLException {
        ps.setString(1, t.id());
        ps.setString(2, t.batchId());
        ps.setString(3, t.source().toString());
        ps.setLong(4, t.size());
        ps.setLong(5, t.mtime());
        ps.setString(6, t.fingerprint());
        ps.setString(7, t.targetRef());
        ps.setString(8, t.targetLabel());
        ps.setString(9, t.endpointKey());
        ps.setString(10, t.bucket());
        ps.setString(11, t.key());
        ps.setString(12, t.contentType());
        ps.setString(13, t.state().name());
        ps.setString(14, t.uploadId());
        ps.setBoolean(15, t.multipart());
        ps.setLong(16, t.partSize());
        ps.setInt(17, t.partCount());
        ps.setLong(18, t.bytesDone());
        ps.setString(19, t.etag());
        ps.setString(20, t.errorCode());
        ps.setString(21, t.errorMessage());
        ps.setString(22, t.notice());
        ps.setString(23, t.verifiedBy());
        ps.setInt(24, t.attempts());
        ps.setLong(25, t.activeMillis());
        ps.setObject(26, t.throughputBps(), Types.DOUBLE);
        ps.setString(27, t.owner());
        ps.setTimestamp(28, ts(t.createdAt()));
        ps.setTimestamp(29, ts(t.updatedAt()));
        ps.setTimestamp(30, ts(t.startedAt()));
        ps.setTimestamp(31, ts(t.uploadStartedAt()));
        ps.setTimestamp(32, ts(t.completedAt()));
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Transfer map(ResultSet rs) throws SQLException {
        double tp = rs.getDouble("throughput_bps");
        Double throughput = rs.wasNull() ? null : tp;
        return new Transfer(
                rs.getString("id"),
                rs.getString("batch_id"),
                Path.of(rs.getString("source_path")),
                rs.getLong("source_size"),
                rs.getLong("source_mtime"),
                rs.getString("fingerprint"),
                rs.getString("target_ref"),
                rs.getString("target_label"),
                rs.getString("endpoint_key"),
                rs.getString("bucket"),
                rs.getString("object_key"),
                rs.getString("content_type"),
                TransferState.valueOf(rs.getString("state")),
                rs.getString("upload_id"),
                rs.getBoolean("multipart"),
                rs.getLong("part_size"),
                rs.getInt("part_count"),
                rs.getLong("bytes_done"),
                rs.getString("etag"),
                rs.getString("error_code"),
                rs.getString("error_message"),
                rs.getString("notice"),
                rs.getString("verified_by"),
                rs.getInt("attempts"),
                rs.getLong("active_millis"),
                throughput,
                rs.getString("owner"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "started_at"),
                instant(rs, "upload_started_at"),
                instant(rs, "completed_at"));
    }

    /** Extra columns set together with a state change. */
    public static final class Change {
        private final Instant now;
        private final List<String> columns = new ArrayList<>();
        private final List<Object> values = new ArrayList<>();

        public Change(Instant now) {
            this.now = now;
        }

        /** Columns are named here only: callers say what changes, not where it is stored. */
        private Change set(String column, Object value) {
            columns.add(column);
            values.add(value instanceof Instant i ? Timestamp.from(i) : value);
            return this;
        }

        public Change owner(String owner) {
            return set("owner", owner);
        }

        public Change startedAt(Instant at) {
            return set("started_at", at);
        }

        public Change completedAt(Instant at) {
            return set("completed_at", at);
        }

        /** Forgets the multipart upload (aborted or gone): the next run starts a new one. */
        public Change clearUpload() {
            return set("upload_id", null);
        }

        /** What a verified upload produced: ETag, bytes, time spent, throughput, notice and what proved it. */
        public Change outcome(
                String etag, long bytes, long activeMillis, Double throughputBps, String notice, String verifiedBy) {
            return set("etag", etag)
                    .set("bytes_done", bytes)
                    .set("active_millis", activeMillis)
                    .set("throughput_bps", throughputBps)
                    .set("notice", notice)
                    .set("verified_by", verifiedBy);
        }

        public Change notice(String notice) {
            return set("notice", notice);
        }

        public Change activeMillis(long millis) {
            return set("active_millis", millis);
        }

        public Change attempts(int attempts) {
            return set("attempts", attempts);
        }

        public Change error(String code, String message) {
            return set("error_code", code).set("error_message", message);
        }

        public Change clearError() {
            return set("error_code", null).set("error_message", null);
        }

        void appendTo(StringBuilder sql, List<Object> args) {
            for (int i = 0; i < columns.size(); i++) {
                sql.append(", ").append(columns.get(i)).append(" = ?");
                args.add(values.get(i));
            }
        }
    }
}
