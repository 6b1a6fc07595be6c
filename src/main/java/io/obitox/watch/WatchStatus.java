package io.obitox.watch;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running watch's state, reason, times and counters, written to the database at most once per {@link #flush}
 * (the runner flushes once a second), and its problems: each {@link WatchProblem.Kind} is told once when it begins
 * and again only after it was {@link #cleared} and came back, so a folder that stays gone or a target that keeps
 * failing raises one notification, not one per file or retry.
 *
 * <p>Threading: confined to the watch's thread, except {@link #state} and {@link #thisRun} (volatile reads, any
 * thread).
 */
final class WatchStatus {
    private static final Logger log = LoggerFactory.getLogger(WatchStatus.class);

    private final Watch watch;
    private final WatchRepository repo;
    private final String owner;
    private final Consumer<WatchProblem> problems;
    private final Set<WatchProblem.Kind> active = EnumSet.noneOf(WatchProblem.Kind.class);

    private volatile WatchState state = WatchState.WATCHING;
    private volatile WatchHealth.Counters thisRun = WatchHealth.Counters.ZERO;
    private String reason;
    private Instant lastEvent;
    private Instant lastScan;
    private WatchHealth.Counters delta = WatchHealth.Counters.ZERO;
    private boolean dirty = true;

    WatchStatus(Watch watch, WatchRepository repo, String owner, Consumer<WatchProblem> problems) {
        this.watch = watch;
        this.repo = repo;
        this.owner = owner;
        this.problems = problems;
    }

    /** A state without a problem (watching, scanning, paused): the reason goes. */
    void set(WatchState s) {
        change(s, null);
    }

    /** {@code ERROR} with this reason; told once while the kind is not cleared. */
    void problem(WatchProblem.Kind kind, String why) {
        change(WatchState.ERROR, why);
        notice(kind, why);
    }

    /** Told once while the kind is not cleared, without changing the state (a warning, not an error). */
    void notice(WatchProblem.Kind kind, String why) {
        if (active.add(kind)) {
            problems.accept(new WatchProblem(watch.id(), watch.folder(), kind, why));
        }
    }

    /** The problems of these kinds are over: if they come back, they are told again. */
    void cleared(WatchProblem.Kind... kinds) {
        for (WatchProblem.Kind k : kinds) {
            active.remove(k);
        }
    }

    boolean has(WatchProblem.Kind kind) {
        return active.contains(kind);
    }

    void event(Instant at) {
        lastEvent = at;
        dirty = true;
    }

    void scanned(Instant at) {
        lastScan = at;
        dirty = true;
    }

    void add(WatchHealth.Counters d) {
        if (!d.isZero()) {
            delta = delta.plus(d);
            thisRun = thisRun.plus(d);
            dirty = true;
        }
    }

    /** Writes what changed since the last write; a failed write is logged and tried again at the next flush. */
    void flush() {
        if (!dirty) {
            return;
        }
        try {
            repo.writeHealth(watch.id(), owner, state, reason, lastEvent, lastScan, delta);
            delta = WatchHealth.Counters.ZERO;
            dirty = false;
        } catch (RuntimeException e) {
            log.warn("Watch {}: health not written: {}", watch.id(), e.toString());
        }
    }

    /** Writes the last counters even when nothing changed (the runner's stop). */
    void flushAll() {
        dirty = true;
        flush();
    }

    WatchState state() {
        return state;
    }

    WatchHealth.Counters thisRun() {
        return thisRun;
    }

    private void change(WatchState s, String why) {
        if (s != state || !Objects.equals(why, reason)) {
            state = s;
            reason = why;
            dirty = true;
        }
    }
}
