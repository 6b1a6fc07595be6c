package io.obitox.transfer;

import io.obitox.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The reads of transfers and their parts (no writes). Each read is its own short query on a pooled connection, so
 * it may run on any thread, at the same time as the group-commit writer; it sees committed rows only.
 */
final class TransferQueries {
    private static final String SELECT = "SELECT " + TransferRows.COLUMNS + " FROM transfer ";
    private static final String UNFINISHED = "state IN ('QUEUED','RUNNING','PAUSED','FAILED')";

    private final Database db;

    TransferQueries(Database db) {
        this.db = db;
    }

    Optional<Transfer> find(String id) {
        return db.query(c -> Optional.ofNullable(findIn(c, id)));
    }

    /** The row {@code id} as the connection {@code c} sees it (inside a write: as that transaction left it). */
    static Transfer findIn(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? TransferRows.map(rs) : null;
            }
        }
    }

    List<Transfer> recent(int limit) {
        return list(SELECT + "ORDER BY created_at DESC, id LIMIT " + limit);
    }

    /** The rows of {@code ids} that exist, read by primary key 500 at a time, in no particular order. */
    List<Transfer> findAll(Collection<String> ids) {
        List<String> all = new ArrayList<>(new LinkedHashSet<>(ids));
        List<Transfer> out = new ArrayList<>(all.size());
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            out.addAll(db.query(c -> {
                try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE id IN (" + marks + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    return rows(ps);
                }
            }));
        }
        return out;
    }

    /**
     * Counts and bytes of the transfers {@code ids} but those in {@code skip}, by one aggregate query per 500 ids:
     * {files, completed, failed or cancelled, size, done} (done counts a completed transfer whole).
     */
    long[] tally(List<String> ids, Set<String> skip) {
        long[] out = new long[5];
        List<String> marks0 = new ArrayList<>(skip);
        String not = marks0.isEmpty()
                ? ""
                : " AND id NOT IN (" + String.join(", ", Collections.nCopies(marks0.size(), "?")) + ")";
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            db.query(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*), SUM(source_size), "
                        + "SUM(CASE WHEN state = 'COMPLETED' THEN source_size ELSE LEAST(source_size, bytes_done) END)"
                        + " FROM transfer WHERE id IN (" + marks + ")" + not + " GROUP BY state")) {
                    int i = 1;
                    for (String id : chunk) {
                        ps.setString(i++, id);
                    }
                    for (String id : marks0) {
                        ps.setString(i++, id);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            TransferState state = TransferState.valueOf(rs.getString(1));
                            long n = rs.getLong(2);
                            out[0] += n;
                            out[1] += state == TransferState.COMPLETED ? n : 0;
                            out[2] += state == TransferState.FAILED || state == TransferState.CANCELLED ? n : 0;
                            out[3] += rs.getLong(3);
                            out[4] += rs.getLong(4);
                        }
                    }
                    return null;
                }
            });
        }
        return out;
    }

    /** At most {@code limit} transfers whose id starts with {@code prefix} (the primary key's range). */
    List<Transfer> byIdPrefix(String prefix, int limit) {
        String like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return db.query(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement(SELECT + "WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT " + limit)) {
                ps.setString(1, like);
                return rows(ps);
            }
        });
    }

    /** The ids of the transfers in {@code states}, oldest first (ids only: cheap even for a very long queue). */
    List<String> ids(Set<TransferState> states) {
        if (states.isEmpty()) {
            return List.of();
        }
        String in = stateList(states);
        return db.query(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT id FROM transfer WHERE state IN (" + in + ") ORDER BY created_at, id")) {
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    List<Transfer> unfinished() {
        return list(SELECT + "WHERE " + UNFINISHED + " ORDER BY created_at, id");
    }

    /**
     * The transfers in {@code states}, oldest first, read through the state index: a window's start claims only
     * interrupted (queued or running) transfers, and read every failed one ever kept as well to skip it.
     */
    List<Transfer> inStates(Set<TransferState> states) {
        if (states.isEmpty()) {
            return List.of();
        }
        return list(SELECT + "WHERE state IN (" + stateList(states) + ") ORDER BY created_at, id");
    }

    /** {@code 'QUEUED','RUNNING'}: the states as SQL literals (enum names, never user text). */
    private static String stateList(Set<TransferState> states) {
        return String.join(",", states.stream().map(s -> "'" + s.name() + "'").toList());
    }

    /**
     * The unfinished transfers to any of {@code keys}, oldest first per key. When there are no more unfinished rows
     * than keys (the usual case: none), it reads those through the state index and keeps the ones to these keys;
     * otherwise it looks the keys up through the key index, 500 at a time. The key index alone reads every row ever
     * stored for a key, finished ones too: a folder downloaded (or uploaded) again read its whole history back,
     * row by row, to find nothing.
     */
    List<Transfer> unfinishedTo(Collection<String> keys) {
        List<String> all = new ArrayList<>(new LinkedHashSet<>(keys));
        if (all.isEmpty()) {
            return List.of();
        }
        long unfinished = db.query(c -> {
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM transfer WHERE " + UNFINISHED);
                    ResultSet rs = count.executeQuery()) {
                return rs.next() ? rs.getLong(1) : Long.MAX_VALUE;
            }
        });
        if (unfinished <= all.size()) {
            Set<String> wanted = new java.util.HashSet<>(all);
            return unfinished().stream().filter(t -> wanted.contains(t.key())).toList();
        }
        List<Transfer> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            out.addAll(db.query(c -> {
                try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE object_key IN (" + marks + ") AND "
                        + UNFINISHED + " ORDER BY created_at, id")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    return rows(ps);
                }
            }));
        }
        return out;
    }

    private List<Transfer> list(String sql) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                return rows(ps);
            }
        });
    }

    private static List<Transfer> rows(PreparedStatement ps) throws SQLException {
        List<Transfer> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(TransferRows.map(rs));
            }
        }
        return out;
    }

    List<PartRecord> parts(String id) {
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

    List<Double> throughputs(String endpointKey, long minBytes, int limit) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT throughput_bps FROM transfer WHERE endpoint_key = ? "
                    + "AND state = 'COMPLETED' AND direction = 'UPLOAD' AND throughput_bps IS NOT NULL AND source_size >= ? "
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

    /** The statements {@code TransferRepository.compactFinished} runs, in order; each takes the cut-off time. */
    static final List<String> COMPACTION = compaction();

    private static List<String> compaction() {
        List<String> sql = new ArrayList<>();
        for (String state : List.of("COMPLETED", "SKIPPED", "CANCELLED")) {
            String old = "SELECT id FROM transfer WHERE state = '" + state + "' AND created_at < ?";
            sql.add("DELETE FROM transfer_part WHERE transfer_id IN (" + old + ")");
            sql.add("DELETE FROM transfer WHERE state = '" + state + "' AND created_at < ?");
        }
        return List.copyOf(sql);
    }
}
