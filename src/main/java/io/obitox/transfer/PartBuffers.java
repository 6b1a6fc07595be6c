package io.obitox.transfer;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The byte arrays a part (or a single PUT's body) is read into once, then hashed from and sent from, so the file is
 * read once per part instead of twice (once for Content-MD5, once for the body), and retries re-send from memory.
 *
 * <p>Bounded memory: a buffer is only allocated when no free one fits, and the part that took it gives it back when
 * it ends (sent, failed or stopped), so the pool never holds more buffers than parts were in flight at once, which
 * the request slots bound (a part takes its buffer while holding its slot). On top of that all buffers together, free
 * or lent, stay within {@code budget} bytes; a part that would exceed it (or is larger than {@link #MAX_PART}) gets
 * null and is streamed from disk as before. Free buffers are dropped after {@link #IDLE} without use, so an idle app
 * keeps none.
 *
 * <p>Threading: thread-safe (every method synchronized); parts take and give on their own threads, the engine's
 * ticker trims.
 */
final class PartBuffers {
    /** Larger parts (files over ~640 GB, or a part size set above this) are streamed from disk, not held whole. */
    static final long MAX_PART = 64L << 20;

    static final long IDLE = TimeUnit.SECONDS.toNanos(10);

    private final long budget;
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    /** Bytes of every buffer this pool made that was not dropped (free or lent out). */
    private long allocated;

    private long lastUse = System.nanoTime();

    PartBuffers(long budget) {
        this.budget = budget;
    }

    /** A pool for this JVM: a quarter of the heap, at most 256 MiB (10 parts of the default 16 MiB fit). */
    static PartBuffers forHeap() {
        return new PartBuffers(Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4));
    }

    /** A buffer of at least {@code length} bytes, or null: then stream the part from disk. Give it back. */
    synchronized byte[] take(long length) {
        lastUse = System.nanoTime();
        if (length > MAX_PART || length > budget) {
            return null;
        }
        byte[] best = null;
        for (byte[] b : free) {
            if (b.length >= length && (best == null || b.length < best.length)) {
                best = b;
            }
        }
        if (best != null) {
            free.remove(best);
            return best;
        }
        while (allocated + length > budget && !free.isEmpty()) {
            allocated -= free.pop().length; // too small for this part: make room
        }
        if (allocated + length > budget) {
            return null;
        }
        allocated += length;
        return new byte[(int) length];
    }

    /** Returns a buffer from {@link #take} (null is ignored). */
    synchronized void give(byte[] buffer) {
        if (buffer != null) {
            free.push(buffer);
            lastUse = System.nanoTime();
        }
    }

    /** Drops the free buffers when none was taken or given for {@link #IDLE}. */
    synchronized void trimIdle(long nowNanos) {
        if (!free.isEmpty() && nowNanos - lastUse > IDLE) {
            free.forEach(b -> allocated -= b.length);
            free.clear();
        }
    }

    /** Bytes of buffers held (free or lent); for tests. */
    synchronized long allocated() {
        return allocated;
    }
}
