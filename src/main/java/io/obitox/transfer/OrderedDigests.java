package io.obitox.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Feeds a multipart download's {@link DownloadDigests} with the part file's bytes in order while its parts arrive out
 * of order (issue 18), so that the check after the last part needs no second read of the whole file: before this,
 * the SHA-256 of a 1 GiB download was a separate pass after the download, most of its CPU under the command's C1-only
 * JVM (docs/benchmarks.md).
 *
 * <p>A whole-file digest needs its bytes in order, so it follows the <em>frontier</em>: every byte before it has been
 * fed. A chunk a part writes exactly at the frontier is fed from the part's own buffer (no read back); a chunk written
 * beyond it is fed later by a helper thread that reads it back from the part file (the page cache, just written) once
 * the frontier reaches it. The helper reads only bytes already written: those of parts that were recorded (a resume
 * starts with them) and those an attempt in flight has written so far.
 *
 * <p>An attempt that fails after any of its bytes were fed (its retry writes the range again, possibly with other
 * bytes) <em>spoils</em> the digests: they are dropped and {@link DownloadCheck} reads the finished file once, as it
 * did before, so what is proven is always what is in the file. Stopping (pause, a failure) ends the helper; the
 * digests then describe nothing ({@link DownloadDigests#fed()} is short) and are not used.
 *
 * <p>Threading: {@link Attempt#wrote} on part threads, never blocking on the lock (a chunk the lock is busy for is
 * read back later instead); {@link #finish} on the coordinator; one helper thread per download while parts run. The
 * lock guards the digests, the frontier and the ranges.
 */
final class OrderedDigests implements AutoCloseable {
    private static final int CHUNK = 256 * 1024;

    private final DownloadDigests digests;
    private final FileChannel ch;
    private final long size;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();
    /** Written ranges that are final (start → end): recorded parts and finished attempts. */
    private final TreeMap<Long, Long> done = new TreeMap<>();
    /** Attempts in flight: their bytes up to {@link Attempt#end} are written. */
    private final List<Attempt> inFlight = new ArrayList<>();

    private final Thread helper;
    private long frontier;
    private boolean spoiled;
    private boolean closed;

    OrderedDigests(DownloadDigests digests, FileChannel ch, long size, String name) {
        this.digests = digests;
        this.ch = ch;
        this.size = size;
        this.helper = new Thread(this::readBack, "obitox-download-digest " + name);
        helper.setDaemon(true);
    }

    /** The ranges already in the part file (the recorded parts of a resumed download), then starts the helper. */
    OrderedDigests start(List<long[]> recorded) {
        lock.lock();
        try {
            for (long[] r : recorded) {
                addDone(r[0], r[1]);
            }
        } finally {
            lock.unlock();
        }
        helper.start();
        return this;
    }

    /** One GET attempt of the range starting at {@code start}. */
    Attempt attempt(long start) {
        Attempt a = new Attempt(start);
        lock.lock();
        try {
            inFlight.add(a);
        } finally {
            lock.unlock();
        }
        return a;
    }

    /**
     * Waits until every byte is fed and returns the digests, or null when they cannot be trusted (spoiled, stopped):
     * the check then reads the file. {@code checkStop} is run while waiting (it throws when the job is paused or
     * cancelled), so a stop is not held up by the hashing.
     */
    DownloadDigests finish(Runnable checkStop) {
        lock.lock();
        try {
            while (!spoiled && !closed && frontier < size) {
                checkStop.run();
                try {
                    progress.await(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    // as in RangedDownload.runParts: stop() wakes the coordinator; the loop's check throws for it
                    // (the interrupt must not stay set: it would close the part file's channel under DownloadCheck)
                }
            }
            return !spoiled && frontier == size ? digests : null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            progress.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            helper.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The bytes a GET attempt has written: fed at once when they are the next ones, else read back later. */
    final class Attempt {
        private final long start;
        private volatile long end;

        private Attempt(long start) {
            this.start = start;
            this.end = start;
        }

        /** {@code len} bytes of {@code buf} were written at {@code pos} (the attempt's next position). */
        void wrote(byte[] buf, int off, int len, long pos) {
            end = pos + len;
            // never wait for the lock here: a part thread blocked on hashing would slow the download itself
            if (lock.tryLock()) {
                try {
                    if (!spoiled && !closed && frontier == pos) {
                        digests.update(buf, off, len);
                        frontier += len;
                    }
                    progress.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }

        /** The attempt's range is complete and final: no retry writes it again. */
        void succeeded() {
            lock.lock();
            try {
                inFlight.remove(this);
                addDone(start, end);
                progress.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** The attempt failed: its bytes will be written again, so digests fed with any of them are void. */
        void failed() {
            lock.lock();
            try {
                inFlight.remove(this);
                if (frontier > start) {
                    spoiled = true;
                }
                progress.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void addDone(long start, long end) {
        if (end > start) {
            done.merge(start, end, Math::max);
        }
    }

    /** How far the written bytes reach from the frontier without a gap (the frontier itself when none). */
    private long readableTo() {
        long to = frontier;
        boolean grew = true;
        while (grew) {
            grew = false;
            var d = done.floorEntry(to);
            if (d != null && d.getValue() > to) {
                to = d.getValue();
                grew = true;
            }
            for (Attempt a : inFlight) {
                if (a.start <= to && a.end > to) {
                    to = a.end;
                    grew = true;
                }
            }
        }
        return to;
    }

    /** The helper: reads back and feeds what is written beyond the frontier, until every byte is fed. */
    private void readBack() {
        byte[] buf = new byte[CHUNK];
        lock.lock();
        try {
            while (!spoiled && !closed && frontier < size) {
                long to = readableTo();
                if (to <= frontier) {
                    // bounded: a part's chunk written while this thread held the lock signals nobody (its tryLock
                    // failed), so the wait must not depend on the next signal alone
                    try {
                        progress.await(50, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        return; // nothing interrupts the helper; if something did, the finally voids what is unfinished
                    }
                    continue;
                }
                int n = (int) Math.min(CHUNK, to - frontier);
                // read and fed under the lock: a part's own chunk cannot slip in between (it is read back instead)
                if (!readFully(buf, n, frontier)) {
                    spoiled = true;
                    break;
                }
                digests.update(buf, 0, n);
                frontier += n;
                progress.signalAll();
            }
        } finally {
            if (frontier < size) {
                spoiled = true; // stopped or failed: finish() must not wait for bytes nobody will feed
            }
            progress.signalAll();
            lock.unlock();
        }
    }

    private boolean readFully(byte[] buf, int n, long pos) {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
        try {
            while (bb.hasRemaining()) {
                if (ch.read(bb, pos + bb.position()) < 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false; // the check reads the file itself and reports what is wrong with it
        }
    }
}
