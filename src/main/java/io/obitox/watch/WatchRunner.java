package io.obitox.watch;

import io.obitox.sync.ExcludeRules;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one watch on its own daemon thread: folder events and the reconciling scan (at start, every scan interval,
 * after lost events, on "scan now") feed the {@link Settler}; settled files go through the {@link WatchPipeline};
 * {@link QueuedFiles} follows their transfers. The loop blocks in the event poll (at most a second, less when a
 * file is due), never spins. A folder that disappears puts the watch in ERROR ("folder gone") and it waits, polling
 * once a second, until the folder is back, then scans; nothing is deleted because of that. Health is written to the
 * database at most once a second. {@link #close} stops the thread within a second and waits for it (bounded).
 */
final class WatchRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WatchRunner.class);
    private static final int MAX_BATCH = 1000;
    private static final long TICK = 1000;

    private final Watch watch;
    private final WatchRepository repo;
    private final WatchLedger ledger;
    private final WatchPipeline pipeline;
    private final QueuedFiles queued;
    private final ExcludeRules rules;
    private final String owner;
    private final Clock clock;
    private final Consumer<String> problems;
    private final Settler settler;
    private final Thread thread;
    private final Object wake = new Object();

    private volatile boolean stopped;
    private volatile boolean scanRequested;
    private volatile FolderEvents events;
    private volatile WatchState state = WatchState.WATCHING;
    private volatile String reason;
    private String lastProblem;
    private Instant lastEvent;
    private Instant lastScan;
    private WatchHealth.Counters delta = WatchHealth.Counters.ZERO;
    private volatile WatchHealth.Counters thisRun = WatchHealth.Counters.ZERO;
    private boolean dirty = true;

    WatchRunner(
            Watch watch,
            WatchRepository repo,
            WatchLedger ledger,
            WatchPipeline pipeline,
            QueuedFiles queued,
            ExcludeRules rules,
            String owner,
            Clock clock,
            Consumer<String> problems) {
        this.watch = watch;
        this.repo = repo;
        this.ledger = ledger;
        this.pipeline = pipeline;
        this.queued = queued;
        this.rules = rules;
        this.owner = owner;
        this.clock = clock;
        this.problems = problems;
        this.settler = new Settler(watch.settle());
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
            log.error("Watch {} stopped on an error", watch.id(), e);
            set(WatchState.ERROR, "The watch stopped on an internal error (see the log); restart it.");
            flush();
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
                set(WatchState.PAUSED, null);
                flush();
                sleep(TICK);
                nextScan = 0; // a scan when it resumes catches what came meanwhile
                continue;
            }
            if (events == null && !openEvents()) {
                flush();
                sleep(TICK);
                nextScan = 0;
                continue;
            }
            if (scanRequested || now >= nextScan) {
                scanRequested = false;
                scan();
                nextScan = clock.millis() + watch.scanInterval().toMillis();
            }
            long toDue = settler.millisToNext(clock.millis());
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
                    lastEvent = Instant.ofEpochMilli(now);
                    dirty = true;
                }
            }
            if (batch.overflow()) {
                nextScan = now; // events were lost: the scan finds what they said
            }
            if (batch.rootGone()) {
                closeEvents();
                settler.clear();
                folderProblem(new NoSuchFileException(watch.folder().toString()));
                continue;
            }
            takeSettled(now);
            if (now >= nextCheck) {
                add(queued.check());
                nextCheck = now + TICK;
                flush();
            }
        }
    }

    private void takeSettled(long now) {
        List<Settler.Candidate> due = settler.due(now, MAX_BATCH);
        while (!due.isEmpty() && !stopped) {
            WatchPipeline.Result r = pipeline.process(due);
            add(r.delta());
            queued.addAll(r.queued());
            if (r.targetProblem() != null) {
                set(WatchState.ERROR, "Target failing: " + r.targetProblem());
            } else if (state == WatchState.ERROR) {
                set(WatchState.WATCHING, null);
            }
            due = settler.due(clock.millis(), MAX_BATCH);
        }
    }

    private boolean openEvents() {
        try {
            events = new FolderEvents(watch.folder(), watch.recursive(), this::skipFolder);
            set(WatchState.WATCHING, null);
            if (events.unwatched() > 0) {
                // told once; not an error: the scan still takes those files, only later
                problems.accept(events.unwatched() + " of " + (events.unwatched() + events.folderCount())
                        + " folders cannot be watched for events (the system's limit, on Linux"
                        + " fs.inotify.max_user_watches); their files are found by the scan every "
                        + watch.scanInterval().toMinutes() + " min. Raise the limit to take them at once.");
            }
            return true;
        } catch (IOException | SecurityException e) {
            folderProblem(e);
            return false;
        }
    }

    private void folderProblem(Exception e) {
        if (e instanceof NoSuchFileException || !Files.exists(watch.folder())) {
            set(
                    WatchState.ERROR,
                    "Folder gone: " + watch.folder()
                            + " (a drive unplugged or the folder moved). Waiting for it to come back; nothing is deleted.");
        } else if (e instanceof AccessDeniedException || e instanceof SecurityException) {
            set(
                    WatchState.ERROR,
                    "Permission denied: " + watch.folder()
                            + ". Give this user read access to the folder and its sub-folders.");
        } else {
            set(WatchState.ERROR, "The folder " + watch.folder() + " cannot be watched: " + e.getMessage());
        }
    }

    /**
     * Walks the folder and hands every file that the ledger does not know as it is now (new, changed, or failed
     * before) to the settler; 500 paths per ledger query, nothing else kept.
     */
    private void scan() {
        set(WatchState.SCANNING, null);
        flush();
        long now = clock.millis();
        Map<String, Settler.Candidate> chunk = new HashMap<>();
        try {
            Files.walkFileTree(
                    watch.folder(),
                    java.util.Set.of(),
                    watch.recursive() ? Integer.MAX_VALUE : 1,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                            return !d.equals(watch.folder()) && skipFolder(d)
                                    ? FileVisitResult.SKIP_SUBTREE
                                    : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                            if (a.isRegularFile()) {
                                chunk.put(
                                        ExcludeRules.relativePath(watch.folder(), f),
                                        new Settler.Candidate(
                                                f,
                                                a.size(),
                                                a.lastModifiedTime().toMillis()));
                                if (chunk.size() >= WatchLedger.CHUNK) {
                                    offer(chunk, now);
                                }
                            }
                            return stopped ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path f, IOException e) {
                            return FileVisitResult.CONTINUE;
                        }
                    });
            offer(chunk, now);
            lastScan = Instant.ofEpochMilli(clock.millis());
            set(WatchState.WATCHING, null);
        } catch (IOException e) {
            closeEvents();
            folderProblem(e);
        }
        dirty = true;
    }

    private void offer(Map<String, Settler.Candidate> chunk, long now) {
        Map<String, WatchLedger.Entry> known = ledger.lookup(watch.id(), chunk.keySet());
        for (var e : chunk.entrySet()) {
            WatchLedger.Entry had = known.get(e.getKey());
            Settler.Candidate c = e.getValue();
            if (had == null || !had.sameFile(c.size(), c.mtime()) || had.outcome() == WatchLedger.Outcome.FAILED) {
                settler.found(c.path(), c.size(), c.mtime(), now);
            }
        }
        chunk.clear();
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

    private void set(WatchState s, String why) {
        if (s != state || !java.util.Objects.equals(why, reason)) {
            state = s;
            reason = why;
            dirty = true;
            if (why != null && !why.equals(lastProblem)) {
                lastProblem = why; // told once per problem, not per file or per retry
                problems.accept(why);
            } else if (why == null && s != WatchState.SCANNING) {
                lastProblem = null;
            }
        }
    }

    private void add(WatchHealth.Counters d) {
        if (!d.isZero()) {
            delta = delta.plus(d);
            thisRun = thisRun.plus(d);
            dirty = true;
        }
    }

    private void flush() {
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
            dirty = true;
            flush();
        }
    }

    /** What this run did (kept in memory: readable when the database is already closed at the JVM's exit). */
    WatchHealth.Counters thisRun() {
        return thisRun;
    }

    /** For tests and the GUI: the state as this process sees it now. */
    WatchState state() {
        return state;
    }
}
