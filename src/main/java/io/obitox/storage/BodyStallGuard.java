package io.obitox.storage;

import io.obitox.common.Threads;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Wraps the bulk HTTP client so that a request whose body stops moving is aborted, and fails with {@link
 * StalledBodyException}, instead of hanging for ever.
 *
 * <p>Why: a server (or middlebox) that stops reading a request body without closing the connection (Ceph RGW with a
 * full disk) leaves the sending thread in a socket write. Apache's socket timeout covers reads only, classic Java
 * sockets have no write timeout, and interrupting the thread does not end the write. Closing the socket from another
 * thread does: {@link ExecutableHttpRequest#abort()} of the SDK's Apache client calls {@code HttpRequestBase.abort()},
 * which cancels the request's {@code ConnectionHolder}, which shuts the connection down ({@code SO_LINGER 0}, then
 * {@code Socket.close()}); the blocked write fails at once with "Socket closed". (The SDK's own per-attempt timeout,
 * {@code apiCallAttemptTimeout}, aborts through the same {@code abort()} from a timer thread.)
 *
 * <p>Why a progress watchdog rather than {@code apiCallAttemptTimeout}: an attempt timeout bounds the whole request,
 * so it has to be sized for the slowest legitimate upload (a bandwidth limit shared by many parts, a slow link) and
 * then takes that long to notice a stall, and any guess at the slowest rate kills good uploads below it. The Apache
 * client asks the body for the next 4 KiB as soon as the previous write returned, so on a link that moves at all the
 * gaps between body reads stay short, while a stalled write makes the gap grow without bound. Time spent inside a body
 * read (the bandwidth limiter, the disk) is the sender's own pace, not a stall, and does not count, so a global limit
 * shared by many parts needs no allowance. Nothing has to be sized from the body length: the only "floor rate" is one
 * socket write (at most 8 KiB, Apache's output buffer) per stall limit, about 140 B/s at the default 60 s.
 *
 * <p>The rules, for each request with a body while {@code call()} runs, checked a few times per limit:
 *
 * <ul>
 *   <li>while the body is being sent: abort when no body bytes were read for {@code stallLimit}, not counting time
 *       inside a read;
 *   <li>after the last body byte was read and until the response head arrives: abort after {@code stallLimit +
 *       readTimeout}. The last write is one chunk like any other, and after it the socket timeout ends the wait for
 *       the answer anyway, so this never cuts a request the read timeout would have let through;
 *   <li>a request whose calling thread was interrupted (engine shutdown) is aborted too, since the interrupt alone does
 *       not end a blocked write.
 * </ul>
 *
 * Reading the response is left to the socket timeout. Requests without a body are not watched for stalls. Any
 * request sent inside a {@link RequestGroup} joins it, so that its owner can abort it at once (a paused transfer).
 *
 * <p>Threading: {@link #prepareRequest} and the returned requests are used from any number of threads; one daemon
 * thread checks the running requests and aborts them; {@link #close} stops it and closes the wrapped client.
 */
final class BodyStallGuard implements SdkHttpClient {
    private static final Logger log = LoggerFactory.getLogger(BodyStallGuard.class);

    private final SdkHttpClient delegate;
    private final long stallNanos;
    private final long tailNanos;
    private final Duration stallLimit;
    private final Duration tailLimit;
    private final Set<Watch> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog =
            Executors.newSingleThreadScheduledExecutor(Threads.daemon("body-stall-watchdog"));

    /**
     * @param stallLimit how long a request body may make no progress before the request is aborted
     * @param readTimeout the wrapped client's socket (read) timeout
     */
    BodyStallGuard(SdkHttpClient delegate, Duration stallLimit, Duration readTimeout) {
        this.delegate = delegate;
        this.stallLimit = stallLimit;
        this.tailLimit = stallLimit.plus(readTimeout);
        this.stallNanos = stallLimit.toNanos();
        this.tailNanos = tailLimit.toNanos();
        long tick = Math.max(50, Math.min(1000, stallLimit.toMillis() / 4));
        watchdog.scheduleWithFixedDelay(this::check, tick, tick, TimeUnit.MILLISECONDS);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        // read here, on the thread that sends the request: a stopped transfer aborts its requests (RequestGroup)
        RequestGroup group = RequestGroup.current();
        if (request.contentStreamProvider().isEmpty()) {
            ExecutableHttpRequest plain = delegate.prepareRequest(request);
            return group == null ? plain : group.track(plain);
        }
        long length = request.httpRequest()
                .firstMatchingHeader("Content-Length")
                .map(BodyStallGuard::parseLength)
                .orElse(-1L);
        Watch watch = new Watch(length, request.contentStreamProvider().get());
        HttpExecuteRequest.Builder wrapped =
                HttpExecuteRequest.builder().request(request.httpRequest()).contentStreamProvider(watch::newStream);
        request.metricCollector().ifPresent(wrapped::metricCollector);
        ExecutableHttpRequest inner = delegate.prepareRequest(wrapped.build());
        watch.inner = inner;
        ExecutableHttpRequest guarded = new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                watch.caller = Thread.currentThread();
                running.add(watch);
                try {
                    HttpExecuteResponse response;
                    try {
                        response = inner.call();
                    } catch (IOException | RuntimeException e) {
                        if (watch.finish()) {
                            throw e;
                        }
                        throw watch.failure(e);
                    }
                    if (!watch.finish()) { // aborted in the instant the answer came: the response is unusable
                        response.responseBody().ifPresent(BodyStallGuard::closeQuietly);
                        throw watch.failure(null);
                    }
                    return response;
                } finally {
                    watch.finish();
                    running.remove(watch);
                }
            }

            @Override
            public void abort() {
                inner.abort();
            }
        };
        return group == null ? guarded : group.track(guarded);
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        delegate.close();
    }

    private void check() {
        long now = System.nanoTime();
        for (Watch w : running) {
            try {
                w.check(now);
            } catch (RuntimeException e) {
                log.warn("Could not abort a stalled request", e); // keep watching the others
            }
        }
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already broken
        }
    }

    /** Why the watchdog aborted a request. */
    private enum Trip {
        NONE,
        STALLED,
        TAIL_STALLED,
        INTERRUPTED
    }

    /**
     * One request's body progress. Written by the request's thread (through the body stream), read by the watchdog;
     * {@link #state} decides once whether the request finished or was aborted.
     */
    private final class Watch {
        private static final int RUNNING = 0;
        private static final int DONE = 1;
        private static final int ABORTED = 2;

        private final long length;
        private final ContentStreamProvider body;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        volatile ExecutableHttpRequest inner;
        volatile Thread caller;
        private volatile boolean begun;
        private volatile boolean reading;
        private volatile long lastProgress;
        private volatile long bodyDoneAt;
        private volatile long bytes;
        private volatile Trip trip = Trip.NONE;

        Watch(long length, ContentStreamProvider body) {
            this.length = length;
            this.body = body;
        }

        /** The HTTP client may open the body again (the SDK's retries, a reset): progress starts over. */
        InputStream newStream() {
            bytes = 0;
            bodyDoneAt = 0;
            return new Counting(body.newStream());
        }

        void check(long now) {
            if (state.get() != RUNNING) {
                return;
            }
            Thread t = caller;
            if (t != null && t.isInterrupted()) {
                abort(Trip.INTERRUPTED);
                return;
            }
            if (!begun || reading) {
                return; // connecting (bounded by the connect timeouts), or the sender is pacing itself
            }
            long doneAt = bodyDoneAt;
            if (doneAt != 0 ? now - doneAt > tailNanos : now - lastProgress > stallNanos) {
                abort(doneAt != 0 ? Trip.TAIL_STALLED : Trip.STALLED);
            }
        }

        private void abort(Trip why) {
            trip = why; // before the state flips: the request's thread reads it once it sees ABORTED
            if (!state.compareAndSet(RUNNING, ABORTED)) {
                return;
            }
            log.warn(
                    "Aborting a request to the storage server: {} ({} of {} body bytes read)",
                    why == Trip.INTERRUPTED ? "its thread was interrupted" : "its body stopped moving",
                    bytes,
                    length);
            inner.abort();
        }

        /** True when the request ended on its own; false when the watchdog aborted it. */
        boolean finish() {
            return state.compareAndSet(RUNNING, DONE) || state.get() == DONE;
        }

        IOException failure(Throwable cause) {
            IOException e = trip == Trip.INTERRUPTED
                    ? new InterruptedIOException("request aborted: its thread was interrupted")
                    : trip == Trip.TAIL_STALLED
                            ? new StalledBodyException(tailLimit, true)
                            : new StalledBodyException(stallLimit, false);
            if (cause != null) {
                e.initCause(cause);
            }
            return e;
        }

        void enter() {
            begun = true;
            reading = true;
        }

        void exit(long n) {
            if (n > 0) {
                bytes += n; // only the request's thread writes
            }
            long now = System.nanoTime();
            if (n < 0 || (length >= 0 && bytes >= length)) {
                bodyDoneAt = now;
            }
            lastProgress = now;
            reading = false;
        }

        void rewind(long to) {
            bytes = to;
            bodyDoneAt = 0;
        }

        long bytes() {
            return bytes;
        }

        /** The body as the HTTP client reads it, timing each read. */
        private final class Counting extends InputStream {
            private final InputStream in;
            private long mark;

            Counting(InputStream in) {
                this.in = in;
            }

            @Override
            public int read() throws IOException {
                enter();
                int b = -2; // stays so when the read throws: no progress, not the end
                try {
                    b = in.read();
                    return b;
                } finally {
                    exit(b == -1 ? -1 : b == -2 ? 0 : 1);
                }
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                enter();
                int n = 0;
                try {
                    n = in.read(buf, off, len);
                    return n;
                } finally {
                    exit(n);
                }
            }

            @Override
            public long skip(long n) throws IOException {
                long k = in.skip(n);
                rewind(bytes() + k);
                return k;
            }

            @Override
            public int available() throws IOException {
                return in.available();
            }

            @Override
            public boolean markSupported() {
                return in.markSupported();
            }

            @Override
            public synchronized void mark(int limit) {
                in.mark(limit);
                mark = bytes();
            }

            @Override
            public synchronized void reset() throws IOException {
                in.reset();
                rewind(mark);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        }
    }
}
