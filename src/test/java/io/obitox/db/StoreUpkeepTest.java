package io.obitox.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link StoreUpkeep} lets H2 reuse the file's space while the database is open: the same small transactions (rows
 * with random ids and secondary indexes, each changed many times, like transfer rows going through their states)
 * leave a far smaller file with it than without it, and the data is the same. H2's retention time is set to zero in
 * both, so that what is compared is the rewriting of sparse chunks, not the 45 s H2 keeps a dead chunk by default.
 */
class StoreUpkeepTest {
    private static final int ROWS = 3_000;
    private static final int TRANSACTIONS = 2_500;

    @Test
    void sparseChunksAreRewrittenSoTheFileStaysNearItsData() throws Exception {
        Result without = run("without", null);
        Result with = run("with", new StoreUpkeep(Duration.ZERO));

        System.out.printf(
                "[upkeep] file after %,d transactions: %,d bytes without, %,d bytes with%n",
                TRANSACTIONS, without.fileBytes, with.fileBytes);
        assertThat(with.rows).isEqualTo(without.rows); // same work, same data
        assertThat(with.fileBytes).as("file with upkeep").isLessThan(without.fileBytes / 2);
    }

    @Test
    void aConnectionOfThisProcessReachesTheStore() throws Exception {
        Path dir = TestPaths.newDir("upkeep-store").resolve("db");
        try (Database db = Database.open(dir, Clock.systemUTC());
                Connection c = db.connection()) {
            assertThat(StoreUpkeep.store(c)).isNotNull();
        }
    }

    private record Result(long fileBytes, List<String> rows) {}

    private static Result run(String name, StoreUpkeep upkeep) throws Exception {
        Path dir = TestPaths.newDir("upkeep-" + name).resolve("db");
        Random random = new Random(42);
        List<String> ids = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        try (Database db = Database.open(dir, Clock.systemUTC());
                Connection c = db.connection()) {
            StoreUpkeep.store(c).setRetentionTime(0);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE scratch(id VARCHAR(36) PRIMARY KEY, state INT, note VARCHAR(64), n BIGINT)");
                s.execute("CREATE INDEX scratch_state ON scratch(state, id)");
                s.execute("CREATE INDEX scratch_note ON scratch(note)");
            }
            c.setAutoCommit(false);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO scratch VALUES (?, 0, ?, 0)")) {
                for (int i = 0; i < ROWS; i++) {
                    String id = new UUID(random.nextLong(), random.nextLong()).toString();
                    ids.add(id);
                    ins.setString(1, id);
                    ins.setString(2, "n" + i);
                    ins.executeUpdate();
                }
            }
            c.commit();
            try (PreparedStatement up =
                    c.prepareStatement("UPDATE scratch SET state = ?, note = ?, n = n + 1 WHERE id = ?")) {
                for (int t = 0; t < TRANSACTIONS; t++) {
                    for (int k = 0; k < 4; k++) {
                        up.setInt(1, random.nextInt(6));
                        up.setString(2, "t" + t + "-" + k);
                        up.setString(3, ids.get(random.nextInt(ROWS)));
                        up.executeUpdate();
                    }
                    c.commit();
                    if (upkeep != null) {
                        upkeep.afterCommit(c);
                    }
                }
            }
            try (ResultSet rs =
                    c.createStatement().executeQuery("SELECT id, state, note, n FROM scratch ORDER BY id")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3) + " " + rs.getLong(4));
                }
            }
            c.setAutoCommit(true);
            // measured while open: what a long-running process (the window, a big upload) holds
            return new Result(Files.size(dir.resolve("obitox.mv.db")), rows);
        }
    }
}
