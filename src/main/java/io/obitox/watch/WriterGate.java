package io.obitox.watch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Between the {@link Settler} and the pipeline: settled files that a process still has open for writing
 * ({@link OpenWriters}) go back to the settler for another settle time; the rest pass. One pass over the OS's open
 * descriptors costs tens of milliseconds on a busy machine, so passes are at least {@link #GAP_MILLIS} apart: files
 * that settle meanwhile wait here (at most {@code max}, not more than were pending) and go through the next pass
 * together; a full batch ({@code max} files, a burst or a first scan) passes at once, its pass costing well under a
 * millisecond per file. A trickle of 10 files/s thus costs two passes a second, not ten, and adds at most half a
 * second. Where the OS shows no writers, files pass at once. Confined to the watch's thread.
 */
final class WriterGate {
    static final long GAP_MILLIS = 500;

    private final OpenWriters writers;
    private final int max;
    private List<Settler.Candidate> waiting = new ArrayList<>();
    private long nextPass;

    WriterGate(OpenWriters writers, int max) {
        this.writers = writers;
        this.max = max;
    }

    /** The settled files that may be taken now (none while the next pass is not due). */
    List<Settler.Candidate> take(Settler settler, long nowMillis) {
        if (!writers.available()) {
            return settler.due(nowMillis, max);
        }
        if (waiting.size() < max) {
            waiting.addAll(settler.due(nowMillis, max - waiting.size()));
        }
        if (waiting.isEmpty() || (nowMillis < nextPass && waiting.size() < max)) {
            return List.of(); // a full batch passes at once: a first scan of 100,000 files is not held to 2,000/s
        }
        nextPass = nowMillis + GAP_MILLIS;
        List<Settler.Candidate> due = waiting;
        waiting = new ArrayList<>();
        Set<Path> open =
                writers.openForWriting(due.stream().map(Settler.Candidate::path).toList());
        if (open.isEmpty()) {
            return due;
        }
        List<Settler.Candidate> out = new ArrayList<>(due.size());
        for (Settler.Candidate c : due) {
            if (open.contains(c.path())) {
                settler.held(c, nowMillis); // another settle time; a writer's close sends no event
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /** Milliseconds until files waiting here may pass, or -1 when none waits. */
    long millisToNext(long nowMillis) {
        return waiting.isEmpty() ? -1 : Math.max(0, nextPass - nowMillis);
    }

    /** The watch paused or its folder went: what waits is dropped (the next scan finds it again). */
    void clear() {
        waiting.clear();
    }
}
