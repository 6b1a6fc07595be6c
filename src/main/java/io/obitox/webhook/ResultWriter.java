package io.obitox.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes delivery results in batches on its own thread. An H2 commit costs about a millisecond of CPU whatever it
 * holds, so results arriving within {@value #LINGER_MILLIS} ms (or while a commit runs) share one transaction, and
 * the delivery thread is free for the next delivery at once. Until its result is written a row stays IN_FLIGHT for
 * this process: if the process dies first, the next start sends it again (at-least-once, same webhook-id).
 *
 * <p>Thread-safe: {@link #submit} never blocks; {@link #close} writes what is queued before it returns.
 */
final class ResultWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ResultWriter.class);
    static final int LINGER_MILLIS = 3;
    private static final int MAX_BATCH = 256;

    private final DeliveryQueue deliveries;
    private final String owner;
    private final Runnable afterWrite;
    private final LinkedBlockingQueue<DeliveryQueue.Result> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    /** {@code afterWrite} runs on the writer thread after a batch that scheduled a retry (the dispatcher's timer). */
    ResultWriter(DeliveryQueue deliveries, String owner, Runnable afterWrite) {
        this.deliveries = deliveries;
        this.owner = owner;
        this.afterWrite = afterWrite;
        this.thread = new Thread(this::run, "webhook-results");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void submit(DeliveryQueue.Result r) {
        queue.add(r);
    }

    private void run() {
        while (!closed || !queue.isEmpty()) {
            try {
                DeliveryQueue.Result first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<DeliveryQueue.Result> batch = new ArrayList<>();
                batch.add(first);
                long lingerEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
                while (batch.size() < MAX_BATCH && !closed) {
                    long left = lingerEnd - System.nanoTime();
                    DeliveryQueue.Result next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                queue.drainTo(batch, MAX_BATCH - batch.size());
                write(batch);
                if (batch.stream().anyMatch(r -> r.to() == DeliveryState.PENDING)) {
                    afterWrite.run(); // a retry was scheduled: the dispatcher's timer must know
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void write(List<DeliveryQueue.Result> batch) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                deliveries.finishAll(batch, owner);
                return;
            } catch (RuntimeException e) {
                if (attempt >= 3) {
                    // the rows stay IN_FLIGHT for this process; the next start sends them again
                    log.warn("Could not record {} webhook results: {}", batch.size(), e.getMessage(), e);
                    return;
                }
                Thread.sleep(Duration.ofMillis(200L * attempt).toMillis());
            }
        }
    }

    /** Stops taking new work and writes everything queued (waits up to 5 s). */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
