package io.obitox.cors;

import io.obitox.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The CORS change history in the app database (table {@code cors_change}). Thread-safe; one statement per call. */
public final class CorsHistoryRepository {
    private static final String COLUMNS =
            "id, profile, endpoint, bucket, changed_at, action, previous_config, new_config, restored_from";

    private final Database db;

    public CorsHistoryRepository(Database db) {
        this.db = db;
    }

    /** Records a change and returns it with its id. */
    public CorsChange record(
            String profile,
            String endpoint,
            String bucket,
            Instant at,
            CorsChange.Action action,
            CorsConfig previous,
            CorsConfig next,
            Long restoredFrom) {
        long id = db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO cors_change (profile, endpoint, bucket, changed_at, action, previous_config,"
                            + " new_config, restored_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, profile);
                ps.setString(2, endpoint);
                ps.setString(3, bucket);
                ps.setTimestamp(4, Timestamp.from(at));
                ps.setString(5, action.name());
                ps.setString(6, previous.toJson());
                ps.setString(7, next.toJson());
                if (restoredFrom == null) {
                    ps.setNull(8, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(8, restoredFrom);
                }
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        return new CorsChange(id, profile, endpoint, bucket, at, action, previous, next, restoredFrom);
    }

    /** The changes of one bucket, newest first. */
    public List<CorsChange> list(String endpoint, String bucket) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM cors_change WHERE endpoint = ? AND bucket = ? ORDER BY id DESC")) {
                ps.setString(1, endpoint);
                ps.setString(2, bucket);
                try (ResultSet rs = ps.executeQuery()) {
                    List<CorsChange> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                    return out;
                }
            }
        });
    }

    public Optional<CorsChange> find(long id) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM cors_change WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.<CorsChange>empty();
                }
            }
        });
    }

    private static CorsChange map(ResultSet rs) throws SQLException {
        long restored = rs.getLong("restored_from");
        Long restoredFrom = rs.wasNull() ? null : restored;
        return new CorsChange(
                rs.getLong("id"),
                rs.getString("profile"),
                rs.getString("endpoint"),
                rs.getString("bucket"),
                rs.getTimestamp("changed_at").toInstant(),
                CorsChange.Action.valueOf(rs.getString("action")),
                CorsConfig.fromJson(rs.getString("previous_config")),
                CorsConfig.fromJson(rs.getString("new_config")),
                restoredFrom);
    }
}
