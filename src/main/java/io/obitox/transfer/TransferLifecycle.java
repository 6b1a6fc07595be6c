package io.obitox.transfer;

import io.obitox.common.ObitoxException;
import io.obitox.common.UserMessage;
import io.obitox.profile.TargetRef;
import io.obitox.storage.S3Errors;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a run of a transfer ends: completed with its verified outcome, paused, cancelled (the multipart upload
 * aborted), handed back to the queue at shutdown, restarted after its source changed (at most twice), or failed.
 * Each end is one compare-and-set on the stored state, then an event with the row as committed.
 *
 * <p>Thread-safe: called from the transfers' coordinator threads and from the engine's control calls at once; it
 * keeps no state of its own but the count of source restarts per transfer.
 */
final class TransferLifecycle {
    private static final Logger log = LoggerFactory.getLogger(TransferLifecycle.class);
    private static final int MAX_SOURCE_RESTARTS = 2;

    private final TransferRepository repo;
    private final LiveSnapshots live;
    private final TransferEvents events;
    private final Function<TargetRef, S3Target> targets;
    private final StorageClients clients;
    private final Supplier<TransferSettings> settings;
    private final Consumer<Collection<Transfer>> requeue;
    private final Clock clock;
    private final Map<String, Integer> sourceRestarts = new ConcurrentHashMap<>();

    TransferLifecycle(
            TransferRepository repo,
            LiveSnapshots live,
            TransferEvents events,
            Function<TargetRef, S3Target> targets,
            StorageClients clients,
            Supplier<TransferSettings> settings,
            Consumer<Collection<Transfer>> requeue,
            Clock clock) {
        this.repo = repo;
        this.live = live;
        this.events = events;
        this.targets = targets;
        this.clients = clients;
        this.settings = settings;
        this.requeue = requeue;
        this.clock = clock;
    }

    /** RUNNING → COMPLETED with what the verified upload produced, the outbox event in the same transaction. */
    void completed(Transfer t, UploadJob.Outcome o, long millis, Double bps) {
        String notice = o.notice() != null ? o.notice() : t.notice();
        // a download restarted on a replaced object fetched another size than the claimed row's; the job says which
        // (it wrote the same into the row when it restarted), so this costs no query per file
        long size = o.objectSize() != null ? o.objectSize() : t.size();
        Optional<Transfer> completed = repo.complete(
                t.id(),
                new Transfer.Outcome(o.etag(), null, null, notice, o.verifiedBy(), bps, o.sha256()),
                size,
                t.activeMillis() + millis,
                t.attempts() + 1,
                clock.instant());
        finish(t.id(), completed, TransferEvent.Type.COMPLETED);
    }

    /** A resumed or retried transfer starts counting source restarts again. */
    void forgetRestarts(String id) {
        sourceRestarts.remove(id);
    }

    void stopped(Transfer t, UploadJob.StopReason reason, long millis) {
        long active = t.activeMillis() + millis;
        switch (reason) {
            case PAUSE -> {
                repo.pauseRun(t.id(), active, clock.instant());
                finish(t.id(), TransferEvent.Type.PAUSED);
            }
            case CANCEL -> {
                Transfer fresh = reload(t.id()).orElse(t);
                abortQuietly(fresh);
                repo.cancel(t.id(), EnumSet.of(TransferState.RUNNING), active, clock.instant());
                finish(t.id(), TransferEvent.Type.CANCELLED);
            }
            case SHUTDOWN -> {
                // back to the queue: the next start (of any ObitoX on this home) resumes it
                repo.requeueRun(t.id(), active, clock.instant());
                reload(t.id());
            }
        }
    }

    void sourceChanged(Transfer t, UploadJob.SourceChanged c) {
        int restarts = sourceRestarts.merge(t.id(), 1, Integer::sum);
        Transfer fresh = reload(t.id()).orElse(t);
        abortQuietly(fresh);
        if (restarts > MAX_SOURCE_RESTARTS) {
            repo.clearUpload(t.id(), clock.instant());
            fail(
                    t.id(),
                    new ObitoxException(
                            "SOURCE_CHANGED",
                            c.getMessage() + " It kept changing, so ObitoX stopped trying.",
                            "Retry once the file is no longer being written."));
            return;
        }
        try {
            SourceFile.Identity identity = SourceFile.identify(t.source());
            PartPlan plan = PartPlan.of(identity.size(), settings.get());
            repo.ledger(t.id(), clock)
                    .restarted(
                            identity,
                            plan,
                            c.getMessage() + " The old upload was aborted and it started again from the beginning.");
            repo.requeueRun(t.id(), null, clock.instant());
            reload(t.id()).ifPresent(x -> requeue.accept(List.of(x)));
        } catch (RuntimeException e) {
            fail(t.id(), e);
        }
    }

