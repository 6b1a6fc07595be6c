package io.obitox.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbc.JdbcConnection;

/**
 * How much of the database H2 keeps in the heap (its page cache, {@code CACHE_SIZE}), by who opens it.
 *
 * <p>H2 stores {@code CACHE_SIZE} in the database file, so a size set once would hold for every later open: each
 * process that owns the file sets its own when it opens it. A process that reaches the file through AUTO_SERVER sets
 * nothing, as its setting would change the owner's cache (a command beside the window would shrink the window's).
 */
public enum PageCache {
    /** H2's default, 16 MiB: the window pages through and counts the whole transfer history again and again. */
    WINDOW(16 << 10),
    /**
     * 4 MiB: a command writes its transfers once and reads each back a few times. H2 counts its cache by an estimate
     * well below the heap its pages really take: with 16 MiB a 100,000-file upload peaked about 40 MB higher in RSS,
     * for no less CPU (docs/benchmarks.md, "memory at 100,000 files").
     */
    COMMAND(4 << 10);

    private final int kib;

    PageCache(int kib) {
        this.kib = kib;
    }

    /** Sets this size on {@code c}'s database, when this process owns the file. */
    void apply(Connection c) throws SQLException {
        if (c.unwrap(JdbcConnection.class).getSession().isRemote()) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("SET CACHE_SIZE " + kib);
        }
    }
}
