package io.obitox.transfer;

import io.obitox.objects.UploadSettingsJson;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/**
 * How a {@link Transfer} is laid out in the {@code transfer} table: the column list, binding a row for insert and
 * mapping a result row back. Stateless; only the repository and {@link TransferQueries} use it.
 */
final class TransferRows {
    static final String COLUMNS = "id, batch_id, source_path, source_size, source_mtime, fingerprint, "
            + "target_ref, target_label, endpoint_key, bucket, object_key, content_type, state, upload_id, multipart, "
            + "part_size, part_count, bytes_done, etag, error_code, error_message, notice, verified_by, attempts, "
            + "active_millis, throughput_bps, owner, created_at, updated_at, started_at, upload_started_at, completed_at, "
            + "if_none_match, content_sha256, action, object_settings, direction, if_exists";

    private static final String VALUES = " VALUES ("
            + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static final String INSERT = "INSERT INTO transfer (" + COLUMNS + ")" + VALUES;

    /**
     * {@link #INSERT}, except that a row with the same id is replaced (every column, as {@link #bind} binds them):
     * how skipped files are recorded ({@link TransferRepository#recordSkipped}).
     */
    static final String MERGE = "MERGE INTO transfer (" + COLUMNS + ") KEY (id)" + VALUES;

    private TransferRows() {}

    static void bind(PreparedStatement ps, Transfer t) throws SQLException {
        Transfer.Source s = t.origin();
        Transfer.Target to = t.target();
        Transfer.Progress p = t.progress();
        Transfer.Outcome o = t.outcome();
        Transfer.Times at = t.times();
        ps.setString(1, t.id());
        ps.setString(2, t.batchId());
        ps.setString(3, s.path().toString());
        ps.setLong(4, s.size());
        ps.setLong(5, s.mtime());
        ps.setString(6, s.fingerprint());
        ps.setString(7, to.targetRef());
        ps.setString(8, to.targetLabel());
        ps.setString(9, to.endpointKey());
        ps.setString(10, to.bucket());
        ps.setString(11, to.key());
        ps.setString(12, to.contentType());
        ps.setString(13, p.state().name());
        ps.setString(14, p.uploadId());
        ps.setBoolean(15, t.plan().multipart());
        ps.setLong(16, t.plan().partSize());
        ps.setInt(17, t.plan().partCount());
        ps.setLong(18, p.bytesDone());
        ps.setString(19, o.etag());
        ps.setString(20, o.errorCode());
        ps.setString(21, o.errorMessage());
        ps.setString(22, o.notice());
        ps.setString(23, o.verifiedBy());
        ps.setInt(24, p.attempts());
        ps.setLong(25, p.activeMillis());
        ps.setObject(26, o.throughputBps(), Types.DOUBLE);
        ps.setString(27, t.owner());
        ps.setTimestamp(28, ts(at.createdAt()));
        ps.setTimestamp(29, ts(at.updatedAt()));
        ps.setTimestamp(30, ts(at.startedAt()));
        ps.setTimestamp(31, ts(at.uploadStartedAt()));
        ps.setTimestamp(32, ts(at.completedAt()));
        ps.setBoolean(33, to.ifNoneMatch());
        ps.setString(34, o.sha256());
        ps.setString(35, o.action());
        ps.setString(36, UploadSettingsJson.toJson(to.settings()));
        ps.setString(37, to.direction().name());
        ps.setString(38, to.ifExists());
    }

    static Transfer map(ResultSet rs) throws SQLException {
        double tp = rs.getDouble("throughput_bps");
        Double throughput = rs.wasNull() ? null : tp;
        return new Transfer(
                rs.getString("id"),
                rs.getString("batch_id"),
                rs.getString("owner"),
                new Transfer.Source(
                        Path.of(rs.getString("source_path")),
                        rs.getLong("source_size"),
                        rs.getLong("source_mtime"),
                        rs.getString("fingerprint")),
                new Transfer.Target(
                        rs.getString("target_ref"),
                        rs.getString("target_label"),
                        rs.getString("endpoint_key"),
                        rs.getString("bucket"),
                        rs.getString("object_key"),
                        rs.getString("content_type"),
                        rs.getBoolean("if_none_match"),
                        UploadSettingsJson.fromJson(rs.getString("object_settings")),
                        TransferDirection.valueOf(rs.getString("direction")),
                        rs.getString("if_exists")),
                new Transfer.Plan(rs.getBoolean("multipart"), rs.getLong("part_size"), rs.getInt("part_count")),
                new Transfer.Progress(
                        TransferState.valueOf(rs.getString("state")),
                        rs.getString("upload_id"),
                        rs.getLong("bytes_done"),
                        rs.getInt("attempts"),
                        rs.getLong("active_millis")),
                new Transfer.Outcome(
                        rs.getString("etag"),
                        rs.getString("error_code"),
                        rs.getString("error_message"),
                        rs.getString("notice"),
                        rs.getString("verified_by"),
                        throughput,
                        rs.getString("content_sha256"),
                        rs.getString("action")),
                new Transfer.Times(
                        instant(rs, "created_at"),
                        instant(rs, "updated_at"),
                        instant(rs, "started_at"),
                        instant(rs, "upload_started_at"),
                        instant(rs, "completed_at")));
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
