package io.obitox.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The files seen but not yet taken: a file is taken once its size and mtime have stayed the same for the settle
 * time (no event about it in that time either), so a file still being written is never taken half-way. One entry
 * per pending file and nothing else; entries are kept in the order they last changed, so {@link #due} looks only at
 * the ones whose time has come. Confined to the watch's thread.
 */
final class Settler {
    private final Duration settle;
    private final LinkedHashMap<Path, Pending> pending = new LinkedHashMap<>();

    Settler(Duration settle) {
        this.settle = settle;
    }

    /** A settled file: its absolute path, size and mtime (ms) as last seen still. */
    record Candidate(Path path, long size, long mtime) {}

    private static final class Pending {
        long size;
        long mtime;
        long stableSince;

        Pending(long size, long mtime, long stableSince) {
            this.size = size;
            this.mtime = mtime;
            this.stableSince = stableSince;
        }
    }

    /** A file event: the file is (again) pending and its settle time starts over. Stats only a file new here. */
    void touched(Path file, long nowMillis) {
        Pending p = pending.remove(file);
        if (p == null) {
            BasicFileAttributes a = stat(file);
            if (a == null || !a.isRegularFile()) {
                return;
            }
            p = new Pending(a.size(), a.lastModifiedTime().toMillis(), nowMillis);
        } else {
            p.stableSince = nowMillis;
        }
        pending.put(file, p);
    }

    /** A file found by a scan with this size and mtime: pending unless it already is. */
    void found(Path file, long size, long mtime, long nowMillis) {
        pending.putIfAbsent(file, new Pending(size, mtime, nowMillis));
    }

    /** A settled file that a process still has open for writing: pending again, its settle time starts over. */
    void held(Candidate c, long nowMillis) {
        pending.remove(c.path());
        pending.put(c.path(), new Pending(c.size(), c.mtime(), nowMillis));
    }

    int size() {
        return pending.size();
    }

    void clear() {
        pending.clear();
    }

    /** Milliseconds until the oldest pending file may be due, or -1 when none is pending. */
    long millisToNext(long nowMillis) {
        Iterator<Pending> it = pending.values().iterator();
        return it.hasNext() ? Math.max(0, it.next().stableSince + settle.toMillis() - nowMillis) : -1;
    }

    /**
     * The files whose settle time has passed and whose size and mtime are still those first seen (one stat each),
     * at most {@code max}; a file that changed starts over, one that is gone is dropped.
     */
    List<Candidate> due(long nowMillis, int max) {
        List<Candidate> out = new ArrayList<>();
        List<java.util.Map.Entry<Path, Pending>> again = new ArrayList<>();
        Iterator<java.util.Map.Entry<Path, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext() && out.size() < max) {
            var e = it.next();
            Pending p = e.getValue();
            if (p.stableSince + settle.toMillis() > nowMillis) {
                break; // the rest changed later
            }
            it.remove();
            BasicFileAttributes a = stat(e.getKey());
            if (a == null || !a.isRegularFile()) {
                continue;
            }
            long mtime = a.lastModifiedTime().toMillis();
            if (a.size() == p.size && mtime == p.mtime) {
                out.add(new Candidate(e.getKey(), p.size, p.mtime));
            } else {
                p.size = a.size();
                p.mtime = mtime;
                p.stableSince = nowMillis;
                again.add(java.util.Map.entry(e.getKey(), p));
            }
        }
        for (var e : again) {
            pending.put(e.getKey(), e.getValue()); // to the end: its settle time starts over
        }
        return out;
    }

    static BasicFileAttributes stat(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
