package io.obitox.transfer;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket over all transfers, changeable while they run. Thread-safe: every reading stream asks it for bytes
 * before it hands them to the HTTP client; with no limit it returns at once.
 */
public final class BandwidthLimiter {
    private long bytesPerSecond;
    private double tokens;
    private long lastRefill = System.nanoTime();

    public BandwidthLimiter(long bytesPerSecond) {
        setLimit(bytesPerSecond);
    }

    /** 0 removes the limit. Takes effect for the next chunk every stream reads. */
    public synchronized void setLimit(long bytesPerSecond) {
        this.bytesPerSecond = Math.max(0, bytesPerSecond);
        this.tokens = Math.min(tokens, burst());
        this.lastRefill = System.nanoTime();
    }

    public synchronized long limit() {
        return bytesPerSecond;
    }

    /** Blocks until {@code bytes} may be sent. */
    public void acquire(int bytes) throws InterruptedException {
        long waitNanos;
        while ((waitNanos = reserve(bytes)) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(waitNanos, TimeUnit.MILLISECONDS.toNanos(200)));
            bytes = 0; // already reserved; loop only to sleep out the debt (a rate change is seen after 200 ms)
        }
    }

    private synchronized long reserve(int bytes) {
        if (bytesPerSecond == 0) {
            tokens = 0;
            return 0;
        }
        long now = System.nanoTime();
        tokens = Math.min(burst(), tokens + (now - lastRefill) / 1e9 * bytesPerSecond);
        lastRefill = now;
        tokens -= bytes;
        return tokens >= 0 ? 0 : (long) (-tokens / bytesPerSecond * 1e9);
    }

    private double burst() {
        return Math.max(64 * 1024, bytesPerSecond / 4.0);
    }
}
