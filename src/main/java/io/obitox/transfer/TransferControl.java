package io.obitox.transfer;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The user's and the start-up's control over transfers: pause, resume (retry), cancel, and taking over the
 * transfers of a process that is gone. A running transfer is asked to stop and ends on its own coordinator thread
 * ({@link TransferLifecycle#stopped}); a queued, paused or failed one moves here with one typed repository call.
 *
 * <p>Threading: thread-safe, called from the UI, the CLI and the engine's start at once. It keeps no state: the
 * stored state is the arbiter (each move is a compare-and-set), the queue guards its own sets.
 */
final class TransferControl {
    private final TransferRepository repo;
    private final TransferQueue queue;
    private final LiveSnapshots live;
    private final TransferLifecycle lifecycle;
    private final Supplier<TransferSettings> settings;
    private final Consumer<Collection<Transfer>> submit;
    private final String owner;
    private final Clock clock;

    TransferControl(
            TransferRepository repo,
            TransferQueue queue,
            LiveSnapshots live,
            TransferLifecycle lifecycle,
            Supplier<TransferSettings> settings,
            Consumer<Collection<Transfer>> submit,
            String owner,
            Clock clock) {
        this.repo = repo;
        this.queue = queue;
        this.live = live;
        this.lifecycle = lifecycle;
        this.settings = settings;
        this.submit = submit;
        this.owner = owner;
        this.clock = clock;
    }

    /**
     * Claims interrupted transfers of processes that are gone (and, with {@code includeStopped}, paused and failed
     * ones) and queues them; returns how many. With {@code queueThem} false they are only marked paused.
     */
    int recover(boolean includeStopped, boolean queueThem) {
        int n = 0;
        // without the stopped ones only queued and running rows can be claimed: read just those (a window's start
        // read every failed transfer ever kept, full rows, to skip it)
        java.util.Set<TransferState> states = includeStopped
                ? java.util.EnumSet.of(
                        TransferState.QUEUED, TransferState.RUNNING, TransferState.PAUSED, TransferState.FAILED)
                : java.util.EnumSet.of(TransferState.QUEUED, TransferState.RUNNING);
        for (Transfer t : repo.unfinished(states)) {
            boolean interrupted = (t.state() == TransferState.RUNNING || t.state() == TransferState.QUEUED)
                    && !Owners.alive(t.owner());
            boolean stopped = includeStopped
                            && (t.state() == TransferState.PAUSED || t.state() == TransferState.FAILED)
                            && !Owners.alive(t.owner())
                    || includeStopped
                            && owner.equals(t.owner())
                            && t.state() != TransferState.RUNNING
                            && t.state() != TransferState.QUEUED;
            if (!interrupted && !stopped) {
                continue;
            }
            if (abortIfStale(t)) {
                continue;
            }
            TransferState target = queueThem ? TransferState.QUEUED : TransferState.PAUSED;
            if (t.state() == target && !queueThem) {
                continue;
            }
            String notice = interrupted ? "Interrupted (ObitoX stopped); resumed where it stopped." : t.notice();
            if (repo.reclaim(t.id(), t.state(), target, owner, notice, now()).isPresent()) {
                n++;
                lifecycle.reload(t.id()).ifPresent(fresh -> submit.accept(List.of(fresh)));
            }
        }
        return n;
    }

    /** Multipart uploads ObitoX started longer ago than the policy allows are aborted (R2 would do it anyway). */
    private boolean abortIfStale(Transfer t) {
        Instant started = t.uploadStartedAt();
        TransferSettings s = settings.get();
        if (t.uploadId() == null || started == null || started.isAfter(now().minus(s.staleUploadAge()))) {
            return false;
        }
        lifecycle.abortQuietly(t);
        repo.expire(
                t.id(),
                t.state(),
                owner,
                "UPLOAD_EXPIRED",
                "The incomplete upload was older than "
                        + s.staleUploadAge().toDays()
                        + " days and was aborted; retry to upload the file again.",
                now());
        lifecycle.reload(t.id());
        return true;
    }

    void pause(String id) {
        UploadJob job = queue.job(id);
        if (job != null) {
            job.stop(UploadJob.StopReason.PAUSE);
            return;
        }
        queue.remove(id);
        if (repo.pause(id, orphanedToo(id, EnumSet.of(TransferState.QUEUED)), now())
                .isPresent()) {
            lifecycle.finish(id, TransferEvent.Type.PAUSED);
        }
        queue.changed();
    }

    /**
     * {@code from}, and RUNNING when the row says running but the process that ran it is gone (a kill, a crash): such
     * a transfer is interrupted, so pause and cancel may move it, as resume may. A live owner's run is left to it.
     */
    private EnumSet<TransferState> orphanedToo(String id, EnumSet<TransferState> from) {
        Transfer t = repo.find(id).orElse(null);
        if (t != null && t.state() == TransferState.RUNNING && !Owners.alive(t.owner())) {
            from.add(TransferState.RUNNING);
        }
        return from;
    }

    /** Resumes a paused or failed transfer (retry is the same: only missing parts are sent). */
    void resume(String id) {
        if (queue.running(id)) {
            return;
        }
        Transfer t = live.row(id).or(() -> repo.find(id)).orElse(null);
        EnumSet<TransferState> from = EnumSet.of(TransferState.PAUSED, TransferState.FAILED);
        if (t != null && !Owners.alive(t.owner())) {
            from.add(TransferState.QUEUED);
            from.add(TransferState.RUNNING);
        }
        lifecycle.forgetRestarts(id);
        if (repo.requeue(id, from, owner, now()).isPresent()) {
            lifecycle.reload(id).ifPresent(fresh -> submit.accept(List.of(fresh)));
        } else if (t != null && t.state() == TransferState.QUEUED && owner.equals(t.owner())) {
            queue.add(id);
        }
    }

    /**
     * Cancels a transfer and aborts its multipart upload, so nothing is left behind on the server. A running
     * transfer stops within one chunk and aborts on its own thread; a paused or queued one is aborted here (one
     * network call, so call this off the FX thread).
     */
    void cancel(String id) {
        UploadJob job = queue.job(id);
        if (job != null) {
            job.stop(UploadJob.StopReason.CANCEL);
            return;
        }
        queue.remove(id);
        Transfer t = lifecycle.reload(id).orElse(null);
        if (t == null || t.state().isFinal()) {
            queue.changed();
            return;
        }
        EnumSet<TransferState> from =
                orphanedToo(id, EnumSet.of(TransferState.QUEUED, TransferState.PAUSED, TransferState.FAILED));
        if (repo.cancel(id, from, null, now()).isPresent()) {
            lifecycle.abortQuietly(t);
            lifecycle.finish(id, TransferEvent.Type.CANCELLED);
        }
        queue.changed();
    }

    void pauseAll() {
        List<String> ids = queue.queued();
        queue.jobs().forEach(j -> ids.add(j.transfer().id()));
        ids.forEach(this::pause);
    }

    /** Resumes the paused and failed transfers, oldest first (their ids read from the database). */
    void resumeAll() {
        repo.ids(EnumSet.of(TransferState.PAUSED, TransferState.FAILED)).forEach(this::resume);
    }

    /** Cancels every unfinished transfer (their ids read from the database). */
    void cancelAll() {
        repo.ids(EnumSet.of(TransferState.QUEUED, TransferState.RUNNING, TransferState.PAUSED, TransferState.FAILED))
                .forEach(this::cancel);
    }

    private Instant now() {
        return clock.instant();
    }
}
