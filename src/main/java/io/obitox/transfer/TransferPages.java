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
            + " created_at, completed_at, direction";

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
     * null); an offset past the end gives the last page. The whole list is in queue order (oldest first); a filter
     * lists its states one after the other (running first, then queued, paused, failed, done, skipped, cancelled), each in
     * queue order, so that every query walks one index range in index order ({@code (created_at, id)} or
     * {@code (state, created_at, id)}) instead of sorting the matches.
     */
    public Page page(Set<TransferState> states, long offset, int limit) {
        return page(states, offset, limit, null);
    }

    /**
     * {@link #page(Set, long, int)} with the states' counts taken from {@code counts} (the last {@link #totals}) when
     * it is not null instead of counted again: a count walks every matching row of the index (under open transactions
     * H2 checks each row's visibility), which at 100,000 queued rows four times a second was most of what the
     * Transfers view's refresh allocated. Counts older than the rows can only misplace the page's end by the rows
     * added or removed since, which the next counted refresh puts right.
     */
    public Page page(Set<TransferState> states, long offset, int limit, Totals counts) {
        List<TransferState> only = states == null || states.isEmpty()
                ? List.of()
                : SEGMENT_ORDER.stream().filter(states::contains).toList();
        if (only.isEmpty() || only.size() == TransferState.values().length) {
            return db.query(c -> {
                long matching = counts != null ? counts.all() : count(c, null);
                long start = clamp(offset, limit, matching);
                return new Page(
                        fetch(
                                c,
                                "SELECT " + COLUMNS + " FROM transfer ORDER BY created_at, id LIMIT ? OFFSET ?",
                                null,
                                limit,
                                start),
                        start,
                        matching);
            });
        }
        return db.query(c -> {
            long[] counted = new long[only.size()];
            long matching = 0;
            for (int i = 0; i < only.size(); i++) {
                counted[i] = counts != null ? counts.count(only.get(i)) : count(c, only.get(i));
                matching += counted[i];
            }
            long start = clamp(offset, limit, matching);
            long skip = start;
            List<TransferSnapshot> rows = new ArrayList<>(Math.max(0, limit));
            for (int i = 0; i < only.size() && rows.size() < limit; i++) {
                if (skip >= counted[i]) {
                    skip -= counted[i];
                    continue;
                }
                rows.addAll(fetch(
                        c,
                        "SELECT " + COLUMNS + " FROM transfer WHERE state = ? ORDER BY state, created_at, id"
                                + " LIMIT ? OFFSET ?",
                        only.get(i),
                        limit - rows.size(),
                        skip));
                skip = 0;
            }
            return new Page(rows, start, matching);
        });
    }

    /** The order a filter of several states lists them in: what moves first. */
    private static final List<TransferState> SEGMENT_ORDER = List.of(
            TransferState.RUNNING,
            TransferState.QUEUED,
            TransferState.PAUSED,
            TransferState.FAILED,
            TransferState.COMPLETED,
            TransferState.SKIPPED,
            TransferState.CANCELLED);

    /** The start of the page holding {@code offset}, or of the last page when it is past the end. */
    private static long clamp(long offset, int limit, long matching) {
        int size = Math.max(1, limit);
        long last = Math.max(0, matching - 1) / size * size;
        return Math.max(0, Math.min(offset, last));
    }

    /** How many transfers are in {@code state} (all of them for null): an index range count, not a row scan. */
    private static long count(java.sql.Connection c, TransferState state) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT COUNT(*) FROM transfer" + (state == null ? "" : " WHERE state = ?"))) {
            if (state != null) {
                ps.setString(1, state.name());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<TransferSnapshot> fetch(
            java.sql.Connection c, String sql, TransferState state, int limit, long offset) throws SQLException {
        List<TransferSnapshot> rows = new ArrayList<>(Math.max(0, limit));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 0;
            if (state != null) {
                ps.setString(++i, state.name());
            }
            ps.setInt(++i, limit);
            ps.setLong(++i, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(map(rs));
                }
            }
        }
        return rows;
    }

    /**
     * The totals of the whole queue in one aggregate query. The transfers in {@code runningIds} are left out of
     * {@code bytesDone}: the caller adds their live byte counts instead (the committed ones lag behind).
     */
    public Totals totals(Collection<String> runningIds) {
        List<String> running = List.copyOf(runningIds);
        return db.query(c -> {
            Map<TransferState, Long> byState = new EnumMap<>(TransferState.class);
            for (TransferState s : TransferState.values()) {
                byState.put(s, 0L);
            }
            long bytes = 0;
            long done = 0;
            // only columns of transfer_totals_idx: H2 answers from the index without reading the rows
            try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*), SUM(source_size),"
                            + " SUM(CASE WHEN state = 'COMPLETED' THEN source_size"
                            + " ELSE LEAST(bytes_done, source_size) END) FROM transfer GROUP BY state");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TransferState s = TransferState.valueOf(rs.getString(1));
                    byState.put(s, rs.getLong(2));
                    // cancelled and skipped files are not to be sent: their bytes are in no total
                    if (s != TransferState.CANCELLED && s != TransferState.SKIPPED) {
                        bytes += rs.getLong(3);
                        done += rs.getLong(4);
                    }
                }
            }
            // the running few by primary key: their committed bytes come out, the caller adds the live ones
            if (!running.isEmpty()) {
                String marks = running.stream().map(x -> "?").collect(Collectors.joining(", "));
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT state, source_size, bytes_done FROM transfer" + " WHERE id IN (" + marks + ")")) {
                    for (int i = 0; i < running.size(); i++) {
                        ps.setString(i + 1, running.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            TransferState s = TransferState.valueOf(rs.getString(1));
                            long size = rs.getLong(2);
                            if (s != TransferState.CANCELLED && s != TransferState.SKIPPED) {
                                done -= s == TransferState.COMPLETED ? size : Math.min(size, rs.getLong(3));
                            }
                        }
                    }
                }
            }
            return new Totals(byState, bytes, done);
        });
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
                instant(rs.getTimestamp("completed_at")),
                TransferDirection.valueOf(rs.getString("direction")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
