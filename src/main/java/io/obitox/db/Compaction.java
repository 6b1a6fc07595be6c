package io.obitox.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
