package io.obitox.watch;

import io.obitox.sync.ExcludeRules;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one watch on its own daemon thread: folder events and the reconciling {@link FolderScan} (at start, every
 * scan interval, after lost events, on "scan now") feed the {@link Settler}; settled files that no process still
 * has open for writing ({@link OpenWriters}) go through the {@link WatchPipeline}; {@link QueuedFiles} follows
 * their transfers; {@link WatchStatus} holds the state and tells each problem once. The loop blocks in the event
 * poll (at most a second, less when a file is due), never spins. A folder that disappears puts the watch in ERROR
 * ("folder gone") and it waits, polling once a second, until the folder is back, then scans; nothing is deleted
 * because of that. {@link #close} stops the thread within a second and waits for it (bounded).
 */
final class WatchRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WatchRunner.class);
    private static final int MAX_BATCH = 1000;
    private static final long TICK = 1000;
    private static final WatchProblem.Kind[] FOLDER_PROBLEMS = {
        WatchProblem.Kind.FOLDER_GONE, WatchProblem.Kind.PERMISSION_DENIED, WatchProblem.Kind.FOLDER_UNUSABLE
    };

    private final Watch watch;
    private final WatchRepository repo;
    private final WatchPipeline pipeline;
    private final QueuedFiles queued;
    private final ExcludeRules rules;
    private final Clock clock;
    private final WatchStatus status;
    private final Settler settler;
    private final FolderScan scanner;
    private final WriterGate gate;
    private final Thread thread;
    private final Object wake = new Object();

    private volatile boolean stopped;
    private volatile boolean scanRequested;
    private volatile FolderEvents events;

    /** @param problems told once per problem (see {@link WatchStatus}), on this watch's thread */
    WatchRunner(
            Watch watch,
            WatchRepository repo,
            WatchLedger ledger,
            WatchPipeline pipeline,
            QueuedFiles queued,
            ExcludeRules rules,
            String owner,
            Clock clock,
            OpenWriters writers,
            Consumer<WatchProblem> problems) {
        this.watch = watch;
        this.repo = repo;
        this.pipeline = pipeline;
        this.queued = queued;
        this.rules = rules;
        this.clock = clock;
        this.gate = new WriterGate(writers, MAX_BATCH);
        this.status = new WatchStatus(watch, repo, owner, problems);
        this.settler = new Settler(watch.settle());
        this.scanner = new FolderScan(watch, ledger, settler, this::skipFolder, () -> stopped);
        this.thread = new Thread(
                this::run,
                "obitox-watch-" + watch.id().substring(0, Math.min(8, watch.id().length())));
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    String id() {
        return watch.id();
    }

    /** Asks for a scan now (done within a second). Any thread. */
    void scanNow() {
        scanRequested = true;
        wakeUp();
    }

    boolean alive() {
        return thread.isAlive();
    }

    private void run() {
        try {
            queued.adopt();
            loop();
        } catch (RuntimeException | Error e) {
            if (stopped) {
                // Asked to stop (SIGTERM, window closed) while a scan or upload check was still running: what failed
                // is the shutdown closing things under it, not the watch. The next start's scan redoes the rest.
                log.debug("Watch {} ended while stopping: {}", watch.id(), e.toString());
                return;
            }
            log.error("Watch {} stopped on an error", watch.id(), e);
            status.problem(
                    WatchProblem.Kind.INTERNAL, "The watch stopped on an internal error (see the log); restart it.");
            status.flush();
        } finally {
            closeEvents();
        }
    }

    private void loop() {
        long nextScan = 0;
        long nextCheck = 0;
        long nextPausedRead = 0;
        boolean paused = false;
        while (!stopped) {
            long now = clock.millis();
            if (now >= nextPausedRead) {
                paused = repo.paused(watch.id()); // 'watch pause' may come from another process
                nextPausedRead = now + TICK;
            }
            if (paused) {
                closeEvents();
                settler.clear();
                gate.clear();
                status.set(WatchState.PAUSED);
                status.flush();
                sleep(TICK);
                nextScan = 0; // a scan when it resumes catches what came meanwhile
                continue;
            }
            if (events == null && !openEvents()) {
                status.flush();
                sleep(TICK);
                nextScan = 0;
                continue;
            }
            if (scanRequested || now >= nextScan) {
                scanRequested = false;
                scan();
                nextScan = clock.millis() + watch.scanInterval().toMillis();
            }
            long toDue = earliest(settler.millisToNext(clock.millis()), gate.millisToNext(clock.millis()));
            long timeout = Math.max(1, Math.min(toDue < 0 ? TICK : toDue, Math.min(TICK, nextScan - clock.millis())));
            FolderEvents ev = events;
            if (ev == null) {
                continue; // the scan found the folder gone
            }
            FolderEvents.Batch batch;
            try {
                batch = ev.poll(timeout);
            } catch (ClosedWatchServiceException | InterruptedException e) {
                closeEvents();
                continue; // stopped, paused or the folder went: the loop decides
            }
            now = clock.millis();
            for (Path f : batch.files()) {
                if (!inUploaded(f)) {
                    settler.touched(f, now);
                    status.event(Instant.ofEpochMilli(now));
                }
            }
            if (batch.overflow()) {
                nextScan = now; // events were lost: the scan finds what they said
            }
            if (batch.rootGone()) {
                closeEvents();
                settler.clear();
                gate.clear();
                folderProblem(new NoSuchFileException(watch.folder().toString()));
                continue;
            }
            takeSettled(now);
            if (now >= nextCheck) {
                status.add(queued.check());
                nextCheck = now + TICK;
                status.flush();
            }
        }
    }

    private void takeSettled(long now) {
        List<Settler.Candidate> due = gate.take(settler, now);
        while (!due.isEmpty() && !stopped) {
            WatchPipeline.Result r = pipeline.process(due);
            status.add(r.delta());
            queued.addAll(r.queued());
            if (r.targetProblem() != null) {
                status.problem(WatchProblem.Kind.TARGET_FAILING, "Target failing: " + r.targetProblem());
            } else if (r.reachedTarget()) {
                status.cleared(WatchProblem.Kind.TARGET_FAILING);
                if (status.state() == WatchState.ERROR) {
                    status.set(WatchState.WATCHING);
                }
            }
            due = gate.take(settler, clock.millis());
        }
    }

    /** The sooner of two "milliseconds until", where -1 means never. */
    private static long earliest(long a, long b) {
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    private boolean openEvents() {
        try {
            events = new FolderEvents(watch.folder(), watch.recursive(), this::skipFolder);
            status.cleared(FOLDER_PROBLEMS);
            status.set(WatchState.WATCHING);
            if (events.unwatched() > 0) {
                // not an error: the scan still takes those files, only later
                status.notice(
                        WatchProblem.Kind.UNWATCHED_FOLDERS,
                        events.unwatched() + " of " + (events.unwatched() + events.folderCount())
                                + " folders cannot be watched for events (the system's limit, on Linux"
                                + " fs.inotify.max_user_watches); their files are found by the scan every "
                                + watch.scanInterval().toMinutes() + " min. Raise the limit to take them at once.");
            } else {
                status.cleared(WatchProblem.Kind.UNWATCHED_FOLDERS);
            }
            return true;
        } catch (IOException | SecurityException e) {
            folderProblem(e);
            return false;
        }
    }

    private void folderProblem(Exception e) {
        if (e instanceof NoSuchFileException || !Files.exists(watch.folder())) {
            status.problem(
                    WatchProblem.Kind.FOLDER_GONE,
                    "Folder gone: " + watch.folder()
                            + " (a drive unplugged or the folder moved). Waiting for it to come back; nothing is deleted.");
        } else if (e instanceof AccessDeniedException || e instanceof SecurityException) {
            status.problem(
                    WatchProblem.Kind.PERMISSION_DENIED,
                    "Permission denied: " + watch.folder()
                            + ". Give this user read access to the folder and its sub-folders.");
        } else {
            status.problem(
                    WatchProblem.Kind.FOLDER_UNUSABLE,
                    "The folder " + watch.folder() + " cannot be watched: " + e.getMessage());
        }
    }

    private void scan() {
        status.set(WatchState.SCANNING);
        status.flush();
        try {
            scanner.run(clock.millis());
            status.scanned(Instant.ofEpochMilli(clock.millis()));
            status.set(WatchState.WATCHING);
        } catch (IOException e) {
            closeEvents();
            folderProblem(e);
        }
    }

    /** The {@code .uploaded} folder and folders the rules leave out whole are neither watched nor walked. */
    private boolean skipFolder(Path dir) {
        if (inUploaded(dir)) {
            return true;
        }
        return rules.directoryExcludedBy(ExcludeRules.relativePath(watch.folder(), dir))
                .isPresent();
    }

    private boolean inUploaded(Path p) {
        return p.startsWith(watch.folder().resolve(Watch.UPLOADED_FOLDER));
    }

    private void sleep(long millis) {
        synchronized (wake) {
            if (stopped || scanRequested) {
                return;
            }
            try {
                wake.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }
    }

    private void wakeUp() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void closeEvents() {
        FolderEvents e = events;
        events = null;
        if (e != null) {
            e.close();
        }
    }

    /** Stops the thread (it ends within a second), waits up to 10 s for it, writes the last counters. */
    @Override
    public void close() {
        stopped = true;
        wakeUp();
        FolderEvents e = events;
        if (e != null) {
            e.close(); // wakes the poll
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            status.flushAll();
        }
    }

    /** What this run did (kept in memory: readable when the database is already closed at the JVM's exit). */
    WatchHealth.Counters thisRun() {
        return status.thisRun();
    }

    /** For tests and the GUI: the state as this process sees it now. */
    WatchState state() {
        return status.state();
    }
}
