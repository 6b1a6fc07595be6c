package io.obitox.transfer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Snapshots read from the database on demand, the running transfers among them replaced by the engine's live ones
 * (bytes in flight, speed, time left): a page of the queue, its totals, the rows of a list of ids, the newest, the
 * unfinished. Nothing is cached, so memory does not grow with the queue or the history.
 *
 * <p>Threading: thread-safe, no state but the lazily built {@link TransferPages}; every call blocks on the database
 * (off the FX thread).
 */
final class SnapshotReads {
    private final TransferRepository repo;
    private final TransferEngine engine;
    private final TransferQueries queries;
    private volatile TransferPages pages;

    SnapshotReads(TransferRepository repo, TransferEngine engine) {
        this.repo = repo;
        this.engine = engine;
        this.queries = new TransferQueries(repo.database());
    }

    /** The snapshots of {@code ids} in that order (ids with no row are left out); read 500 at a time. */
    List<TransferSnapshot> of(List<String> ids) {
        Map<String, Transfer> byId = new HashMap<>();
        for (Transfer t : queries.findAll(ids)) {
            byId.put(t.id(), t);
        }
        List<TransferSnapshot> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            Transfer t = byId.get(id);
            if (t != null) {
                out.add(engine.snapshot(t));
            }
        }
        return out;
    }

    /** See {@link TransferProgress}: one aggregate query per 500 ids, the running ones among them live. */
    TransferProgress progress(List<String> ids, Set<String> idSet) {
        List<TransferSnapshot> running = new ArrayList<>();
        Set<String> runningIds = new java.util.HashSet<>();
        for (TransferSnapshot s : engine.runningSnapshots()) {
            if (idSet.contains(s.id())) {
                running.add(s);
                runningIds.add(s.id());
            }
        }
        long[] t = queries.tally(ids, runningIds);
        long size = t[3];
        long done = t[4];
        double speed = 0;
        for (TransferSnapshot s : running) {
            size += s.size();
            done += s.bytesDone();
            speed += s.speedBps();
        }
        return new TransferProgress((int) t[0] + running.size(), (int) t[1], (int) t[2], size, done, speed);
    }

    /** The newest {@code limit} transfers, oldest of them first. */
    List<TransferSnapshot> recent(int limit) {
        List<Transfer> newest = repo.recent(limit);
        List<TransferSnapshot> out = new ArrayList<>(newest.size());
        for (int i = newest.size() - 1; i >= 0; i--) {
            out.add(engine.snapshot(newest.get(i)));
        }
        out.sort(Comparator.comparing(TransferSnapshot::createdAt).thenComparing(TransferSnapshot::id));
        return out;
    }

    /** Every transfer that is not finished (queued, running, paused, failed), oldest first. */
    List<TransferSnapshot> unfinished() {
        return repo.unfinished().stream().map(engine::snapshot).toList();
    }

    /** At most {@code limit} transfers whose id starts with {@code prefix}. */
    List<TransferSnapshot> byIdPrefix(String prefix, int limit) {
        return queries.byIdPrefix(prefix, limit).stream().map(engine::snapshot).toList();
    }

    TransferPages.Page page(Set<TransferState> states, long offset, int limit, TransferPages.Totals counts) {
        TransferPages.Page p = pages().page(states, offset, limit, counts);
        Map<String, TransferSnapshot> running = new HashMap<>();
        engine.runningSnapshots().forEach(s -> running.put(s.id(), s));
        if (running.isEmpty()) {
            return p;
        }
        List<TransferSnapshot> rows = new ArrayList<>(p.rows().size());
        p.rows().forEach(r -> rows.add(running.getOrDefault(r.id(), r)));
        return new TransferPages.Page(rows, p.offset(), p.matching());
    }

    TransferService.QueueTotals totals() {
        List<TransferSnapshot> running = engine.runningSnapshots();
        TransferPages.Totals t =
                pages().totals(running.stream().map(TransferSnapshot::id).toList());
        long live = running.stream().mapToLong(TransferSnapshot::bytesDone).sum();
        double speed = running.stream().mapToDouble(TransferSnapshot::speedBps).sum();
        return new TransferService.QueueTotals(t, t.bytes(), t.bytesDone() + live, speed);
    }

    private TransferPages pages() {
        TransferPages p = pages;
        if (p == null) {
            p = new TransferPages(repo.database());
            pages = p;
        }
        return p;
    }
}
