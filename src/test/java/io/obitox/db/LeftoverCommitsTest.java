package io.obitox.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.tx.Transaction;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * A process killed in the middle of a commit (the commit marked in H2's undo log and stored, the changes not yet made
 * committed): H2 2.5.252 opens such a file with the transaction left registered as COMMITTED, its changes invisible and
 * any write to its rows spinning for ever (see {@link LeftoverCommits}). The state is made by a child process that
 * starts a commit as H2 does and halts ({@link H2Process} {@code half-commit}).
 */
class LeftoverCommitsTest {

    /** A database folder with the app's password and table {@code half} left half committed by a halted process. */
    private static Path halfCommitted(String name) throws Exception {
        Path dir = TestPaths.newDir(name).resolve("db");
        Database.open(dir, Clock.systemUTC()).close(); // the app's password file and schema
        Process p = H2Process.start("half-commit", H2Process.url(dir, false));
        try {
            p.getOutputStream().close();
            // its output is a line or a stack trace, far less than a pipe holds: read once it has ended
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the child ended").isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out).as("the child's output").contains("HALF-COMMITTED");
            return dir;
        } finally {
            p.destroyForcibly();
        }
    }

    private static int sum(Connection c) throws java.sql.SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT SUM(v) FROM half")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Connection plainH2(Path dir) throws IOException, java.sql.SQLException {
        String password = DatabasePassword.readOrCreate(dir.resolveSibling(Database.PASSWORD_FILE));
        return DriverManager.getConnection(H2Process.url(dir, false), "obitox", password);
    }

    @Test
    void plainH2LeavesTheHalfDoneCommitOpenAndFinishCompletesIt() throws Exception {
        Path dir = halfCommitted("leftover-commit-plain");
        try (Connection c = plainH2(dir)) {
            SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
            List<Transaction> open =
                    session.getDatabase().getStore().getTransactionStore().getOpenTransactions();
            // H2 2.5.252 as it is: the transaction is still there, committed, and its changes are not seen
            assertThat(open).extracting(Transaction::getStatus).containsExactly(Transaction.STATUS_COMMITTED);
            assertThat(sum(c)).isZero();

            assertThat(LeftoverCommits.finish(c)).isEqualTo(1);
            assertThat(session.getDatabase().getStore().getTransactionStore().getOpenTransactions())
                    .isEmpty();
            // read on another session: this one would answer the same query from H2's cache of its last result,
            // which a commit made below the SQL layer does not invalidate
            try (Connection other = plainH2(dir)) {
                assertThat(sum(other)).as("the commit's changes, all 50").isEqualTo(50);
            }
            assertThat(LeftoverCommits.finish(c))
                    .as("nothing left the second time")
                    .isZero();
        }
        // and it stays so in the file
        try (Connection c = plainH2(dir)) {
            assertThat(sum(c)).isEqualTo(50);
        }
    }

    @Test
    void theAppOpensAHalfCommittedFileWithTheCommitDoneAndItsRowsWritable() throws Exception {
        Path dir = halfCommitted("leftover-commit-app");
        try (Database db = Database.open(dir, Clock.systemUTC())) {
            assertThat(db.query(LeftoverCommitsTest::sum)).isEqualTo(50);
            // without the finish this UPDATE spins inside H2 and never returns
            int updated = Assertions.assertTimeoutPreemptively(
                    Duration.ofSeconds(30),
                    () -> db.query(c -> c.createStatement().executeUpdate("UPDATE half SET v = 2")));
            assertThat(updated).isEqualTo(50);
            assertThat(db.query(LeftoverCommitsTest::sum)).isEqualTo(100);
        }
    }
}
