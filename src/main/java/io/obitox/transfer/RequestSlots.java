package io.obitox.transfer;

import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The number of requests in flight over all transfers: the configured concurrency, resizable while transfers run,
 * and lowered for a while when the server says it is overloaded. Additive increase, multiplicative decrease: a
 * {@code SlowDown} or 503 halves the limit (at most once a second, so one burst of refusals is one cut), and every
 * round of as many successful requests as the limit raises it by one again, up to the configured value.
 *
 * <p>Thread-safe: acquire/release from the request threads; the rest is synchronized and cheap.
 */
final class RequestSlots {
    private static final Logger log = LoggerFactory.getLogger(RequestSlots.class);
    private static final long CUT_INTERVAL_NANOS = 1_000_000_000L;

    private final ResizableSemaphore permits;
    private int configured;
    private int limit;
    private int successes;
    private long lastCut = System.nanoTime() - CUT_INTERVAL_NANOS;

    RequestSlots(int limit) {
        this.configured = limit;
        this.limit = limit;
        this.permits = new ResizableSemaphore(limit);
    }

    void acquire() throws InterruptedException {
        permits.acquire();
    }

    void release() {
        permits.release();
    }

    /** A new configured concurrency (the user's setting): the limit follows it at once. */
    synchronized void resize(int newLimit) {
        configured = newLimit;
        successes = 0;
        setLimit(newLimit);
    }

    /** The server refused a request as overloaded ({@code SlowDown}, 503): fewer requests at a time for a while. */
    synchronized void throttled() {
        long now = System.nanoTime();
        if (now - lastCut < CUT_INTERVAL_NANOS || limit == 1) {
            return;
        }
        lastCut = now;
        successes = 0;
        int lower = Math.max(1, limit / 2);
        log.info("The server asked to slow down: {} requests at a time instead of {} for now.", lower, limit);
        setLimit(lower);
    }

    /** A request succeeded: after a round of successes the limit creeps back towards the configured value. */
    synchronized void succeeded() {
        if (limit >= configured) {
            return;
        }
        if (++successes >= limit) {
            successes = 0;
            setLimit(limit + 1);
        }
    }

    synchronized int limit() {
        return limit;
    }

    /** Permits free now (the limit less the requests in flight; below zero while a cut waits for them to end). */
    int available() {
        return permits.availablePermits();
    }

    private void setLimit(int newLimit) {
        int delta = newLimit - limit;
        if (delta > 0) {
            permits.release(delta);
        } else if (delta < 0) {
            permits.shrink(-delta);
        }
        limit = newLimit;
    }

    private static final class ResizableSemaphore extends Semaphore {
        ResizableSemaphore(int permits) {
            super(permits, true);
        }

        void shrink(int by) {
            reducePermits(by);
        }
    }
}
