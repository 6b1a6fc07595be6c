package io.obitox.db;

import io.obitox.db.Database.SqlFunction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A pooled connection kept across many transactions, for a writer that runs thousands of small ones (the transfers'
 * group commit). H2 keeps the statements it has parsed per session, but the pool rolls a connection back when it is
 * returned, and that empties the cache: every transaction on a new checkout parses its SQL again, which was a sixth of
 * the group-commit thread's CPU in a download of 1,000 small objects. Kept, the session reuses them.
 *
 * <p>Threading: one thread at a time runs transactions on it; {@link #release} may come from another (the writer
 * ending, {@link Database#close}), after which the next transaction takes a connection from the pool again.
 */
public final class HeldConnection {
    private final Database db;
    private final AtomicReference<Connection> connection = new AtomicReference<>();

    HeldConnection(Database db) {
        this.db = db;
    }

    /** As {@link Database#inTransaction}, on the kept connection (taken from the pool the first time). */
    public <T> T inTransaction(SqlFunction<Connection, T> work) {
        try {
            Connection c = connection.get();
            if (c == null) {
                c = db.connection();
                connection.set(c);
            }
            return transaction(c, work);
        } catch (SQLException e) {
            release(); // it may be broken: the next transaction takes a fresh one
            throw db.translate(e);
        } catch (RuntimeException | Error e) {
            release();
            throw e;
        }
    }

    /** Gives the connection back to the pool; the next transaction takes one again. */
    public void release() {
        Connection c = connection.getAndSet(null);
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closed with the pool already
            }
        }
    }

    /**
     * Runs {@code work} in one transaction on {@code c}; commits when it returns, rolls back when it throws anything,
     * an {@link Error} included: the {@code finally} turns auto-commit back on, and JDBC commits an open transaction
     * when it does, so an assertion failing half way through a change would otherwise commit its first half.
     */
    static <T> T transaction(Connection c, SqlFunction<Connection, T> work) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = work.apply(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                c.rollback();
            } catch (SQLException | RuntimeException r) {
                e.addSuppressed(r); // the work's failure is the one to report
            }
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
