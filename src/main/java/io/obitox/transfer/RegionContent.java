package io.obitox.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * A byte range of a file as a request body: from memory (a part or small file read once into a buffer, see {@link
 * PartBuffers}) or read straight from disk (a part too large to buffer). Every read passes the bandwidth limiter,
 * counts progress and checks whether the transfer was asked to stop, so pause and cancel interrupt a request within
 * one chunk. The SDK's Apache client copies a body through its own 4 KiB buffer ({@code InputStreamEntity}), so
 * reads arrive 4 KiB at a time whatever {@code CHUNK} allows; the cap only bounds other callers.
 *
 * <p>The SDK may open the stream more than once (retries, payload hashing): each new stream restarts this range's
 * progress count, so the total never runs ahead of what was really sent.
 *
 * <p>Threading: a stream is read by the thread that sends the request (a part thread or the coordinator); {@link
 * #newStream}, {@link #release} and the progress count are synchronized because a retry may open a new stream while
 * the SDK still closes the old one. The in-memory bytes are never written once the body exists.
 */
final class RegionContent implements ContentStreamProvider {
    private static final int CHUNK = 64 * 1024;

    private final Path path;
    /** The whole body already read (a small file, read once for hashing and sending); null to read from disk. */
    private final byte[] data;

    private final long offset;
    private final long length;
    private final BandwidthLimiter limiter;
    private final AtomicLong progress;
    private final BooleanSupplier stopRequested;
    private long counted;
    private Stream current;

    /**
     * @param progress the transfer's in-flight byte counter; this range adds what it sent and takes it back when a
     *     stream restarts or the range ends ({@link #release()})
     */
    RegionContent(
            Path path,
            long offset,
            long length,
            BandwidthLimiter limiter,
            AtomicLong progress,
            BooleanSupplier stopRequested) {
        this(path, null, offset, length, limiter, progress, stopRequested);
    }

    private RegionContent(
            Path path,
            byte[] data,
            long offset,
            long length,
            BandwidthLimiter limiter,
            AtomicLong progress,
            BooleanSupplier stopRequested) {
        this.path = path;
        this.data = data;
        this.offset = offset;
        this.length = length;
        this.limiter = limiter;
        this.progress = progress;
        this.stopRequested = stopRequested;
    }

    /** A body sent from memory: the bytes that were hashed are the bytes that go out (small files). */
    static RegionContent inMemory(
            Path path, byte[] data, BandwidthLimiter limiter, AtomicLong progress, BooleanSupplier stopRequested) {
        return inMemory(path, data, data.length, limiter, progress, stopRequested);
    }

    /**
     * The first {@code length} bytes of {@code data} (a part read once into a pooled buffer) as the body: a retry
     * sends the same bytes again without reading the file.
     */
    static RegionContent inMemory(
            Path path,
            byte[] data,
            int length,
            BandwidthLimiter limiter,
            AtomicLong progress,
            BooleanSupplier stopRequested) {
        return new RegionContent(path, data, 0, length, limiter, progress, stopRequested);
    }

    @Override
    public synchronized InputStream newStream() {
        if (current != null) {
            current.closeQuietly();
        }
        progress.addAndGet(-counted);
        counted = 0;
        current = new Stream();
        return current;
    }

    /** Takes this range's bytes back out of the in-flight counter (the caller then counts the part as done). */
    synchronized void release() {
        progress.addAndGet(-counted);
        counted = 0;
        if (current != null) {
            current.closeQuietly();
            current = null;
        }
    }

    private synchronized void count(long n) {
        counted += n;
        progress.addAndGet(n);
    }

    /** Raised inside the HTTP client when the transfer is paused or cancelled. */
    static final class StoppedException extends InterruptedIOException {
        StoppedException() {
            super("transfer stopped");
        }
    }

    /** A failure to read the source file (not the network): the engine does not retry it. */
    static final class SourceReadException extends IOException {
        SourceReadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final class Stream extends InputStream {
        private FileChannel channel;
        private long position = offset;
        private final long end = offset + length;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (stopRequested.getAsBoolean()) {
                throw new StoppedException();
            }
            if (position >= end) {
                return -1;
            }
            int want = (int) Math.min(Math.min(len, CHUNK), end - position);
            try {
                limiter.acquire(want);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoppedException();
            }
            int n;
            if (data != null) {
                System.arraycopy(data, (int) position, b, off, want);
                position += want;
                count(want);
                return want;
            }
            try {
                if (channel == null) {
                    channel = FileChannel.open(path, StandardOpenOption.READ);
                }
                n = channel.read(ByteBuffer.wrap(b, off, want), position);
            } catch (IOException e) {
                throw new SourceReadException("cannot read " + path + ": " + e.getMessage(), e);
            }
            if (n < 0) {
                throw new SourceReadException(path + " became shorter while it was being uploaded", null);
            }
            position += n;
            count(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = Math.max(0, Math.min(n, end - position));
            position += k;
            return k;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, end - position);
        }

        @Override
        public void close() {
            closeQuietly();
        }

        void closeQuietly() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // read-only channel
            }
            channel = null;
        }
    }
}
