package io.obitox.transfer;

import java.util.concurrent.Semaphore;

/**
 * The number of requests in flight over all transfers, resizable while transfers run. Thread-safe.
 */
final class RequestSlots {
    private final ResizableSemaphore permits;
    private int limit;

    RequestSlots(int limit) {
        this.limit = limit;
        this.permits = new ResizableSemaphore(limit);
    }

    void acquire() throws InterruptedException {
        permits.acquire();
    }

    void release() {
        permits.release();
    }

    synchronized void resize(int newLimit) {
        int delta = newLimit - limit;
        if (delta > 0) {
            permits.release(delta);
        } else if (delta < 0) {
            permits.shrink(-delta);
        }
        limit = newLimit;
    }

    synchronized int limit() {
        return limit;
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
