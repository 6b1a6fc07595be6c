package io.obitox.transfer;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests in flight over all transfers. One limit {@code L}, the configured concurrency, resizable while
 * transfers run and lowered for a while when the server is overloaded:
 *
 * <ul>
 *   <li><b>Small files take more.</b> A part of a big file or a control request (create, complete, list, HEAD)
 *       holds one of {@code L} part slots; a small file's single PUT does not, and every request holds one of
 *       {@code 2L} slots in all. A small PUT spends most of its time waiting for the server's answer rather than
 *       sending bytes, so more of them at once keep the server busy (the raw ceiling of 1,000 small PUTs on RGW was
 *       best at 32 in flight), while parts, which fill the link, stay at {@code L}.
 *   <li><b>Overloaded: less, then back up.</b> Additive increase, multiplicative decrease: a {@code SlowDown} or 503
 *       halves the limit (at most once a second, so one burst of refusals is one cut), and every round of as many
 *       successful requests as the limit raises it by one again, up to the configured value.
 *   <li><b>Rising latency: less.</b> The latency of small PUTs and of parts is followed separately (a moving
 *       average). Once it has settled at the current limit it is the baseline; when it later doubles at that same
 *       limit, the server (or the path to it) takes the same work at half the rate, and the limit is cut to three
 *       quarters, not below a quarter of the setting. Queueing that comes with more requests in flight is not a
 *       rise: a cut or a new setting starts a new baseline (one more request at a time, while climbing back, adds
 *       too little queueing to matter).
 * </ul>
 *
 * <p>Thread-safe: acquire/release from the request threads; the rest is synchronized and cheap.
 */
final class RequestSlots {
    private static final Logger log = LoggerFactory.getLogger(RequestSlots.class);
    private static final long CUT_INTERVAL_NANOS = 1_000_000_000L;
    /** Samples before a latency average counts (and at least one round of the limit). */
    private static final int MIN_SAMPLES = 8;

    /** What a request is, for the slot it takes and whose latency it is compared with. */
    enum Kind {
        /** The single PUT of a small file. */
        SMALL,
        /** A part of a multipart upload. */
        PART,
        /** Create, complete, list, HEAD: short requests whose latency says little. */
        CONTROL
    }

    private final ResizableSemaphore all;
    private final ResizableSemaphore parts;
    private final LongSupplier clock;
    private final Map<Kind, Trend> trends = new EnumMap<>(Kind.class);
    private int configured;
    private int limit;
    private int successes;
    private long lastCut;

    RequestSlots(int limit) {
        this(limit, System::nanoTime);
    }

    /** @param clock nanoseconds, for the interval between cuts (tests pass their own) */
    RequestSlots(int limit, LongSupplier clock) {
        this.configured = limit;
        this.limit = limit;
        this.clock = clock;
        this.lastCut = clock.getAsLong() - CUT_INTERVAL_NANOS;
        this.all = new ResizableSemaphore(2 * limit);
        this.parts = new ResizableSemaphore(limit);
        trends.put(Kind.SMALL, new Trend());
        trends.put(Kind.PART, new Trend());
    }

    /** A part or control request's slot. */
    void acquire() throws InterruptedException {
        acquire(Kind.PART);
    }

    void release() {
        release(Kind.PART);
    }

    void acquire(Kind kind) throws InterruptedException {
        if (kind == Kind.SMALL) {
            all.acquire();
            return;
        }
        parts.acquire();
        try {
            all.acquire();
        } catch (InterruptedException e) {
            parts.release();
            throw e;
        }
    }

    void release(Kind kind) {
        all.release();
        if (kind != Kind.SMALL) {
            parts.release();
        }
    }

    /** A new configured concurrency (the user's setting): the limit follows it at once. */
    synchronized void resize(int newLimit) {
        configured = newLimit;
        successes = 0;
        setLimit(newLimit);
    }

    /** The server refused a request as overloaded ({@code SlowDown}, 503): fewer requests at a time for a while. */
    synchronized void throttled() {
        long now = clock.getAsLong();
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

    /** A request of this kind succeeded after {@code nanos} (send and answer, without waiting for a slot). */
    synchronized void succeeded(Kind kind, long nanos) {
        Trend trend = trends.get(kind);
        if (trend != null && trend.add(nanos, Math.max(MIN_SAMPLES, limit)) && cutForLatency(kind, trend)) {
            return;
        }
        succeeded();
    }

    /** Cuts the limit when the latency doubled at this limit (not below a quarter of the setting); true if it did. */
    private boolean cutForLatency(Kind kind, Trend trend) {
        int floor = Math.max(1, configured / 4);
        long now = clock.getAsLong();
        if (trend.average <= 2 * trend.baseline || limit <= floor || now - lastCut < CUT_INTERVAL_NANOS) {
            return false;
        }
        lastCut = now;
        successes = 0;
        int lower = Math.max(floor, limit * 3 / 4);
        log.info(
                "Requests take longer ({} ms for a {}, {} ms before): {} at a time instead of {} for now.",
                trend.average / 1_000_000,
                kind == Kind.SMALL ? "small file" : "part",
                trend.baseline / 1_000_000,
                lower,
                limit);
        setLimit(lower);
        return true;
    }

    synchronized int limit() {
        return limit;
    }

    /** Part slots free now (the limit less the parts in flight; below zero while a cut waits for them to end). */
    int available() {
        return parts.availablePermits();
    }

    /** Slots free now for a small file's PUT (twice the limit less all requests in flight). */
    int availableForSmall() {
        return all.availablePermits();
    }

    private void setLimit(int newLimit) {
        int delta = newLimit - limit;
        if (delta > 0) {
            parts.release(delta);
            all.release(2 * delta);
        } else if (delta < 0) {
            parts.shrink(-delta);
            all.shrink(-2 * delta);
        }
        if (delta < 0 || newLimit == configured) {
            // a cut or a new setting changes the queueing a lot: a new baseline; one more request at a time does not
            trends.values().forEach(Trend::restart);
        }
        limit = newLimit;
    }

    /** The moving average of one kind's latency and its baseline at the current limit. Guarded by the slots. */
    private static final class Trend {
        long average;
        long baseline;
        int samples;

        /** Adds a sample; true when the average is settled and compared with a baseline. */
        boolean add(long nanos, int settle) {
            average = samples == 0 ? nanos : average + (nanos - average) / 8;
            samples++;
            if (samples < settle) {
                return false;
            }
            if (baseline == 0 || average < baseline) {
                baseline = average;
                return false;
            }
            return samples >= 2 * settle;
        }

        void restart() {
            average = 0;
            baseline = 0;
            samples = 0;
        }
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
