package io.obitox.common.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Holds the tasks given to it until {@link #open()}, then hands them, and every later one, to the wrapped executor.
 *
 * <p>Why: the views start background work as soon as they are built (bucket listings, which start the embedded
 * sandbox). On a two-core machine that work competed with building and painting the window and made the first frame
 * later; held until the window has painted, it costs the user nothing visible.
 *
 * <p>Thread-safe: tasks may arrive from any thread, {@link #open()} may be called from any thread and more than once.
 */
public final class HeldExecutor implements Executor {
    private final Executor target;
    private List<Runnable> held = new ArrayList<>(); // null once open; guarded by this

    public HeldExecutor(Executor target) {
        this.target = target;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (held != null) {
                held.add(task);
                return;
            }
        }
        target.execute(task);
    }

    /** Runs what was held, in order of arrival, and stops holding. */
    public void open() {
        List<Runnable> release;
        synchronized (this) {
            release = held;
            held = null;
        }
        if (release != null) {
            release.forEach(target::execute);
        }
    }
}
