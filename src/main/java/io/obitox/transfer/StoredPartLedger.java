package io.obitox.transfer;

import io.obitox.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The {@link PartLedger} of one transfer over the transfer tables. Parts and upload ids go through the repository's
 * {@link GroupCommit} (so they share commits with other transfers' changes); a restart, which deletes the parts and
 * resets the row, is its own transaction. Thread-safe: the job's coordinator and part threads call it at once, each
 * call blocking until committed.
 */
final class StoredPartLedger implements PartLedger {
    private final Database db;
    private final GroupCommit group;
    private final TransferQueries queries;
    private final String id;
    private final Clock clock;

    StoredPartLedger(Database db, GroupCommit group, TransferQueries queries, String id, Clock clock) {
        this.db = db;
        this.group = group;
        this.queries = queries;
        this.id = id;
        this.clock = clock;
    }

    @Override
    public List<PartRecord> parts() {
        return queries.parts(id);
    }

    @Override
    public void uploadStarted(String uploadId) {
        setUpload(group, id, uploadId, clock.instant());
    }

    @Override
    public void partDone(PartRecord part) {
        recordPart(id, part, clock.instant());
    }

    @Override
    public void partDropped(int number) {
        deletePart(id, number, clock.instant());
    }

    @Override
    public void restarted(SourceFile.Identity identity, PartPlan plan, String notice) {
        restart(id, identity, plan, notice, clock.instant());
    }

    static void setUpload(GroupCommit group, String id, String uploadId, Instant now) {
        group.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE transfer SET upload_id = ?, upload_started_at = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, uploadId);
                ps.setTimestamp(2, uploadId == null ? null : Timestamp.from(now));
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setString(4, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Starts over: new identity and plan, no upload id, no parts (after the source changed or the upload vanished). */
    private void restart(String id, SourceFile.Identity identity, PartPlan plan, String notice, Instant now) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM transfer_part WHERE transfer_id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE transfer SET source_size = ?, source_mtime = ?, "
                            + "fingerprint = ?, multipart = ?, part_size = ?, part_count = ?, upload_id = NULL, "
                            + "upload_started_at = NULL, content_sha256 = NULL, bytes_done = 0, notice = ?, updated_at = ? WHERE id = ?")) {
                ps.setLong(1, identity.size());
                ps.setLong(2, identity.mtime());
                ps.setString(3, identity.fingerprint());
                ps.setBoolean(4, plan.multipart());
                ps.setLong(5, plan.partSize());
                ps.setInt(6, plan.partCount());
                ps.setString(7, notice);
                ps.setTimestamp(8, Timestamp.from(now));
                ps.setString(9, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Records an uploaded part (only ever with its ETag) and the new byte count, in one transaction. */
    private void recordPart(String id, PartRecord part, Instant now) {
        group.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO transfer_part (transfer_id, part_number, "
                    + "part_size, etag, md5_base64, state, completed_at) KEY (transfer_id, part_number) "
                    + "VALUES (?, ?, ?, ?, ?, 'DONE', ?)")) {
                ps.setString(1, id);
                ps.setInt(2, part.number());
                ps.setLong(3, part.size());
                ps.setString(4, part.etag());
                ps.setString(5, part.md5Base64());
                ps.setTimestamp(6, Timestamp.from(now));
                ps.executeUpdate();
            }
            updateBytesDone(c, id, now);
            return null;
        });
    }

    private void deletePart(String id, int number, Instant now) {
        group.write(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM transfer_part WHERE transfer_id = ? AND part_number = ?")) {
                ps.setString(1, id);
                ps.setInt(2, number);
                ps.executeUpdate();
            }
            updateBytesDone(c, id, now);
            return null;
        });
    }

    private static void updateBytesDone(Connection c, String id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE transfer SET bytes_done = (SELECT COALESCE(SUM("
                + "part_size), 0) FROM transfer_part WHERE transfer_id = ?), updated_at = ? WHERE id = ?")) {
            ps.setString(1, id);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, id);
            ps.executeUpdate();
        }
    }
}
