package io.obitox.transfer;

import io.obitox.common.Threads;
import io.obitox.profile.TargetRef;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the queue: admits up to {@code maxActiveFiles} transfers at a time in queue order, shares
 * {@code concurrency} request slots among them, and moves each through its state machine in the database.
 *
 * <p>Thread-safe. Public methods return quickly; the work happens on the engine's own daemon threads. Snapshots are
 * served from memory (no database access), so the UI may poll them several times a second.
 */
public final class TransferEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransferEngine.class);

    private final TransferRepository repo;
    private final Function<TargetRef, S3Target> targets;
    private final StorageClients clients;
    private final Clock clock;
    private final String owner = Owners.current();
    private final TransferEvents events = new TransferEvents();
    private final Map<String, UploadJob> active = new ConcurrentHashMap<>();
    private final LiveSnapshots live = new LiveSnapshots(active);
    private final TransferLifecycle lifecycle;
    private final LinkedHashSet<String> queue = new LinkedHashSet<>();
    /** Taken off the queue but not yet in {@link #active}: counted as busy so waiters do not see a gap. */
    private final LinkedHashSet<String> launching = new LinkedHashSet<>();

    private final Object lock = new Object();
    /** Futures of {@link #whenSettled}, by transfer id; guarded by {@link #lock}. */
    private final Map<String, List<CompletableFuture<Void>>> settleWaiters = new java.util.HashMap<>();

    private final ExecutorService coordinators = Executors.newCachedThreadPool(Threads.daemon("transfer"));
    private final ExecutorService parts = Executors.newCachedThreadPool(Threads.daemon("part"));
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(Threads.daemon("transfer-tick"));
    private final BandwidthLimiter limiter;
    private final RequestSlots slots;
    private volatile TransferSettings settings;
    private volatile boolean closed;
    private Thread dispatcher;

    public TransferEngine(
            TransferRepository repo,
            Function<TargetRef, S3Target> targets,
            StorageClients clients,
            TransferSettings settings,
            Clock clock) {
        this.repo = repo;
        this.targets = targets;
        this.clients = clients;
        this.settings = settings;
        this.clock = clock;
        this.limiter = new BandwidthLimiter(settings.bandwidthLimit());
        this.slots = new RequestSlots(settings.concurrency());
        this.lifecycle =
                new TransferLifecycle(repo, live, events, targets, clients, () -> this.settings, this::submit, clock);
    }

    /** Starts the dispatcher and the progress ticker; loads the recent history for snapshots. */
    public synchronized void start() {
        if (dispatcher != null) {
            return;
        }
        repo.recent(2000).forEach(live::remember);
        dispatcher = new Thread(this::dispatch, "transfer-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
        ticker.scheduleAtFixedRate(this::tick, 250, 250, TimeUnit.MILLISECONDS);
    }

    public TransferEvents events() {
        return events;
    }

    public String owner() {
        return owner;
    }

    public TransferSettings settings() {
        return settings;
    }

    /** Applies new settings; concurrency and bandwidth take effect for running transfers at once. */
    public void updateSettings(TransferSettings s) {
        this.settings = s;
        limiter.setLimit(s.bandwidthLimit());
        slots.resize(s.concurrency());
        log.debug("settings: concurrency {} slots {} part {}", s.concurrency(), slots.limit(), s.partSize());
        synchronized (lock) {
            changedLocked();
        }
    }

    public void setBandwidthLimit(long bytesPerSecond) {
        updateSettings(settings.withBandwidthLimit(bytesPerSecond));
    }

    /** Queues transfers this engine owns (state QUEUED in the database). */
    void submit(Collection<Transfer> transfers) {
        synchronized (lock) {
            for (Transfer t : transfers) {
                live.remember(t);
                if (t.state() == TransferState.QUEUED) {
                    queue.add(t.id());
                }
                events.publish(new TransferEvent(
                        t.state() == TransferState.FAILED ? TransferEvent.Type.FAILED : TransferEvent.Type.QUEUED,
                        snapshot(t)));
            }
            changedLocked();
        }
    }

    /**
     * Claims interrupted transfers of processes that are gone (and, with {@code includeStopped}, paused and failed
     * ones) and queues them; returns how many. With {@code queue} false they are only marked paused.
     */
    public int recover(boolean includeStopped, boolean queueThem) {
        int n = 0;
        for (Transfer t : repo.unfinished()) {
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
            boolean moved = repo.transition(
                    t.id(),
                    EnumSet.of(t.state()),
                    target,
                    new TransferRepository.Change(now())
                            .owner(owner)
                            .clearError()
                            .notice(
                                    interrupted
                                            ? "Interrupted (ObitoX stopped); resumed where it stopped."
                                            : t.notice()));
            if (moved) {
                n++;
                lifecycle.reload(t.id()).ifPresent(fresh -> submit(List.of(fresh)));
            }
        }
        return n;
    }

    /** Multipart uploads ObitoX started longer ago than the policy allows are aborted (R2 would do it anyway). */
    private boolean abortIfStale(Transfer t) {
        Instant started = t.uploadStartedAt();
        if (t.uploadId() == null || started == null || started.isAfter(now().minus(settings.staleUploadAge()))) {
            return false;
        }
        lifecycle.abortQuietly(t);
        repo.transition(
                t.id(),
                EnumSet.of(t.state()),
                TransferState.FAILED,
                new TransferRepository.Change(now())
                        .owner(owner)
                        .clearUpload()
                        .error(
                                "UPLOAD_EXPIRED",
                                "The incomplete upload was older than "
                                        + settings.staleUploadAge().toDays()
                                        + " days and was aborted; retry to upload the file again."));
        lifecycle.reload(t.id());
        return true;
    }

    public void pause(String id) {
        UploadJob job = active.get(id);
        if (job != null) {
            job.stop(UploadJob.StopReason.PAUSE);
            return;
        }
        synchronized (lock) {
            queue.remove(id);
        }
        if (repo.transition(
                id, EnumSet.of(TransferState.QUEUED), TransferState.PAUSED, new TransferRepository.Change(now()))) {
            lifecycle
                    .reload(id)
                    .ifPresent(t -> events.publish(new TransferEvent(TransferEvent.Type.PAUSED, snapshot(t))));
        }
        signalChanged();
    }

    /** Resumes a paused or failed transfer (retry is the same: only missing parts are sent). */
    public void resume(String id) {
        if (active.containsKey(id)) {
            return;
        }
        Transfer t = live.row(id).orElse(null);
        EnumSet<TransferState> from = EnumSet.of(TransferState.PAUSED, TransferState.FAILED);
        if (t != null && !Owners.alive(t.owner())) {
            from.add(TransferState.QUEUED);
            from.add(TransferState.RUNNING);
        }
        lifecycle.forgetRestarts(id);
        if (repo.transition(
                id,
                from,
                TransferState.QUEUED,
                new TransferRepository.Change(now()).owner(owner).clearError())) {
            lifecycle.reload(id).ifPresent(fresh -> submit(List.of(fresh)));
        } else if (t != null && t.state() == TransferState.QUEUED && owner.equals(t.owner())) {
            synchronized (lock) {
                queue.add(id);
                changedLocked();
            }
        }
    }

    /**
     * Cancels a transfer and aborts its multipart upload, so nothing is left behind on the server. A running
     * transfer stops within one chunk and aborts on its own thread; a paused or queued one is aborted here (one
     * network call, so call this off the FX thread).
     */
    public void cancel(String id) {
        UploadJob job = active.get(id);
        if (job != null) {
            job.stop(UploadJob.StopReason.CANCEL);
            return;
        }
        synchronized (lock) {
            queue.remove(id);
        }
        Transfer t = lifecycle.reload(id).orElse(null);
        if (t == null || t.state().isFinal()) {
            signalChanged();
            return;
        }
        if (repo.transition(
                id,
                EnumSet.of(TransferState.QUEUED, TransferState.PAUSED, TransferState.FAILED),
                TransferState.CANCELLED,
                new TransferRepository.Change(now()).completedAt(now()))) {
            lifecycle.abortQuietly(t);
            lifecycle
                    .reload(id)
                    .ifPresent(
                            fresh -> events.publish(new TransferEvent(TransferEvent.Type.CANCELLED, snapshot(fresh))));
        }
        signalChanged();
    }

    public void pauseAll() {
        List<String> ids;
        synchronized (lock) {
            ids = new ArrayList<>(queue);
        }
        ids.addAll(active.keySet());
        ids.forEach(this::pause);
    }

    public void resumeAll() {
        live.rows().stream()
                .filter(t -> t.state() == TransferState.PAUSED || t.state() == TransferState.FAILED)
                .sorted(Comparator.comparing(Transfer::createdAt))
                .forEach(t -> resume(t.id()));
    }

    public void cancelAll() {
        live.rows().stream()
                .filter(t -> !t.state().isFinal())
                .map(Transfer::id)
                .toList()
                .forEach(this::cancel);
    }

    /** Snapshots of every transfer this engine knows (recent history plus everything queued since). */
    public List<TransferSnapshot> snapshots() {
        return live.all();
    }

    public Optional<TransferSnapshot> snapshot(String id) {
        return live.snapshot(id);
    }

    /** Live snapshots of the transfers running now (a handful: at most {@code maxActiveFiles}). */
    public List<TransferSnapshot> runningSnapshots() {
        List<TransferSnapshot> out = new ArrayList<>();
        for (UploadJob job : active.values()) {
            live.snapshot(job.transfer().id()).ifPresent(out::add);
        }
        return out;
    }

    /** Forgets finished transfers in memory after they were deleted from the history. */
    void forgetFinished() {
        live.forgetFinished();
    }

    public boolean isBusy() {
        synchronized (lock) {
            return !queue.isEmpty() || !launching.isEmpty() || !active.isEmpty();
        }
    }

    /** True when none of {@code ids} is queued or running any more. */
    public boolean allSettled(Collection<String> ids) {
        synchronized (lock) {
            for (String id : ids) {
                if (busyLocked(id)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Waits until none of {@code ids} is queued or running, or the timeout passes; true when all settled. Sleeps on
     * the engine's lock, which every change of the queue and the running set signals, and walks the ids once per
     * wake-up from the first one still busy, so waiting for N transfers costs O(N) in all, not per change; a last
     * full pass confirms none went back to the queue meanwhile. Registers nothing: safe to call in a loop.
     */
    public boolean awaitSettled(Collection<String> ids, java.time.Duration timeout) throws InterruptedException {
        List<String> list = List.copyOf(ids);
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        int next = 0;
        synchronized (lock) {
            while (true) {
                while (next < list.size() && !busyLocked(list.get(next))) {
                    next++;
                }
                if (next == list.size()) {
                    int busy = firstBusyLocked(list);
                    if (busy < 0) {
                        return true;
                    }
                    next = busy;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }

    private int firstBusyLocked(List<String> ids) {
        for (int i = 0; i < ids.size(); i++) {
            if (busyLocked(ids.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Completes (on the common pool, never under the engine's lock) once {@code id} is neither queued nor running:
     * completed, failed, cancelled or paused. Already settled: completed at once.
     */
    public CompletableFuture<Void> whenSettled(String id) {
        synchronized (lock) {
            if (!busyLocked(id)) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            settleWaiters.computeIfAbsent(id, k -> new ArrayList<>()).add(f);
            return f;
        }
    }

    /** Futures of {@link #whenSettled} still waiting (for tests: waiting must not pile them up). */
    int settleWaiterCount() {
        synchronized (lock) {
            return settleWaiters.values().stream().mapToInt(List::size).sum();
        }
    }

    private boolean busyLocked(String id) {
        return queue.contains(id) || launching.contains(id) || active.containsKey(id);
    }

    /** With {@link #lock} held, after the queue, launching or active sets changed: wakes waiters, settles futures. */
    private void changedLocked() {
        lock.notifyAll();
        if (settleWaiters.isEmpty()) {
            return;
        }
        var it = settleWaiters.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (!busyLocked(e.getKey())) {
                e.getValue().forEach(f -> f.completeAsync(() -> null));
                it.remove();
            }
        }
    }

    private void signalChanged() {
        synchronized (lock) {
            changedLocked();
        }
    }

    private TransferSnapshot snapshot(Transfer t) {
        return live.snapshot(t);
    }

    private void tick() {
        for (TransferSnapshot s : live.tick(System.nanoTime())) {
            events.publish(new TransferEvent(TransferEvent.Type.PROGRESS, s));
        }
    }

    private void dispatch() {
        while (!closed) {
            String id;
            synchronized (lock) {
                while (!closed && (queue.isEmpty() || active.size() + launching.size() >= settings.maxActiveFiles())) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                id = queue.iterator().next();
                queue.remove(id);
                launching.add(id);
            }
            // The claim, the reload and the first events are database commits: done on the transfer's own thread,
            // so many small files start in parallel instead of one commit after another on this thread.
            try {
                coordinators.execute(() -> launchAndRun(id));
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                synchronized (lock) {
                    launching.remove(id);
                    changedLocked();
                }
                return; // the transfer stays queued in the database for the next start
            }
        }
    }

    private void launchAndRun(String id) {
        UploadJob job = null;
        try {
            job = launch(id);
        } catch (RuntimeException e) {
            if (!closed) {
                log.error("Could not start transfer {}", id, e);
                lifecycle.fail(id, e);
            }
        } finally {
            synchronized (lock) {
                launching.remove(id);
                changedLocked();
            }
        }
        if (job != null) {
            runJob(job);
        }
    }

    /** Claims a queued transfer and builds its job; null when another owner or a pause took it first. */
    private UploadJob launch(String id) {
        Instant now = now();
        Optional<Transfer> claimed = repo.move(
                id,
                EnumSet.of(TransferState.QUEUED),
                TransferState.RUNNING,
                new TransferRepository.Change(now).owner(owner).startedAt(now).clearError());
        if (claimed.isEmpty()) {
            lifecycle.reload(id);
            return null;
        }
        Transfer t = claimed.get();
        live.remember(t);
        S3Target target = targets.apply(TargetRef.fromJson(t.targetRef()));
        UploadJob job = new UploadJob(
                t,
                clients.bulk(target),
                target.provider(),
                repo,
                new RetryPolicy(settings),
                limiter,
                slots,
                parts,
                clock);
        synchronized (lock) {
            active.put(id, job);
        }
        events.publish(new TransferEvent(TransferEvent.Type.STARTED, snapshot(t)));
        return job;
    }

    private void runJob(UploadJob job) {
        Transfer t = job.transfer();
        long started = System.nanoTime();
        try {
            UploadJob.Outcome o = job.run();
            long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
            Double bps = o.bytesSent() > 0 ? o.bytesSent() * 1000.0 / millis : null;
            lifecycle.completed(t, o, millis, bps);
        } catch (UploadJob.Stopped s) {
            lifecycle.stopped(t, s.reason, millisSince(started));
        } catch (UploadJob.SourceChanged c) {
            lifecycle.sourceChanged(t, c);
        } catch (RuntimeException | Error e) {
            lifecycle.fail(t.id(), e);
        } finally {
            synchronized (lock) {
                active.remove(t.id(), job); // a restarted run of the same transfer may already be active
                live.stopped(t.id());
                changedLocked();
            }
        }
    }

    private long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private Instant now() {
        return clock.instant();
    }

    /** Stops dispatching; running transfers go back to the queue for the next start. Waits up to 5 s. */
    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            changedLocked();
        }
        active.values().forEach(j -> j.stop(UploadJob.StopReason.SHUTDOWN));
        ticker.shutdownNow();
        coordinators.shutdown();
        try {
            coordinators.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        coordinators.shutdownNow();
        parts.shutdownNow();
    }
}