    void fail(String id, Throwable e) {
        UserMessage m = S3Errors.describe(e);
        if (!"CANCELLED".equals(m.code())) {
            log.warn("Transfer {} failed: {}", id, m.message(), e);
        }
        try {
            if (JobContext.OBJECT_EXISTS.equals(m.code())
                    && readQuietly(id).map(t -> t.target().skipsExisting()).orElse(false)) {
                // --if-exists skip: a key created after the listing is what "skip" means, not a failure. The event
                // is a settling COMPLETED (batch counts, webhook wake-up); its snapshot says SKIPPED.
                Optional<Transfer> skipped = repo.skipExisting(
                        id,
                        "Skipped: the key was created on the server after the listing; not overwritten"
                                + " (If-None-Match).",
                        clock.instant());
                if (skipped.isPresent()) {
                    finish(id, skipped, TransferEvent.Type.COMPLETED);
                    return;
                }
            }
            Optional<Transfer> failed = repo.fail(id, m.code(), m.oneLine(), clock.instant());
            finish(id, failed, TransferEvent.Type.FAILED);
        } catch (RuntimeException dbFailure) {
            // e.g. the disk holding the database is full: keep the failure visible in memory at least
            UserMessage dm = S3Errors.describe(dbFailure);
            Transfer t = live.row(id)
                    .or(() -> readQuietly(id))
                    .or(() -> live.recentRow(id))
                    .orElse(null);
            if (t != null) {
                String text = m.oneLine().equals(dm.oneLine()) ? dm.oneLine() : m.oneLine() + " " + dm.oneLine();
                Transfer failed = t.withState(TransferState.FAILED, dm.code(), text);
                live.unrecordedFailure(failed);
                events.publish(new TransferEvent(TransferEvent.Type.FAILED, live.snapshot(failed)));
            }
        }
    }

    void finish(String id, TransferEvent.Type type) {
        reload(id).ifPresent(t -> events.publish(new TransferEvent(type, live.snapshot(t))));
    }

    /** As {@link #finish(String, TransferEvent.Type)} with the row the transition committed, when it moved. */
    void finish(String id, Optional<Transfer> moved, TransferEvent.Type type) {
        if (moved.isEmpty()) {
            finish(id, type); // someone else moved it first: publish what is stored
            return;
        }
        live.remember(moved.get());
        events.publish(new TransferEvent(type, live.snapshot(moved.get())));
    }

    /** Aborts an upload's multipart upload, or deletes a download's part file (issue 18); never throws. */
    void abortQuietly(Transfer t) {
        if (t.download()) {
            try {
                java.nio.file.Files.deleteIfExists(DownloadFiles.partFile(t.source()));
            } catch (java.io.IOException | RuntimeException e) {
                log.info("Could not delete the partial download of {}: {}", t.id(), e.getMessage());
            }
            return;
        }
        if (t.uploadId() == null) {
            return;
        }
        try {
            S3Target target = targets.apply(TargetRef.fromJson(t.targetRef()));
            clients.bulk(target)
                    .abortMultipartUpload(b -> b.bucket(t.bucket()).key(t.key()).uploadId(t.uploadId()));
        } catch (RuntimeException e) {
            log.info(
                    "Abort of upload for {} failed: {}",
                    t.id(),
                    S3Errors.describe(e).message());
        }
        try {
            repo.clearUpload(t.id(), clock.instant());
        } catch (RuntimeException e) {
            log.warn("Could not clear the upload id of {}", t.id(), e);
        }
    }

    /** The stored row, or empty when even reading fails (the database is in trouble). */
    private Optional<Transfer> readQuietly(String id) {
        try {
            return repo.find(id);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    Optional<Transfer> reload(String id) {
        Optional<Transfer> t = repo.find(id);
        t.ifPresent(live::remember);
        return t;
    }
}
