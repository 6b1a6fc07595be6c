package io.obitox.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.testing.TestPaths;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import org.h2.jdbc.JdbcPreparedStatement;
import org.junit.jupiter.api.Test;

/**
 * A {@link HeldConnection} keeps its session from transaction to transaction, so H2 reuses a statement it parsed
 * (a connection from the pool has lost it: the pool rolls it back on return); it commits and rolls back like {@link
 * Database#inTransaction}, and does not keep the database open past {@link Database#close}.
 */
class HeldConnectionTest {
    private static final String COUNT = "SELECT COUNT(*) FROM transfer WHERE state = ?";

    /** The command H2 prepared for {@code ps}: the same object when it came from the session's statement cache. */
    private static Object command(PreparedStatement ps) throws java.sql.SQLException {
        try {
            Field f = JdbcPreparedStatement.class.getDeclaredField("command");
            f.setAccessible(true);
            return f.get(ps.unwrap(JdbcPreparedStatement.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a unit of work in a transaction: the held connection's or the pool's. */
    private interface Runner {
        Object[] run(Database.SqlFunction<java.sql.Connection, Object[]> work);
    }

    /** Prepares and runs {@link #COUNT} in a transaction of {@code runner}: its command and session. */
    private static Object[] prepare(Runner runner) {
        return runner.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(COUNT)) {
                ps.setString(1, "QUEUED");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
                return new Object[] {
                    command(ps), c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession()
                };
            }
        });
    }

    @Test
    void aHeldConnectionReusesItsParsedStatementsAcrossTransactions() throws Exception {
        Path dir = TestPaths.newDir("held-connection").resolve("db");
        try (Database db = Database.open(dir, Clock.systemUTC())) {
            HeldConnection held = db.hold();
            Object[] first = prepare(held::inTransaction);
            Object[] second = prepare(held::inTransaction);
            assertThat(second[1]).isSameAs(first[1]);
            assertThat(second[0])
                    .as("the statement parsed in the first transaction")
                    .isSameAs(first[0]);

            // the pool's connections lose it between two checkouts, even of the same session
            Object[] pooled1 = prepare(db::inTransaction);
            Object[] pooled2 = prepare(db::inTransaction);
            assertThat(pooled2[0]).isNotSameAs(pooled1[0]);

            held.release();
            Object[] afterRelease = prepare(held::inTransaction);
            assertThat(afterRelease[0]).isNotSameAs(second[0]);
        }
    }

    @Test
    void commitsWhatReturnsAndRollsBackWhatThrows() {
        Path dir = TestPaths.newDir("held-connection-tx").resolve("db");
        try (Database db = Database.open(dir, Clock.systemUTC())) {
            HeldConnection held = db.hold();
            held.inTransaction(c -> c.createStatement().executeUpdate("CREATE TABLE t (v INT)"));
            held.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO t VALUES (1)"));
            assertThatThrownBy(() -> held.inTransaction(c -> {
                        c.createStatement().executeUpdate("INSERT INTO t VALUES (2)");
                        throw new IllegalStateException("boom");
                    }))
                    .hasMessage("boom");
            assertThatThrownBy(() ->
                            held.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO nope VALUES (3)")))
                    .isInstanceOf(io.obitox.common.ObitoxException.class);
            // an Error half way through: rolled back too (turning auto-commit back on would otherwise commit the half)
            for (Runner runner : new Runner[] {held::inTransaction, db::inTransaction}) {
                assertThatThrownBy(() -> runner.run(c -> {
                            c.createStatement().executeUpdate("INSERT INTO t VALUES (4)");
                            throw new AssertionError("half way");
                        }))
                        .isInstanceOf(AssertionError.class);
            }
            int sum = held.inTransaction(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT SUM(v) FROM t")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(sum).isEqualTo(1);
        }
    }

    @Test
    void closingTheDatabaseReleasesAHeldConnection() throws Exception {
        Path dir = TestPaths.newDir("held-connection-close").resolve("db");
        Database db = Database.open(dir, Clock.systemUTC());
        HeldConnection held = db.hold();
        held.inTransaction(c -> c.createStatement().executeUpdate("CREATE TABLE t (v INT)"));
        assertThat(dir.resolve("obitox.lock.db")).exists();
        db.close();
        // H2 closes the database (and deletes its lock file) when its last connection closes
        assertThat(Files.exists(dir.resolve("obitox.lock.db"))).isFalse();
    }
}
