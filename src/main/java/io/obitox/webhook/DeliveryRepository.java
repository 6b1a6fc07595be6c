package io.obitox.webhook;

import io.obitox.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The outbox table {@code upload_webhooks} as the service sees it: new events, the delivery log, replays. The
 * dispatcher's side (claiming, results, hand-backs) is {@link DeliveryQueue}. Replays are compare-and-sets on the
 * stored status, following {@link DeliveryState}. Thread-safe.
 */
final class DeliveryRepository {
    private static final String COLUMNS = "d.id, d.endpoint_id, e.url, e.enabled, d.transfer_id, d.event_type, "
            + "d.status, d.attempts, d.last_attempt_at, d.next_attempt_at, d.created_at, d.delivered_at, "
            + "d.last_response_code, d.last_latency_ms, d.last_error";
    private static final String FROM = " FROM upload_webhooks d JOIN webhook_endpoint e ON e.id = d.endpoint_id";

    private final Database db;

    DeliveryRepository(Database db) {
        this.db = db;
    }

    /** A new event row; {@code id} is its webhook-id. */
    record NewDelivery(String id, String endpointId, String transferId, String eventType, String payload) {}

    /** Inserts PENDING rows due at {@code now} with the caller's connection (inside the outcome transaction). */
    static void insert(Connection c, List<NewDelivery> rows, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO upload_webhooks (id, endpoint_id, transfer_id, "
                + "event_type, payload, status, attempts, next_attempt_at, created_at) "
                + "VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)")) {
            for (NewDelivery r : rows) {
                ps.setString(1, r.id());
                ps.setString(2, r.endpointId());
                ps.setString(3, r.transferId());
                ps.setString(4, r.eventType());
                ps.setString(5, r.payload());
                ps.setTimestamp(6, Timestamp.from(now));
                ps.setTimestamp(7, Timestamp.from(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    void insert(List<NewDelivery> rows, Instant now) {
        db.inTransaction(c -> {
            insert(c, rows, now);
            return null;
        });
    }

    /** Sends one delivery again with the same webhook-id: a settled one with a fresh schedule, a waiting one now. */
    boolean replay(String id, Instant now) {
        return db.inTransaction(c -> replay(c, id, now));
    }

    private static boolean replay(Connection c, String id, Instant now) throws SQLException {
        return update(
                                c,
                                "UPDATE upload_webhooks SET status = 'PENDING', attempts = 0, next_attempt_at = ?, "
                                        + "delivered_at = NULL WHERE id = ? AND status IN ('DELIVERED', 'DEAD', "
                                        + "'DISABLED')",
                                now,
                                id)
                        + update(
                                c,
                                "UPDATE upload_webhooks SET next_attempt_at = ? WHERE id = ? AND status = 'PENDING'",
                                now,
                                id)
                > 0;
    }

    /**
     * Dead, disabled and still-retrying deliveries created since {@code since}, of enabled endpoints, are due now
     * (settled ones on a fresh schedule). Returns their ids.
     */
    List<String> replayFailedSince(Instant since, Instant now) {
        return db.inTransaction(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT d.id" + FROM + " WHERE e.enabled = TRUE "
                    + "AND d.created_at >= ? AND (d.status IN ('DEAD', 'DISABLED') "
                    + "OR d.status = 'PENDING' AND d.attempts > 0) ORDER BY d.created_at, d.id")) {
                ps.setTimestamp(1, Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            List<String> replayed = new ArrayList<>();
            for (String id : ids) {
                if (replay(c, id, now)) {
                    replayed.add(id);
                }
            }
            return replayed;
        });
    }

    private static int update(Connection c, String sql, Instant now, Object arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, arg instanceof Instant i ? Timestamp.from(i) : arg);
            return ps.executeUpdate();
        }
    }

    /** The newest {@code limit} deliveries, newest first. */
    List<Delivery> recent(int limit) {
        return list(" ORDER BY d.created_at DESC, d.id DESC LIMIT " + Math.max(1, limit), List.of());
    }

    Optional<Delivery> find(String id) {
        return list(" WHERE d.id = ?", List.of(id)).stream().findFirst();
    }

    /** Ids starting with {@code prefix} (for short ids typed on the command line), at most 2. */
    List<String> idsStartingWith(String prefix) {
        return db.query(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT id FROM upload_webhooks WHERE id LIKE ? ESCAPE '\\' LIMIT 2")) {
                ps.setString(1, prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                    return out;
                }
            }
        });
    }

    List<Delivery> forTransfers(Collection<String> transferIds) {
        if (transferIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(transferIds.size(), "?"));
        return list(" WHERE d.transfer_id IN (" + marks + ") ORDER BY d.created_at, d.id", List.copyOf(transferIds));
    }

    Optional<String> payload(String id) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM upload_webhooks WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    private List<Delivery> list(String tail, List<String> args) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM + tail)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setString(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<Delivery> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                    return out;
                }
            }
        });
    }

    private static Delivery map(ResultSet rs) throws SQLException {
        int code = rs.getInt("last_response_code");
        Integer responseCode = rs.wasNull() ? null : code;
        long latency = rs.getLong("last_latency_ms");
        Long latencyMillis = rs.wasNull() ? null : latency;
        return new Delivery(
                rs.getString("id"),
                rs.getString("endpoint_id"),
                rs.getString("url"),
                rs.getBoolean("enabled"),
                rs.getString("transfer_id"),
                rs.getString("event_type"),
                DeliveryState.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                instant(rs, "last_attempt_at"),
                instant(rs, "next_attempt_at"),
                instant(rs, "created_at"),
                instant(rs, "delivered_at"),
                responseCode,
                latencyMillis,
                rs.getString("last_error"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
