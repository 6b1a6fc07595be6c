package io.obitox.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The housekeeping H2's background writer would do, which {@code WRITE_DELAY=0} turns off. H2 stores every commit as a
 * new chunk of the file and a chunk is reused only once none of its pages is live; with the transfer rows' eight
 * indexes and random ids, nearly every chunk keeps a few live pages, so nothing was ever reused while a process ran:
 * an upload of 100,000 small files left a 3.0 GB database holding 72 MB of data (fill rate 37 %, chunks 12 % live).
 * This rewrites the live pages of the sparsest chunks now and then, so that those chunks die and their space is
 * reused once H2's retention time (45 s: a chunk another version may still need, or that the disk may not have
 * written yet when the power fails) has passed. The file then stays near its data plus the last 45 s of writes,
 * whatever the number of transfers.
 *
 * <p>Reaches H2's store through its engine classes: only a connection of the process that opened the file has one (a
 * process that reaches the database through AUTO_SERVER does nothing here; the owner tidies).
 *
 * <p>Threading: {@link #afterCommit} may be called from any thread after a commit; at most one call at a time tidies,
 * at most once per {@link #EVERY}, and it never waits for H2's store lock (H2 gives up after 10 ms).
 */
public final class StoreUpkeep {
    private static final Logger log = LoggerFactory.getLogger(StoreUpkeep.class);

    static final Duration EVERY = Duration.ofMillis(500);
    /** Chunks are rewritten while fewer than this share of their bytes is live. */
    static final int TARGET_FILL_PERCENT = 50;
    /** Live bytes moved per tidy: a 20,000-file run wrote about 10 MB a second, in chunks about 10 % live. */
    static final int MOVE_BYTES = 2 << 20;

    private final long everyNanos;
    private final Object lock = new Object();
    private long last = System.nanoTime();
    private boolean running;
    private volatile boolean unavailable;

    public StoreUpkeep() {
        this(EVERY);
    }

    /** Tidies at most once per {@code every} (tests: zero, at every commit). */
    StoreUpkeep(Duration every) {
        this.everyNanos = every.toNanos();
    }

    /** Tidies when due; {@code c} is a connection whose transaction has just committed. */
    public void afterCommit(Connection c) {
        if (unavailable) {
            return;
        }
        long now = System.nanoTime();
        synchronized (lock) {
            if (running || now - last < everyNanos) {
                return;
            }
            running = true;
            last = now;
        }
        try {
            MVStore store = store(c);
            if (store == null) {
                unavailable = true; // a client of another process's database: the owner tidies
                return;
            }
            store.compact(TARGET_FILL_PERCENT, MOVE_BYTES);
        } catch (RuntimeException | SQLException | LinkageError e) {
            // housekeeping only: the data is committed; a store that cannot be tidied only grows as before
            unavailable = true;
            log.warn("database housekeeping is off for this run: {}", e.toString());
        } finally {
            synchronized (lock) {
                running = false;
            }
        }
    }

    /** The store behind {@code c}, or null when this process does not own the database file. */
    static MVStore store(Connection c) throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)) {
            return null;
        }
        if (!(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null;
        }
        var s = session.getDatabase().getStore();
        return s == null ? null : s.getMvStore();
    }
}
