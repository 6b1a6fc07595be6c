package io.obitox.watch;

import io.obitox.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code watch_file} table (V17): what a watch did with each file it took. The reconciling scan asks for 500
 * paths at a time, so nothing per file is held in memory beyond a chunk. Thread-safe; one statement or one
 * transaction per call.
 */
public final class WatchLedger {
    /** Paths per lookup (one statement each). */
    public static final int CHUNK = 500;

    private final Database db;

    public WatchLedger(Database db) {
        this.db = db;
    }

    /** How a file the watch took ended (or that it is still queued). */
    public enum Outcome {
        QUEUED,
        UPLOADED,
        SKIPPED,
        EXCLUDED,
        REJECTED,
        FAILED
    }

    /**
     * One file's row.
     *
     * @param relPath the path inside the watched folder, {@code /}-separated
     * @param mtime milliseconds since the epoch
     */
    public record Entry(
            String relPath, long size, long mtime, Outcome outcome, String transferId, String reason, Instant at) {
        /** Whether the file as now seen ({@code size}, {@code mtime}) is the one this row is about. */
        public boolean sameFile(long size, long mtime) {
            return this.size == size && this.mtime == mtime;
        }
    }

    /** The rows of these paths (at most {@link #CHUNK} per statement). */
    public Map<String, Entry> lookup(String watchId, Collection<String> relPaths) {
        Map<String, Entry> out = new HashMap<>();
        List<String> all = new ArrayList<>(relPaths);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> part = all.subList(from, Math.min(all.size(), from + CHUNK));
            out.putAll(db.query(c -> {
                String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement("SELECT rel_path, size, mtime, outcome, transfer_id, "
                        + "reason, updated_at FROM watch_file WHERE watch_id = ? AND rel_path IN (" + marks + ")")) {
                    ps.setString(1, watchId);
                    for (int i = 0; i < part.size(); i++) {
                        ps.setString(i + 2, part.get(i));
                    }
                    Map<String, Entry> m = new HashMap<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Entry e = map(rs);
                            m.put(e.relPath(), e);
                        }
                    }
                    return m;
                }
            }));
        }
        return out;
    }

    /** Writes (inserts or replaces) the rows in one transaction. */
    public void put(String watchId, Collection<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "MERGE INTO watch_file (watch_id, rel_path, size, mtime, "
                            + "outcome, transfer_id, reason, updated_at) KEY (watch_id, rel_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Entry e : entries) {
                    ps.setString(1, watchId);
                    ps.setString(2, e.relPath());
                    ps.setLong(3, e.size());
                    ps.setLong(4, e.mtime());
                    ps.setString(5, e.outcome().name());
                    ps.setString(6, e.transferId());
                    ps.setString(7, truncate(e.reason()));
                    ps.setTimestamp(8, Timestamp.from(e.at()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** The watch's files still queued (their transfers not yet ended), oldest first. */
    public List<Entry> queued(String watchId) {
        return byOutcome(watchId, List.of(Outcome.QUEUED), Integer.MAX_VALUE);
    }

    /** The newest {@code limit} rows with one of these outcomes, newest first (recent activity, reasons). */
    public List<Entry> recent(String watchId, List<Outcome> outcomes, int limit) {
        return byOutcome(watchId, outcomes, limit);
    }

    /** Forgets a file (it was moved away or deleted after upload). */
    public void remove(String watchId, String relPath) {
        db.update(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM watch_file WHERE watch_id = ? AND rel_path = ?")) {
                ps.setString(1, watchId);
                ps.setString(2, relPath);
                ps.executeUpdate();
            }
        });
    }

    private List<Entry> byOutcome(String watchId, List<Outcome> outcomes, int limit) {
        return db.query(c -> {
            String marks = String.join(",", java.util.Collections.nCopies(outcomes.size(), "?"));
            String order = limit == Integer.MAX_VALUE ? "updated_at, rel_path" : "updated_at DESC, rel_path";
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT rel_path, size, mtime, outcome, transfer_id, reason, "
                            + "updated_at FROM watch_file WHERE watch_id = ? AND outcome IN (" + marks + ") ORDER BY "
                            + order
                            + " LIMIT ?")) {
                ps.setString(1, watchId);
                for (int i = 0; i < outcomes.size(); i++) {
                    ps.setString(i + 2, outcomes.get(i).name());
                }
                ps.setInt(outcomes.size() + 2, limit);
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                }
                return out;
            }
        });
    }

    private static Entry map(ResultSet rs) throws java.sql.SQLException {
        return new Entry(
                rs.getString(1),
                rs.getLong(2),
                rs.getLong(3),
                Outcome.valueOf(rs.getString(4)),
                rs.getString(5),
                rs.getString(6),
                rs.getTimestamp(7).toInstant());
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }
}
