package io.obitox.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much the database file is compacted when it closes. With {@code WRITE_DELAY=0} H2 has no background writer,
 * so the file is compacted only at close, for at most {@code MAX_COMPACT_TIME}; a marker file beside the database
 * keeps the time of the last close that compacted.
 */
public enum Compaction {
    /** Up to half a second at every close: the window, which closes once after a long session. */
    EVERY_CLOSE,
    /**
     * Up to half a second at the first close of a day, none at the others: a command. Most runs are short, and the
     * half second was about 10 % of the CPU of a 1,000-file upload and 40 % of a one-file upload's; the file still
     * shrinks daily (and at every close of the window).
     */
    DAILY;

    private static final Logger log = LoggerFactory.getLogger(Compaction.class);
    static final String MARKER = "compacted-at";
    /** A file at least this large, and at most a quarter of it live, is rewritten whole at close. */
    static final long REWRITE_FROM_BYTES = 64L << 20;

    /**
     * Rewrites the whole file at this close (H2's {@code SHUTDOWN COMPACT}, which closes the database) when it is at
     * least {@code fromBytes} and at most a quarter of it holds live data; true if it did. Why: with every commit
     * written at once ({@code WRITE_DELAY=0}) and no background housekeeping, a run of many files leaves a file of
     * mostly dead chunks that the close's time-boxed compaction barely shrinks (20,000 small files: 734 MB holding
     * 22 MB, docs/benchmarks.md); the rewrite reads only the live pages (2.1 s for that file). Skipped while another
     * process works through this one's AUTO_SERVER port: a shutdown would cut its connection. Called by the owner of
     * the file, at close only, after every other connection of this process is idle.
     */
    static boolean rewriteIfMostlyDead(Connection c, long fromBytes) throws SQLException {
        long fileSize = 0;
        int chunksFill = 100;
        int fileFill = 100;
        try (Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                        + " WHERE SETTING_NAME IN ('info.FILE_SIZE', 'info.CHUNKS_FILL_RATE', 'info.FILL_RATE')")) {
            while (r.next()) {
                long v = Long.parseLong(r.getString(2).trim());
                switch (r.getString(1)) {
                    case "info.FILE_SIZE" -> fileSize = v;
                    case "info.CHUNKS_FILL_RATE" -> chunksFill = (int) v;
                    default -> fileFill = (int) v;
                }
            }
        }
        long live = fileSize * chunksFill / 100 * fileFill / 100;
        if (fileSize < fromBytes || live * 4 > fileSize) {
            return false;
        }
        try (Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                        + " WHERE SERVER IS NOT NULL OR CLIENT_ADDR IS NOT NULL")) {
            if (r.next() && r.getLong(1) > 0) {
                return false;
            }
        }
        long started = System.nanoTime();
        try (Statement st = c.createStatement()) {
            // closing the pool's handle afterwards rolls back on a closed session: not an error worth H2's trace file
            st.execute("SET TRACE_LEVEL_FILE 0");
            st.execute("SHUTDOWN COMPACT");
        }
        log.info(
                "database file rewritten at close: {} MB, about {} MB live, in {} ms",
                fileSize >> 20,
                live >> 20,
                (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    /** True when the database opened now should compact at its close. */
    boolean compactsThisTime(Path directory, Clock clock) {
        if (this == EVERY_CLOSE) {
            return true;
        }
        try {
            Instant last = Files.getLastModifiedTime(directory.resolve(MARKER)).toInstant();
            Instant now = clock.instant();
            // a marker from the future (a clock set back, a copied home) must not stop compaction for long
            return last.isAfter(now) || Duration.between(last, now).compareTo(Duration.ofDays(1)) >= 0;
        } catch (IOException e) {
            return true; // never compacted, or the marker is unreadable: compact
        }
    }

    /** Records that a close compacted now. */
    static void compacted(Path directory, Clock clock) {
        try {
            Path marker = directory.resolve(MARKER);
            if (!Files.exists(marker)) {
                Files.createFile(marker);
            }
            Files.setLastModifiedTime(marker, FileTime.from(clock.instant()));
        } catch (IOException e) {
            log.debug("cannot mark the compaction time", e); // the next command compacts again: harmless
        }
    }
}
