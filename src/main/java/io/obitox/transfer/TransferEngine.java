package io.obitox.transfer;

import io.obitox.common.Threads;
import io.obitox.objects.SseCKeys;
import io.obitox.profile.TargetRef;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
 * Runs the queue: admits up to {@code maxActiveFiles} transfers at a time in queue order, shares {@code concurrency}
 * request slots among them, and runs each as an {@link UploadJob}. The pieces: {@link TransferQueue} (what waits,
 * launches and runs; settle waiting), {@link TransferControl} (pause, resume, cancel, recovery), {@link
 * TransferLifecycle} (how a run ends, in the database) and {@link LiveSnapshots} (what views read).
 *
 * <p>Threading: thread-safe; public methods return quickly (but {@link #cancel} of a stopped transfer makes one
 * network call). One dispatcher thread takes queued ids in order; each admitted transfer is claimed and run on its
 * own coordinator thread (a cached pool), its parts on the part pool; a ticker thread publishes progress every 250
 * ms. Running transfers' snapshots are served from memory, so the UI may poll them several times a second; others
 * are read from the database by id (memory does not grow with the queue or the history). Settings are a volatile
 * reference; everything else is guarded by the queue's lock or lives in concurrent maps.
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
    private static final int PARSED_REFS = 64;
    /** {@link TargetRef}s by their stored JSON (immutable records; see {@link #targetRef}). */
    private final Map<String, TargetRef> parsedRefs = new ConcurrentHashMap<>();

    private final LiveSnapshots live = new LiveSnapshots(active);
    private final TransferQueue queue = new TransferQueue(active);
    private final TransferLifecycle lifecycle;
    private final TransferControl control;

    private final ExecutorService coordinators = Executors.newCachedThreadPool(Threads.daemon("transfer"));
    private final ExecutorService parts = Executors.newCachedThreadPool(Threads.daemon("part"));
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(Threads.daemon("transfer-tick"));
    private final BandwidthLimiter limiter;
    private final RequestSlots slots;
    /** Part bodies held in memory, shared by all jobs like the request slots that bound them. */
    private final PartBuffers buffers = PartBuffers.forHeap();
    /** SSE-C keys given to this process (by the CLI or the Upload view), in memory only; see {@link SseCKeys}. */
    private final SseCKeys sseCKeys = new SseCKeys();

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
        this.control =
                new TransferControl(repo, queue, live, lifecycle, () -> this.settings, this::submit, owner, clock);
    }

    /** Starts the dispatcher and the progress ticker (nothing is loaded: snapshots read the database on demand). */
    public synchronized void start() {
        if (dispatcher != null) {
            return;
        }
        dispatcher = new Thread(
                () -> queue.dispatch(coordinators, this::launchAndRun, () -> settings.maxActiveFiles(), () -> closed),
                "transfer-dispatcher");
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

    /** Where front ends put the SSE-C keys the user gives; jobs find theirs by fingerprint. */
    public SseCKeys sseCKeys() {
        return sseCKeys;
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
        queue.changed();
    }

    public void setBandwidthLimit(long bytesPerSecond) {
        updateSettings(settings.withBandwidthLimit(bytesPerSecond));
    }

    /** Queues transfers this engine owns (state QUEUED in the database). */
    void submit(Collection<Transfer> transfers) {
        queue.addAll(transfers, () -> {
            for (Transfer t : transfers) {
                live.seen(t);
                events.publish(new TransferEvent(
                        t.state() == TransferState.FAILED ? TransferEvent.Type.FAILED : TransferEvent.Type.QUEUED,
                        live.snapshot(t)));
            }
        });
    }

    /** See {@link TransferControl#recover}. */
    public int recover(boolean includeStopped, boolean queueThem) {
        return control.recover(includeStopped, queueThem);
    }

    public void pause(String id) {
        control.pause(id);
    }

    /** Resumes a paused or failed transfer (retry is the same: only missing parts are sent). */
    public void resume(String id) {
        control.resume(id);
    }

    /** See {@link TransferControl#cancel}: one network call for a transfer that is not running. */
    public void cancel(String id) {
        control.cancel(id);
    }

    public void pauseAll() {
        control.pauseAll();
    }

    public void resumeAll() {
        control.resumeAll();
    }

    public void cancelAll() {
        control.cancelAll();
    }

    /**
     * A transfer as it is now: a running one from memory (bytes in flight, speed), any other as committed in the
     * database (one query by primary key; blocks briefly).
     */
    public Optional<TransferSnapshot> snapshot(String id) {
        return live.row(id).or(() -> committedRow(id)).map(live::snapshot);
    }

    /** The row from the database; when it cannot be read (a full disk), the last one seen here, if lately. */
    private Optional<Transfer> committedRow(String id) {
        try {
            return repo.find(id);
        } catch (RuntimeException unreadable) {
            Optional<Transfer> kept = live.recentRow(id);
            if (kept.isPresent()) {
                return kept;
            }
            throw unreadable;
        }
    }

    /** As {@link #snapshot} for a row already read from the database: the live one instead when it runs here. */
    TransferSnapshot snapshot(Transfer committed) {
        return live.snapshot(live.row(committed.id()).orElse(committed));
    }

    /** Live snapshots of the transfers running now (a handful: at most {@code maxActiveFiles}). */
    public List<TransferSnapshot> runningSnapshots() {
        List<TransferSnapshot> out = new ArrayList<>();
        for (UploadJob job : active.values()) {
            live.row(job.transfer().id()).map(live::snapshot).ifPresent(out::add);
        }
        return out;
    }

    /** Rows held in memory (for tests: bounded by the running transfers, not the queue). */
    int liveRows() {
        return live.size();
    }

    public boolean isBusy() {
        return queue.isBusy();
    }

    /** True when none of {@code ids} is queued or running any more. */
    public boolean allSettled(Collection<String> ids) {
        return queue.allSettled(ids);
    }

    /** Waits until none of {@code ids} is queued or running, or the timeout passes; see {@link TransferQueue}. */
    public boolean awaitSettled(Collection<String> ids, Duration timeout) throws InterruptedException {
        return queue.awaitSettled(ids, timeout);
    }

    /**
     * Completes (on the common pool, never under the engine's lock) once {@code id} is neither queued nor running:
     * completed, failed, cancelled or paused. Already settled: completed at once.
     */
    public CompletableFuture<Void> whenSettled(String id) {
        return queue.whenSettled(id);
    }

    /** Futures of {@link #whenSettled} still waiting (for tests: waiting must not pile them up). */
    int settleWaiterCount() {
        return queue.settleWaiterCount();
    }

    private void tick() {
        buffers.trimIdle(System.nanoTime());
        for (TransferSnapshot s : live.tick(System.nanoTime())) {
            events.publish(new TransferEvent(TransferEvent.Type.PROGRESS, s));
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
            queue.launchEnded(id);
        }
        if (job != null) {
            runJob(job);
        }
    }

    /** Claims a queued transfer and builds its job; null when another owner or a pause took it first. */
    private UploadJob launch(String id) {
        Instant now = clock.instant();
        Optional<Transfer> claimed = repo.claim(id, owner, now);
        if (claimed.isEmpty()) {
            lifecycle.reload(id);
            return null;
        }
        Transfer t = claimed.get();
        S3Target target = targets.apply(targetRef(t.targetRef()));
        UploadJob job = new UploadJob(
                t,
                clients.bulk(target),
                clients.directPut(target).orElse(null),
                target.provider(),
                repo.ledger(id, clock),
                new RetryPolicy(settings),
                limiter,
                slots,
                buffers,
                parts,
                sseCKeys);
        queue.started(id, job);
        live.started(t);
        events.publish(new TransferEvent(TransferEvent.Type.STARTED, live.snapshot(t)));
        return job;
    }

    /**
     * The target a row names, parsed once per distinct JSON (a batch's rows all name the same one): a JSON parse per
     * launched file was a measurable share of a small download's CPU. Bounded: a queue naming more targets than
     * {@value #PARSED_REFS} parses the rest each time.
     */
    private TargetRef targetRef(String json) {
        TargetRef ref = parsedRefs.get(json);
        if (ref == null) {
            ref = TargetRef.fromJson(json);
            if (parsedRefs.size() < PARSED_REFS) {
                parsedRefs.put(json, ref);
            }
        }
        return ref;
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
            lifecycle.stopped(t, s.reason, (System.nanoTime() - started) / 1_000_000);
        } catch (UploadJob.SourceChanged c) {
            lifecycle.sourceChanged(t, c);
        } catch (RuntimeException | Error e) {
            lifecycle.fail(t.id(), e);
        } finally {
            queue.ended(t.id(), job, () -> live.stopped(t.id()));
        }
    }

    /** Stops dispatching; running transfers go back to the queue for the next start. Waits up to 5 s. */
    @Override
    public void close() {
        closed = true;
        queue.changed();
        queue.jobs().forEach(j -> j.stop(UploadJob.StopReason.SHUTDOWN));
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
