package io.obitox.upload.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.util.Duration;

/** {@link Timers} for view-model tests without a toolkit: nothing runs until the test fires the started timers. */
final class ManualTimers implements Timers {
    private final List<Entry> timers = new ArrayList<>();

    private static final class Entry implements Timer {
        final Runnable action;
        final boolean repeat;
        boolean running;

        Entry(Runnable action, boolean repeat) {
            this.action = action;
            this.repeat = repeat;
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            running = false;
        }
    }

    @Override
    public Timer repeat(Duration period, Runnable action) {
        Entry e = new Entry(action, true);
        timers.add(e);
        return e;
    }

    @Override
    public Timer once(Duration delay, Runnable action) {
        Entry e = new Entry(action, false);
        timers.add(e);
        return e;
    }

    /** One tick of every started repeating timer (the verdict drain). */
    void tick() {
        for (Entry e : List.copyOf(timers)) {
            if (e.repeat && e.running) {
                e.action.run();
            }
        }
    }

    /** Whether a one-off timer is waiting to fire (the preview's settle delay). */
    boolean delayPending() {
        return timers.stream().anyMatch(e -> !e.repeat && e.running);
    }

    /** Fires the one-off timers that are started, as if their delay had passed. */
    void elapse() {
        for (Entry e : List.copyOf(timers)) {
            if (!e.repeat && e.running) {
                e.running = false;
                e.action.run();
            }
        }
    }
}
