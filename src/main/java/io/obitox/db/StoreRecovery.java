package io.obitox.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before H2 opens a store file that was not closed cleanly (its process was killed), recovers the newest complete
 * version with a full scan, so that no commit that returned is lost.
 *
 * <p>Why: H2 2.5.252's MVStore writes the file header (which names the newest chunk) only now and then; after a kill,
 * H2 finds the newest chunk by following, from the chunk the header names, the position each chunk predicted for the
 * next. When a chunk is stored elsewhere than predicted (space freed once chunks are older than the 45 s retention time
 * is reused), the header is rewritten — but {@code RandomAccessStore.writeChunk} writes it before
 * {@code FileStore.storeBuffer} makes the new chunk the last one, so it names the chunk before. On the next open the
 * chain stops at that chunk, and H2 opens the version it holds: up to about 20 commits after it (the header is rewritten
 * every 20 versions), each of which had returned, are gone. A killed download lost every part record of its run so.
 * The chunks are still in the file; the MVStore's recovery mode scans the whole file for the newest chunk whose chunk set
 * is complete, and closing it writes a clean header naming that chunk, which H2 then opens as after a clean shutdown.
 *
 * <p>The scan reads the file once, only at the first open after an unclean shutdown (0.3 s for a 2 MB database, 1–2 s
 * for 100 MB on a loaded 2-core machine). A file held by a live process (AUTO_SERVER) is locked, and is left to that
 * process; a file the scan cannot read is left to H2's own open, which reports the damage. Worth dropping once an H2
 * release stores the new chunk as the last one before it writes the header (as 2.3.232 did).
 */
final class StoreRecovery {
    private static final Logger log = LoggerFactory.getLogger(StoreRecovery.class);
    /** The store header: two copies, one in each of the first two 4 KiB blocks. */
    private static final int HEADER_BLOCK = 4096;

    private StoreRecovery() {}

    /** Recovers {@code store} if it exists and its header does not mark a clean shutdown; true if it did. */
    static boolean afterUncleanShutdown(Path store) {
        if (!Files.isRegularFile(store) || closedCleanly(store)) {
            return false;
        }
        long started = System.nanoTime();
        MVStore recovered;
        try {
            recovered = new MVStore.Builder()
                    .fileName(store.toString())
                    .recoveryMode()
                    .open();
        } catch (MVStoreException | IllegalStateException e) {
            // locked by a live holder, or unreadable: H2's own open deals with both (waits, shares, or moves aside)
            log.debug("no recovery scan of {}: {}", store, e.getMessage());
            return false;
        }
        long version = recovered.getCurrentVersion();
        recovered.close(); // writes a clean header naming the newest complete chunk
        log.info(
                "The database was not closed cleanly; recovered its newest complete version ({}) in {} ms",
                version,
                (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    /**
     * True when both header copies carry the clean-shutdown mark H2 writes at close (and drops at the first write after
     * it opens), as H2's own open requires before it trusts the header.
     */
    static boolean closedCleanly(Path store) {
        byte[] head = new byte[2 * HEADER_BLOCK];
        int read;
        try (InputStream in = Files.newInputStream(store)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return true; // unreadable here: leave it to H2, which says why
        }
        if (read < head.length) {
            return true; // too short to hold a chunk: nothing to recover
        }
        for (int at = 0; at < head.length; at += HEADER_BLOCK) {
            String header = new String(head, at, HEADER_BLOCK, StandardCharsets.ISO_8859_1);
            int end = header.indexOf('\n');
            header = end < 0 ? header : header.substring(0, end);
            if (!header.startsWith("H:") || !("," + header + ",").contains(",clean:1,")) {
                return false;
            }
        }
        return true;
    }
}
