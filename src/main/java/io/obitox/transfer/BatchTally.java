package io.obitox.transfer;

import io.obitox.db.Database;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The counts of a settled batch (the files queued together, same batch id): how many of its transfers completed,
 * failed and were cancelled, the file name when it has one file, and its buckets in queue order.
 *
 * @param firstName the file name of the batch's first transfer
 * @param buckets the distinct buckets, in order
 */
public record BatchTally(int total, int completed, int failed, int cancelled, String firstName, List<String> buckets) {
    private static final String UNSETTLED =
            "SELECT 1 FROM transfer WHERE batch_id = ? AND state IN ('QUEUED','RUNNING','PAUSED') LIMIT 1";
    private static final String COUNTS = "SELECT state, bucket, COUNT(*), MIN(created_at), MIN(source_path) FROM "
            + "transfer WHERE batch_id = ? GROUP BY state, bucket ORDER BY MIN(created_at), bucket";

    /**
     * The batch's counts from the database once none of its transfers is queued, running or paused; empty before
     * that (one index seek) or when there is no such batch. Blocks on the database; any thread.
     */
    static Optional<BatchTally> read(Database db, String batchId) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(UNSETTLED)) {
                ps.setString(1, batchId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Optional.empty();
                    }
                }
            }
            int total = 0;
            int ok = 0;
            int failed = 0;
            int cancelled = 0;
            String first = null;
            List<String> buckets = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(COUNTS)) {
                ps.setString(1, batchId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int n = rs.getInt(3);
                        total += n;
                        switch (TransferState.valueOf(rs.getString(1))) {
                            case COMPLETED -> ok += n;
                            case FAILED -> failed += n;
                            case CANCELLED -> cancelled += n;
                            default -> {}
                        }
                        if (!buckets.contains(rs.getString(2))) {
                            buckets.add(rs.getString(2));
                        }
                        if (first == null) {
                            Path name = Path.of(rs.getString(5)).getFileName();
                            first = name == null ? rs.getString(5) : name.toString();
                        }
                    }
                }
            }
            return total == 0
                    ? Optional.empty()
                    : Optional.of(new BatchTally(total, ok, failed, cancelled, first, List.copyOf(buckets)));
        });
    }
}
