package io.obitox.watch;

import java.time.Instant;

/**
 * A watch's health as last written by the process running it (or {@code STOPPED} when none does).
 *
 * @param reason why the state is {@code ERROR} (a sentence naming the fix), else null
 * @param running whether a live process owns the watch now
 */
public record WatchHealth(
        WatchState state, String reason, Instant lastEvent, Instant lastScan, Counters counters, boolean running) {

    /** Files taken since the watch was added: seen = every file taken after settling; the rest say how it ended. */
    public record Counters(long seen, long uploaded, long skipped, long rejected, long failed) {
        public static final Counters ZERO = new Counters(0, 0, 0, 0, 0);

        public Counters plus(Counters o) {
            return new Counters(
                    seen + o.seen,
                    uploaded + o.uploaded,
                    skipped + o.skipped,
                    rejected + o.rejected,
                    failed + o.failed);
        }

        public boolean isZero() {
            return equals(ZERO);
        }
    }
}
