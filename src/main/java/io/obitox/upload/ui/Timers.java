package io.obitox.upload.ui;

import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.util.Duration;

/**
 * The Upload view models' timers (the verdict drain, the preview's settle delay), behind an interface so their unit
 * tests run without a toolkit (an animation cannot start without one) and fire them by hand. {@link #FX}: the FX
 * pulse's timers, whose actions run on the FX thread. Start and stop them on the FX thread.
 */
interface Timers {
    /** A timer; {@link #start()} (re)starts it from the beginning. */
    interface Timer {
        void start();

        void stop();
    }

    /** Runs {@code action} every {@code period} while started. */
    Timer repeat(Duration period, Runnable action);

    /** Runs {@code action} once, {@code delay} after the last start. */
    Timer once(Duration delay, Runnable action);

    Timers FX = new Timers() {
        @Override
        public Timer repeat(Duration period, Runnable action) {
            Timeline t = new Timeline(new KeyFrame(period, e -> action.run()));
            t.setCycleCount(Timeline.INDEFINITE);
            return timer(t::play, t::stop);
        }

        @Override
        public Timer once(Duration delay, Runnable action) {
            PauseTransition p = new PauseTransition(delay);
            p.setOnFinished(e -> action.run());
            return timer(p::playFromStart, p::stop);
        }

        private Timer timer(Runnable start, Runnable stop) {
            return new Timer() {
                @Override
                public void start() {
                    start.run();
                }

                @Override
                public void stop() {
                    stop.run();
                }
            };
        }
    };
}
