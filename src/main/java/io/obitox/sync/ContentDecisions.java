package io.obitox.sync;

import io.obitox.transfer.PartPlan;
import io.obitox.transfer.UploadRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of planning that may read files: for each file over a listed key under {@code skip-identical}, {@link
 * IdenticalCheck} by one stat against the index or, when that does not decide, by reading the file on a small pool;
 * then the index rows the answers prove or disprove, written in one go. Thread-safe (holds only services).
 */
final class ContentDecisions {
    private static final Logger log = LoggerFactory.getLogger(ContentDecisions.class);
    /** Files read at once to compare content (hashing is CPU-bound; the rest of the machine keeps working). */
    private static final int READERS =
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));

    private final UploadIndex index;
    private final RemoteLister lister;

    ContentDecisions(UploadIndex index, RemoteLister lister) {
        this.index = index;
        this.lister = lister;
    }

    /** Decides {@code toCheck}, counting the files read in {@code reads}; updates the index unless a dry run. */
    void decide(
            UploadPlanner.Spec spec,
            IdenticalCheck check,
            String endpoint,
            RemoteListing listing,
            Map<String, IndexEntry> rows,
            List<UploadPlan.Item> toCheck,
            AtomicInteger reads) {
        if (toCheck.isEmpty()) {
            return;
        }
        List<String> forget = new ArrayList<>();
        List<IndexEntry> record = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(READERS, toCheck.size()), r -> {
            Thread t = new Thread(r, "identical-check");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Runnable>> results = new ArrayList<>();
            for (UploadPlan.Item i : toCheck) {
                results.add(
                        pool.submit(() -> decideOne(spec, check, endpoint, listing, rows, i, forget, record, reads)));
            }
            for (Future<Runnable> f : results) {
                f.get().run(); // applied on this thread, in order
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("planning interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (spec.dryRun()) {
            return;
        }
        if (!forget.isEmpty()) {
            index.forget(endpoint, spec.bucket(), forget);
        }
        index.record(record);
    }

    /** Runs on a reader thread; returns what to apply to the item and the index lists on the planning thread. */
    private Runnable decideOne(
            UploadPlanner.Spec spec,
            IdenticalCheck check,
            String endpoint,
            RemoteListing listing,
            Map<String, IndexEntry> rows,
            UploadPlan.Item i,
            List<String> forget,
            List<IndexEntry> record,
            AtomicInteger reads) {
        UploadRequest r = i.original;
        RemoteListing.RemoteObject remote = listing.get(r.key());
        IndexEntry row = rows.get(r.key());
        LocalStat stat;
        LocalFile local;
        try {
            stat = LocalStat.of(r.source());
            IdenticalCheck.Result byStat = check.decideByStat(stat, row, remote);
            if (byStat != null) {
                return () -> {
                    i.size = stat.size();
                    i.action = SyncAction.SKIPPED_IDENTICAL;
                    i.reason = byStat.reason();
                };
            }
            reads.incrementAndGet(); // the fingerprint reads the file (all of it up to 128 KiB)
            local = LocalFile.of(r.source());
        } catch (RuntimeException e) {
            // unreadable: the engine fails it with the reason
            return () -> {
                i.action = SyncAction.UPLOADED;
                i.reason = "cannot be read to compare";
            };
        }
        PartPlan plan = PartPlan.of(local.size(), spec.settings());
        IdenticalCheck.Result res = check.decide(
                local,
                row,
                remote,
                new ContentProbe(r.source(), plan, () -> lister.sha256Metadata(spec.target(), spec.bucket(), r.key())));
        return () -> {
            i.size = local.size();
            switch (res.indexAction()) {
                case FORGET -> forget.add(r.key());
                case RECORD ->
                    record.add(new IndexEntry(
                                    endpoint,
                                    spec.bucket(),
                                    r.key(),
                                    local.sourcePath(),
                                    local.size(),
                                    local.mtime(),
                                    local.fingerprint(),
                                    r.target() == null ? null : r.target().toJson(),
                                    remote.etag(),
                                    res.digests() == null ? null : res.digests().sha256(),
                                    Instant.now())
                            .withStat(stat, stat.statAt()));
                default -> {
                    // proven by the fingerprint: keep the row, with this stat when it can spare the next run the read
                    if (res.basis() == IdenticalCheck.Basis.INDEX && stat.settledBefore(stat.statAt())) {
                        record.add(refreshed(row, local).withStat(stat, stat.statAt()));
                    }
                }
            }
            if (res.decision() == IdenticalCheck.Decision.IDENTICAL) {
                i.action = SyncAction.SKIPPED_IDENTICAL;
                i.reason = res.reason();
            } else {
                i.action = SyncAction.UPLOADED;
                i.reason = res.reason();
                i.request = UploadPlan.flags(
                        r, false, res.digests() == null ? null : res.digests().sha256());
            }
            log.debug("{}: {} ({})", r.key(), res.decision(), res.basis());
        };
    }

    private static IndexEntry refreshed(IndexEntry row, LocalFile local) {
        return new IndexEntry(
                row.endpointKey(),
                row.bucket(),
                row.key(),
                local.sourcePath(),
                local.size(),
                local.mtime(),
                local.fingerprint(),
                row.targetRef(),
                row.etag(),
                row.sha256(),
                Instant.now());
    }
}
