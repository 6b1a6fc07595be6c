package io.obitox.watch;

import io.obitox.db.Database;
import io.obitox.profile.TargetRef;
import io.obitox.transfer.Owners;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code watch} table (V17): the watches, their owner (compare-and-set, like a transfer's) and their health.
 * Thread-safe; each call is one short statement or transaction.
 */
public final class WatchRepository {
    private static final String COLUMNS = "id, folder, target_ref, bucket, prefix, policy, validate, if_exists, rules, "
            + "default_excludes, recursive, settle_ms, scan_interval_ms, after_upload, paused, created_at, owner, "
            + "state, reason, last_event, last_scan, seen, uploaded, skipped, rejected, failed";

    private final Database db;

    public WatchRepository(Database db) {
        this.db = db;
    }

    /** A watch and its health, as stored. */
    public record Row(Watch watch, WatchHealth health, String owner) {}

    public void insert(Watch w) {
        db.update(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO watch (id, folder, target_ref, bucket, prefix, "
                            + "policy, validate, if_exists, rules, default_excludes, recursive, settle_ms, scan_interval_ms, "
                            + "after_upload, paused, created_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, w.id());
                ps.setString(2, w.folder().toString());
                ps.setString(3, w.target().toJson());
                ps.setString(4, w.bucket());
                ps.setString(5, w.prefix());
                ps.setString(6, w.policy());
                ps.setBoolean(7, w.validate());
                ps.setString(8, w.ifExists());
                ps.setString(9, String.join("\n", w.rules()));
                ps.setBoolean(10, w.defaultExcludes());
                ps.setBoolean(11, w.recursive());
                ps.setLong(12, w.settle().toMillis());
                ps.setLong(13, w.scanInterval().toMillis());
                ps.setString(14, w.afterUpload().name());
                ps.setBoolean(15, w.paused());
                ps.setTimestamp(16, Timestamp.from(w.createdAt()));
                ps.setString(17, (w.paused() ? WatchState.PAUSED : WatchState.STOPPED).name());
                ps.executeUpdate();
            }
        });
    }

    public List<Row> list() {
        return db.query(c -> {
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT " + COLUMNS + " FROM watch ORDER BY created_at, id");
                    ResultSet rs = ps.executeQuery()) {
                List<Row> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        });
    }

    public Optional<Row> find(String id) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM watch WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.<Row>empty();
                }
            }
        });
    }

    /** Deletes the watch and its file rows in one transaction; false when there was none. */
    public boolean delete(String id) {
        return db.inTransaction(c -> {
            try (PreparedStatement files = c.prepareStatement("DELETE FROM watch_file WHERE watch_id = ?");
                    PreparedStatement watch = c.prepareStatement("DELETE FROM watch WHERE id = ?")) {
                files.setString(1, id);
                files.executeUpdate();
                watch.setString(1, id);
                return watch.executeUpdate() > 0;
            }
        });
    }

    /**
     * Stores an edited watch (everything but its id, creation time, health and owner) in one transaction; with
     * {@code forgetFiles} its file rows go too (another folder or destination: every file is checked again, and the
     * upload planner skips the ones already identical on the server). False when there was none.
     */
    public boolean update(Watch w, boolean forgetFiles) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE watch SET folder = ?, target_ref = ?, bucket = ?, "
                            + "prefix = ?, policy = ?, validate = ?, if_exists = ?, rules = ?, default_excludes = ?, "
                            + "recursive = ?, settle_ms = ?, scan_interval_ms = ?, after_upload = ?, paused = ? "
                            + "WHERE id = ?");
                    PreparedStatement files = c.prepareStatement("DELETE FROM watch_file WHERE watch_id = ?")) {
                ps.setString(1, w.folder().toString());
                ps.setString(2, w.target().toJson());
                ps.setString(3, w.bucket());
                ps.setString(4, w.prefix());
                ps.setString(5, w.policy());
                ps.setBoolean(6, w.validate());
                ps.setString(7, w.ifExists());
                ps.setString(8, String.join("\n", w.rules()));
                ps.setBoolean(9, w.defaultExcludes());
                ps.setBoolean(10, w.recursive());
                ps.setLong(11, w.settle().toMillis());
                ps.setLong(12, w.scanInterval().toMillis());
                ps.setString(13, w.afterUpload().name());
                ps.setBoolean(14, w.paused());
                ps.setString(15, w.id());
                boolean found = ps.executeUpdate() > 0;
                if (found && forgetFiles) {
                    files.setString(1, w.id());
                    files.executeUpdate();
                }
                return found;
            }
        });
    }

    public boolean setPaused(String id, boolean paused) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE watch SET paused = ? WHERE id = ?")) {
                ps.setBoolean(1, paused);
                ps.setString(2, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Whether the user paused it (read by the running process, which may be another one). */
    public boolean paused(String id) {
        return find(id).map(r -> r.watch().paused()).orElse(true);
    }

    /**
     * Takes the watch for {@code owner} when nobody runs it, or its owner is a process that is gone (a crash, kill
     * -9): a compare-and-set on the stored owner, so of two processes starting at once one wins. Returns the owner
     * that holds it when it is not {@code owner}.
     */
    public Optional<String> claim(String id, String owner) {
        return db.inTransaction(c -> {
            String held;
            try (PreparedStatement ps = c.prepareStatement("SELECT owner FROM watch WHERE id = ? FOR UPDATE")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.of("");
                    }
                    held = rs.getString(1);
                }
            }
            if (held != null && !held.equals(owner) && Owners.alive(held)) {
                return Optional.of(held);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE watch SET owner = ? WHERE id = ?")) {
                ps.setString(1, owner);
                ps.setString(2, id);
                ps.executeUpdate();
            }
            return Optional.<String>empty();
        });
    }

    /** Gives the watch up (state STOPPED) if {@code owner} holds it. */
    public void release(String id, String owner) {
        db.update(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE watch SET owner = NULL, state = ?, reason = NULL WHERE id = ? AND owner = ?")) {
                ps.setString(1, WatchState.STOPPED.name());
                ps.setString(2, id);
                ps.setString(3, owner);
                ps.executeUpdate();
            }
        });
    }

    /**
     * Writes the running process's view of the watch and adds {@code delta} to the counters; only while {@code
     * owner} holds it (a process that lost the watch writes nothing).
     */
    public boolean writeHealth(
            String id,
            String owner,
            WatchState state,
            String reason,
            Instant lastEvent,
            Instant lastScan,
            WatchHealth.Counters delta) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE watch SET state = ?, reason = ?, "
                    + "last_event = COALESCE(?, last_event), last_scan = COALESCE(?, last_scan), seen = seen + ?, "
                    + "uploaded = uploaded + ?, skipped = skipped + ?, rejected = rejected + ?, failed = failed + ? "
                    + "WHERE id = ? AND owner = ?")) {
                ps.setString(1, state.name());
                ps.setString(2, reason);
                ps.setTimestamp(3, lastEvent == null ? null : Timestamp.from(lastEvent));
                ps.setTimestamp(4, lastScan == null ? null : Timestamp.from(lastScan));
                ps.setLong(5, delta.seen());
                ps.setLong(6, delta.uploaded());
                ps.setLong(7, delta.skipped());
                ps.setLong(8, delta.rejected());
                ps.setLong(9, delta.failed());
                ps.setString(10, id);
                ps.setString(11, owner);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static Row map(ResultSet rs) throws SQLException {
        String rules = rs.getString("rules");
        Watch w = new Watch(
                rs.getString("id"),
                Path.of(rs.getString("folder")),
                TargetRef.fromJson(rs.getString("target_ref")),
                rs.getString("bucket"),
                rs.getString("prefix"),
                rs.getString("policy"),
                rs.getBoolean("validate"),
                rs.getString("if_exists"),
                rules == null || rules.isEmpty() ? List.of() : Arrays.asList(rules.split("\n")),
                rs.getBoolean("default_excludes"),
                rs.getBoolean("recursive"),
                Duration.ofMillis(rs.getLong("settle_ms")),
                Duration.ofMillis(rs.getLong("scan_interval_ms")),
                Watch.AfterUpload.valueOf(rs.getString("after_upload")),
                rs.getBoolean("paused"),
                rs.getTimestamp("created_at").toInstant());
        String owner = rs.getString("owner");
        boolean running = Owners.alive(owner);
        WatchState state = WatchState.valueOf(rs.getString("state"));
        if (!running) {
            state = w.paused() ? WatchState.PAUSED : WatchState.STOPPED; // a dead owner's last words are not news
        }
        WatchHealth h = new WatchHealth(
                state,
                running ? rs.getString("reason") : null,
                instant(rs.getTimestamp("last_event")),
                instant(rs.getTimestamp("last_scan")),
                new WatchHealth.Counters(
                        rs.getLong("seen"),
                        rs.getLong("uploaded"),
                        rs.getLong("skipped"),
                        rs.getLong("rejected"),
                        rs.getLong("failed")),
                running);
        return new Row(w, h, owner);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
