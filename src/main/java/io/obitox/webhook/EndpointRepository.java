package io.obitox.webhook;

import io.obitox.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Webhook endpoints in H2; secrets only as the {@link SecretBox}'s ciphertext. Thread-safe. */
final class EndpointRepository {
    private static final String COLUMNS =
            "id, url, events, enabled, disabled_reason, previous_expires_at, created_at, updated_at";

    private final Database db;

    EndpointRepository(Database db) {
        this.db = db;
    }

    /** The sealed secrets of an endpoint. */
    record SealedSecrets(String current, String previous, Instant previousExpiresAt) {}

    void insert(WebhookEndpoint e, String sealedSecret) {
        db.update(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_endpoint (id, url, events, enabled, "
                    + "disabled_reason, secret_enc, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, e.id());
                ps.setString(2, e.url());
                ps.setString(3, WebhookEventType.format(e.events()));
                ps.setBoolean(4, e.enabled());
                ps.setString(5, e.disabledReason());
                ps.setString(6, sealedSecret);
                ps.setTimestamp(7, Timestamp.from(e.createdAt()));
                ps.setTimestamp(8, Timestamp.from(e.updatedAt()));
                ps.executeUpdate();
            }
        });
    }

    List<WebhookEndpoint> list() {
        return db.query(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM webhook_endpoint ORDER BY created_at, id")) {
                return readAll(ps);
            }
        });
    }

    Optional<WebhookEndpoint> find(String id) {
        return db.query(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE id = ?")) {
                ps.setString(1, id);
                return readAll(ps).stream().findFirst();
            }
        });
    }

    /** Enabled endpoints, read with the caller's connection (the outbox hook's transaction). */
    static List<WebhookEndpoint> enabled(Connection c) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE enabled = TRUE ORDER BY id")) {
            return readAll(ps);
        }
    }

    boolean update(String id, String url, String events, Instant now) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE webhook_endpoint SET url = ?, events = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, url);
                ps.setString(2, events);
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setString(4, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    boolean setEnabled(String id, boolean enabled, String reason, Instant now) {
        return db.query(c -> setEnabled(c, id, enabled, reason, now));
    }

    static boolean setEnabled(Connection c, String id, boolean enabled, String reason, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE webhook_endpoint SET enabled = ?, disabled_reason = ?, updated_at = ? WHERE id = ?")) {
            ps.setBoolean(1, enabled);
            ps.setString(2, enabled ? null : reason);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setString(4, id);
            return ps.executeUpdate() == 1;
        }
    }

    boolean delete(String id) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM webhook_endpoint WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    Optional<SealedSecrets> secrets(String id) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT secret_enc, previous_secret_enc, "
                    + "previous_expires_at FROM webhook_endpoint WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<SealedSecrets>empty();
                    }
                    Timestamp expires = rs.getTimestamp(3);
                    return Optional.of(new SealedSecrets(
                            rs.getString(1), rs.getString(2), expires == null ? null : expires.toInstant()));
                }
            }
        });
    }

    /** Replaces the secret; the old one keeps signing until {@code previousExpiresAt}. */
    boolean rotate(String id, String sealedNew, String sealedPrevious, Instant previousExpiresAt, Instant now) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_endpoint SET secret_enc = ?, "
                    + "previous_secret_enc = ?, previous_expires_at = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, sealedNew);
                ps.setString(2, sealedPrevious);
                ps.setTimestamp(3, previousExpiresAt == null ? null : Timestamp.from(previousExpiresAt));
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setString(5, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static List<WebhookEndpoint> readAll(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<WebhookEndpoint> out = new ArrayList<>();
            while (rs.next()) {
                Timestamp expires = rs.getTimestamp("previous_expires_at");
                out.add(new WebhookEndpoint(
                        rs.getString("id"),
                        rs.getString("url"),
                        WebhookEventType.parseList(rs.getString("events")),
                        rs.getBoolean("enabled"),
                        rs.getString("disabled_reason"),
                        expires == null ? null : expires.toInstant(),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant()));
            }
            return out;
        }
    }
}
