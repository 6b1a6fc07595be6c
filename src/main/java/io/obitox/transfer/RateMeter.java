package io.obitox.transfer;

import java.util.ArrayDeque;

/** Bytes per second over the last few seconds, from (time, total bytes) samples. Thread-safe. */
final class RateMeter {
    private static final long WINDOW_NANOS = 5_000_000_000L;
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    synchronized void record(long nanos, long totalBytes) {
        long[] last = samples.peekLast();
        if (last != null && nanos - last[0] < 100_000_000L) {
            return;
        }
        samples.addLast(new long[] {nanos, totalBytes});
        while (samples.size() > 2 && nanos - samples.peekFirst()[0] > WINDOW_NANOS) {
            samples.removeFirst();
        }
    }

    synchronized double rate() {
        if (samples.size() < 2) {
            return 0;
        }
        long[] first = samples.peekFirst();
        long[] last = samples.peekLast();
        long dt = last[0] - first[0];
        return dt <= 0 ? 0 : Math.max(0, (last[1] - first[1]) * 1e9 / dt);
    }
}
