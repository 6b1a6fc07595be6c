package io.obitox.transfer;

import io.obitox.db.Database;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The transfer list a page at a time, straight from the database, for a queue of any length (a million rows): one
 * page of rows in queue order (oldest first, as the engine sends them), optionally only some states, and the totals
 * of the whole queue by one SQL aggregate. Nothing here loads more than one page of rows.
 *
 * <p>Rows come back as committed; {@link TransferService#page} lays the engine's live progress over the few that are
 * running. Thread-safe (each call uses its own connection); every call is a database query, so never call it on the
 * FX thread.
 */
public final class TransferPages {
    private static final String COLUMNS = "id, batch_id, source_path, target_label, bucket, object_key, source_size,"
            + " bytes_done, state, etag, error_code, error_message, notice, verified_by, multipart, part_count,"
            + " created_at, completed_at";

    private final Database db;

    public TransferPages(Database db) {
        this.db = db;
    }

    /**
     * One page of the list.
     *
     * @param rows the page's transfers in queue order, as committed (no live speed)
     * @param offset where the page starts among the matching transfers
     * @param matching how many transfers match the states asked for (all pages together)
     */
    public record Page(List<TransferSnapshot> rows, long offset, long matching) {}

    /**
     * Counts and bytes of the whole queue.
     *
     * @param byState how many transfers are in each state (every state present, zero when none)
     * @param bytes the size of every transfer but the cancelled ones
     * @param bytesDone what of that is stored (a completed transfer counts whole), as committed
     */
    public record Totals(Map<TransferState, Long> byState, long bytes, long bytesDone) {
        public long count(TransferState s) {
            return byState.getOrDefault(s, 0L);
        }

        public long all() {
            return byState.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Transfers {@code offset} to {@code offset + limit} (exclusive) of those in {@code states} (all when empty or
     * null), oldest first. Indexed: {@code (created_at, id)} for the whole list, {@code (state, created_at, id)} for
     * one state; an offset deep into a long list walks the index up to it, not the rows.
     */
    public Page page(Set<TransferState> states, long offset, int limit) {
        List<TransferState> only =
                states == null || states.size() == TransferState.values().length ? List.of() : List.copyOf(states);
        String where = only.isEmpty()
                ? ""
                : " WHERE state IN (" + only.stream().map(s -> "?").collect(Collectors.joining(", ")) + ")";
        return db.query(c -> {
            long matching;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM transfer" + where)) {
                bindStates(ps, only);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    matching = rs.getLong(1);
                }
            }
            long start = Math.max(0, Math.min(offset, Math.max(0, matching - 1) / Math.max(1, limit) * limit));
            List<TransferSnapshot> rows = new ArrayList<>(Math.max(0, limit));
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM transfer" + where + " ORDER BY created_at, id LIMIT ? OFFSET ?")) {
                int i = bindStates(ps, only);
                ps.setInt(i + 1, limit);
                ps.setLong(i + 2, start);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(map(rs));
                    }
                }
            }
            return new Page(rows, start, matching);
        });
    }

    /**
     * The totals of the whole queue in one aggregate query. The transfers in {@code runningIds} are left out of
     * {@code bytesDone}: the caller adds their live byte counts instead (the committed ones lag behind).
     */
    public Totals totals(Collection<String> runningIds) {
        List<String> running = List.copyOf(runningIds);
        String isRunning = running.isEmpty()
                ? "FALSE"
                : "id IN (" + running.stream().map(s -> "?").collect(Collectors.joining(", ")) + ")";
        return db.query(c -> {
            Map<TransferState, Long> byState = new EnumMap<>(TransferState.class);
            for (TransferState s : TransferState.values()) {
                byState.put(s, 0L);
            }
            long bytes = 0;
            long done = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*), SUM(source_size),"
                    + " SUM(CASE WHEN " + isRunning + " THEN 0 WHEN state = 'COMPLETED' THEN source_size"
                    + " ELSE LEAST(bytes_done, source_size) END)"
                    + " FROM transfer GROUP BY state")) {
                for (int i = 0; i < running.size(); i++) {
                    ps.setString(i + 1, running.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        TransferState s = TransferState.valueOf(rs.getString(1));
                        byState.put(s, rs.getLong(2));
                        if (s != TransferState.CANCELLED) {
                            bytes += rs.getLong(3);
                            done += rs.getLong(4);
                        }
                    }
                }
            }
            return new Totals(byState, bytes, done);
        });
    }

    private static int bindStates(PreparedStatement ps, List<TransferState> states) throws SQLException {
        for (int i = 0; i < states.size(); i++) {
            ps.setString(i + 1, states.get(i).name());
        }
        return states.size();
    }

    private static TransferSnapshot map(ResultSet rs) throws SQLException {
        Path source = Path.of(rs.getString("source_path"));
        Path name = source.getFileName();
        TransferState state = TransferState.valueOf(rs.getString("state"));
        long size = rs.getLong("source_size");
        long done = state == TransferState.COMPLETED ? size : Math.min(size, rs.getLong("bytes_done"));
        return new TransferSnapshot(
                rs.getString("id"),
                rs.getString("batch_id"),
                source,
                name == null ? source.toString() : name.toString(),
                rs.getString("target_label"),
                rs.getString("bucket"),
                rs.getString("object_key"),
                size,
                done,
                state,
                0,
                -1,
                rs.getString("etag"),
                rs.getString("error_code"),
                rs.getString("error_message"),
                rs.getString("notice"),
                rs.getString("verified_by"),
                rs.getBoolean("multipart"),
                rs.getInt("part_count"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("completed_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
