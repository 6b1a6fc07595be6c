package io.obitox.webhook;

import io.obitox.db.Database;
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
import java.util.function.Predicate;

/**
 * The dispatcher's side of the outbox table: what is due, claiming rows (PENDING → IN_FLIGHT for this process),
 * recording results, and handing rows back (a dead owner's at start, this process's at shutdown). Every change is a
 * compare-and-set on the stored status (and, for IN_FLIGHT rows, the owner), following {@link DeliveryState}.
 * Thread-safe.
 */
final class DeliveryQueue {
    private static final String FROM = " FROM upload_webhooks d JOIN webhook_endpoint e ON e.id = d.endpoint_id";

    private final Database db;

    DeliveryQueue(Database db) {
        this.db = db;
    }

    /** What a claimed delivery needs to be sent, with its endpoint's sealed secrets. */
    record Outgoing(
            String id,
            String endpointId,
            String url,
            String payload,
            int attempts,
            EndpointRepository.SealedSecrets secrets) {}

    /** A due row: which endpoint it goes to (for the per-endpoint limit). */
    record Due(String id, String endpointId) {}

    /** Ids of switched-off endpoints (their PENDING rows wait). A handful at most: read on every round. */
    java.util.Set<String> disabledEndpoints() {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM webhook_endpoint WHERE enabled = FALSE");
                    ResultSet rs = ps.executeQuery()) {
                java.util.Set<String> out = new java.util.HashSet<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        });
    }

    // The two hot queries avoid the join with webhook_endpoint and order by the (status, next_attempt_at) index, so
    // H2 reads only the first rows of the index instead of sorting every waiting row on each round.

    /** PENDING rows due by {@code now} of endpoints not in {@code disabled}, oldest due first. */
    List<Due> due(Instant now, int limit, java.util.Set<String> disabled) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, endpoint_id FROM upload_webhooks WHERE status "
                    + "= 'PENDING' AND next_attempt_at <= ?" + notIn(disabled) + " ORDER BY status, next_attempt_at "
                    + "LIMIT ?")) {
                int i = 1;
                ps.setTimestamp(i++, Timestamp.from(now));
                for (String id : disabled) {
                    ps.setString(i++, id);
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Due> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Due(rs.getString(1), rs.getString(2)));
                    }
                    return out;
                }
            }
        });
    }

    /** When the next PENDING row of an endpoint not in {@code disabled} is due. */
    Optional<Instant> nextDue(java.util.Set<String> disabled) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT next_attempt_at FROM upload_webhooks WHERE status = "
                    + "'PENDING'" + notIn(disabled) + " ORDER BY status, next_attempt_at LIMIT 1")) {
                int i = 1;
                for (String id : disabled) {
                    ps.setString(i++, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
                    return Optional.ofNullable(t).map(Timestamp::toInstant);
                }
            }
        });
    }

    private static String notIn(java.util.Set<String> ids) {
        return ids.isEmpty()
                ? ""
                : " AND endpoint_id NOT IN (" + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")";
    }

    /** PENDING → IN_FLIGHT for each id this process wins (one transaction); returns what to send for those. */
    List<Outgoing> claim(Collection<String> ids, String owner, Instant now) {
        return db.inTransaction(c -> {
            List<String> won = new ArrayList<>();
            try (PreparedStatement cas = c.prepareStatement("UPDATE upload_webhooks SET status = 'IN_FLIGHT', "
                    + "owner = ?, last_attempt_at = ? WHERE id = ? AND status = 'PENDING'")) {
                for (String id : ids) {
                    cas.setString(1, owner);
                    cas.setTimestamp(2, Timestamp.from(now));
                    cas.setString(3, id);
                    if (cas.executeUpdate() == 1) {
                        won.add(id);
                    }
                }
            }
            List<Outgoing> out = new ArrayList<>();
            if (won.isEmpty()) {
                return out;
            }
            String marks = String.join(", ", java.util.Collections.nCopies(won.size(), "?"));
            try (PreparedStatement read =
                    c.prepareStatement("SELECT d.id, d.endpoint_id, e.url, d.payload, d.attempts, "
                            + "e.secret_enc, e.previous_secret_enc, e.previous_expires_at" + FROM + " WHERE d.id IN ("
                            + marks
                            + ") ORDER BY d.next_attempt_at, d.id")) {
                for (int i = 0; i < won.size(); i++) {
                    read.setString(i + 1, won.get(i));
                }
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        Timestamp expires = rs.getTimestamp(8);
                        out.add(new Outgoing(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getInt(5),
                                new EndpointRepository.SealedSecrets(
                                        rs.getString(6),
                                        rs.getString(7),
                                        expires == null ? null : expires.toInstant())));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The outcome of one attempt: IN_FLIGHT → {@code to}. With {@code disableEndpointReason} the endpoint is switched
     * off in the same transaction (410 Gone).
     */
    record Result(
            String id,
            String endpointId,
            DeliveryState to,
            Attempt attempt,
            Instant nextAttempt,
            String disableEndpointReason,
            Instant now) {
        Result {
            if (!DeliveryState.IN_FLIGHT.canMoveTo(to)) {
                throw new IllegalArgumentException("IN_FLIGHT -> " + to);
            }
        }
    }

    /**
     * Records several results in one transaction (one commit for many deliveries: see {@link GroupCommit}); each is
     * a compare-and-set on IN_FLIGHT owned by {@code owner}. Returns, per result, whether it applied (false: the row
     * was removed with its endpoint, or taken back after this process was presumed dead).
     */
    List<Boolean> finishAll(List<Result> results, String owner) {
        return db.inTransaction(c -> {
            List<Boolean> applied = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("UPDATE upload_webhooks SET status = ?, owner = NULL, "
                    + "attempts = attempts + 1, next_attempt_at = ?, delivered_at = ?, last_response_code = ?, "
                    + "last_latency_ms = ?, last_error = ? WHERE id = ? AND status = 'IN_FLIGHT' AND owner = ?")) {
                for (Result r : results) {
                    ps.setString(1, r.to().name());
                    ps.setTimestamp(2, r.nextAttempt() == null ? null : Timestamp.from(r.nextAttempt()));
                    ps.setTimestamp(3, r.to() == DeliveryState.DELIVERED ? Timestamp.from(r.now()) : null);
                    ps.setObject(4, r.attempt().responseCode(), Types.INTEGER);
                    ps.setLong(5, r.attempt().latencyMillis());
                    ps.setString(6, r.attempt().error());
                    ps.setString(7, r.id());
                    ps.setString(8, owner);
                    boolean ok = ps.executeUpdate() == 1;
                    applied.add(ok);
                    if (ok && r.disableEndpointReason() != null) {
                        EndpointRepository.setEnabled(c, r.endpointId(), false, r.disableEndpointReason(), r.now());
                    }
                }
            }
            return applied;
        });
    }

    /** IN_FLIGHT rows whose owner is not alive go back to PENDING, due at once (same webhook-id). */
    int recover(Predicate<String> ownerAlive, Instant now) {
        return db.inTransaction(c -> {
            List<String[]> stale = new ArrayList<>();
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT id, owner FROM upload_webhooks WHERE status = 'IN_FLIGHT'");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!ownerAlive.test(rs.getString(2))) {
                        stale.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            int n = 0;
            for (String[] row : stale) {
                n += release(c, row[0], row[1], now, "Interrupted: ObitoX stopped during this attempt; sent again.");
            }
            return n;
        });
    }

    /** These rows, IN_FLIGHT for {@code owner} but never sent, back to PENDING as they were. */
    void release(List<String> ids, String owner, Instant now) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE upload_webhooks SET status = 'PENDING', "
                    + "owner = NULL WHERE id = ? AND status = 'IN_FLIGHT' AND owner = ?")) {
                for (String id : ids) {
                    ps.setString(1, id);
                    ps.setString(2, owner);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /** This process's IN_FLIGHT rows back to PENDING (orderly shutdown). */
    int releaseOwned(String owner, Instant now) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE upload_webhooks SET status = 'PENDING', "
                    + "owner = NULL, next_attempt_at = ? WHERE status = 'IN_FLIGHT' AND owner = ?")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, owner);
                return ps.executeUpdate();
            }
        });
    }

    private static int release(Connection c, String id, String owner, Instant now, String note) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE upload_webhooks SET status = 'PENDING', owner = NULL, "
                + "next_attempt_at = ?, last_error = COALESCE(last_error, ?) "
                + "WHERE id = ? AND status = 'IN_FLIGHT' AND (owner = ? OR owner IS NULL)")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, note);
            ps.setString(3, id);
            ps.setString(4, owner);
            return ps.executeUpdate();
        }
    }
}
