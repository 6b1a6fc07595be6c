package io.obitox.watch;

import io.obitox.common.ObitoxException;
import io.obitox.profile.TargetRef;
import io.obitox.settings.SettingsService;
import io.obitox.storage.S3Target;
import io.obitox.sync.ConflictDefaults;
import io.obitox.sync.ConflictPolicy;
import io.obitox.sync.ExcludeRules;
import io.obitox.sync.Rule;
import io.obitox.sync.UploadPlanner;
import io.obitox.transfer.Owners;
import io.obitox.transfer.TransferService;
import io.obitox.validation.FileValidator;
import io.obitox.validation.ObjectKeys;
import io.obitox.validation.PolicyService;
import io.obitox.validation.ValidationPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Watch folders (issue 19): add, list, pause, resume and remove watches, and run them in this process ({@link
 * #run}). A watch runs in one process at a time: running it takes its owner by compare-and-set (like a transfer's),
 * so the GUI and {@code obitox watch run} never upload the same watch at once. Thread-safe; calls block on the
 * database.
 */
public final class WatchFolderService {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WatchFolderService.class);
    private final WatchRepository repo;
    private final WatchLedger ledger;
    private final Function<TargetRef, S3Target> targets;
    private final Supplier<TransferService> transfers;
    private final Supplier<FileValidator> validator;
    private final Supplier<UploadPlanner> planner;
    private final PolicyService policies;
    private final SettingsService settings;
    private final Clock clock;
    private final String owner = Owners.current();
    private final List<Running> started = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Watches running in this process: the owner column cannot tell two runners of one process apart. */
    private final java.util.Set<String> runningHere = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Told each problem of every watch this process runs (the desktop notifications), on the watch's thread. */
    private final List<Consumer<WatchProblem>> problemListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final OpenWriters writers = OpenWriters.forThisOs();

    public WatchFolderService(
            WatchRepository repo,
            WatchLedger ledger,
            Function<TargetRef, S3Target> targets,
            Supplier<TransferService> transfers,
            Supplier<FileValidator> validator,
            Supplier<UploadPlanner> planner,
            PolicyService policies,
            SettingsService settings,
            Clock clock) {
        this.repo = repo;
        this.ledger = ledger;
        this.targets = targets;
        this.transfers = transfers;
        this.validator = validator;
        this.planner = planner;
        this.policies = policies;
        this.settings = settings;
        this.clock = clock;
    }

    /** What the user asks for; {@link #add} checks it and fills in the defaults. */
    public record Draft(
            Path folder,
            TargetRef target,
            String bucket,
            String prefix,
            String policy,
            boolean validate,
            String ifExists,
            List<String> rules,
            boolean defaultExcludes,
            boolean recursive,
            Duration settle,
            Duration scanInterval,
            Watch.AfterUpload afterUpload,
            boolean paused) {}

    /** Checks the draft (folder, policy, rules, times) and stores the watch. */
    public Watch add(Draft d) {
        Watch w = checked(UUID.randomUUID().toString(), d, clock.instant());
        for (WatchRepository.Row r : list()) {
            Watch o = r.watch();
            if (o.folder().equals(w.folder())
                    && o.target().equals(w.target())
                    && o.bucket().equals(w.bucket())
                    && o.prefix().equals(w.prefix())) {
                // two watches of one folder to one place would take every file twice
                throw new ObitoxException(
                        "WATCH_EXISTS",
                        "The watch " + o.id().substring(0, 8) + " already uploads " + w.folder() + " to s3://"
                                + w.bucket() + "/" + w.prefix() + ".",
                        "Change that watch ('obitox watch list' shows it), or watch another folder or prefix.");
            }
        }
        // a watch to a missing bucket would fail every file it ever sees
        planner.get().requireBucket(targets.apply(w.target()), w.bucket());
        repo.insert(w);
        return w;
    }

    /**
     * Checks the draft as {@link #add} does and stores it as the watch {@code idOrPrefix}. When the folder or the
     * destination (target, bucket, prefix) changed, what the watch remembers of its files is forgotten, so every
     * file is checked again (identical objects are skipped by the upload planner). A process running the watch
     * keeps the old settings until it restarts it (the window does so after an edit).
     */
    public Watch update(String idOrPrefix, Draft d) {
        Watch old = get(idOrPrefix).watch();
        Watch w = checked(old.id(), d, old.createdAt());
        boolean moved = !w.folder().equals(old.folder())
                || !w.target().equals(old.target())
                || !w.bucket().equals(old.bucket())
                || !w.prefix().equals(old.prefix());
        if (!w.target().equals(old.target()) || !w.bucket().equals(old.bucket())) {
            planner.get().requireBucket(targets.apply(w.target()), w.bucket()); // as add does
        }
        if (!repo.update(w, moved)) {
            throw new ObitoxException(
                    "WATCH_NOT_FOUND", "The watch " + old.id() + " is gone.", "List them with 'obitox watch list'.");
        }
        return w;
    }

    private Watch checked(String id, Draft d, java.time.Instant createdAt) {
        Path folder = d.folder().toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new ObitoxException(
                    "NOT_A_FOLDER", "'" + d.folder() + "' is not a folder.", "Name an existing folder to watch.");
        }
        if (d.bucket() == null || d.bucket().isBlank()) {
            throw new ObitoxException(
                    "BUCKET_REQUIRED", "No bucket to upload to.", "Give --bucket, or a profile with a default bucket.");
        }
        if (d.settle().isNegative() || d.settle().compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ObitoxException(
                    "INVALID_SETTLE", "The settle time must be between 0 and 10 minutes.", "Use e.g. --settle 3s.");
        }
        if (d.scanInterval().compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ObitoxException(
                    "INVALID_SCAN_INTERVAL", "The scan interval must be at least 1 second.", "Use e.g. --scan 5m.");
        }
        if (d.ifExists() != null) {
            ConflictPolicy.parse(d.ifExists()); // refuses an unknown value now, not at run time
        }
        if (d.validate() && d.policy() != null) {
            policies.resolve(d.policy());
        }
        ExcludeRules.of(parseRules(d.rules())); // an unusable pattern is refused here
        String prefix = ObjectKeys.normalizePrefix(d.prefix(), false);
        return new Watch(
                id,
                folder,
                d.target(),
                d.bucket(),
                prefix,
                d.policy(),
                d.validate(),
                d.ifExists() == null ? null : ConflictPolicy.parse(d.ifExists()).cliName(),
                d.rules(),
                d.defaultExcludes(),
                d.recursive(),
                d.settle(),
                d.scanInterval(),
                d.afterUpload(),
                d.paused(),
                createdAt);
    }

    public List<WatchRepository.Row> list() {
        return repo.list();
    }

    /** The watch with this id, or the only one whose id starts with it. */
    public WatchRepository.Row get(String idOrPrefix) {
        List<WatchRepository.Row> found = repo.list().stream()
                .filter(r -> r.watch().id().startsWith(idOrPrefix.strip()))
                .toList();
        if (found.size() != 1) {
            throw new ObitoxException(
                    found.isEmpty() ? "WATCH_NOT_FOUND" : "WATCH_AMBIGUOUS",
                    found.isEmpty()
                            ? "No watch has the id '" + idOrPrefix + "'."
                            : "'" + idOrPrefix + "' starts " + found.size() + " watch ids.",
                    "List them with 'obitox watch list' and give more of the id.");
        }
        return found.get(0);
    }

    /** Removes the watch (and what it remembers of its files); nothing in the folder or the bucket is touched. */
    public Watch remove(String idOrPrefix) {
        Watch w = get(idOrPrefix).watch();
        repo.delete(w.id());
        return w;
    }

    public Watch pause(String idOrPrefix) {
        Watch w = get(idOrPrefix).watch();
        repo.setPaused(w.id(), true);
        return w.withPaused(true);
    }

    public Watch resume(String idOrPrefix) {
        Watch w = get(idOrPrefix).watch();
        repo.setPaused(w.id(), false);
        return w.withPaused(false);
    }

    /** Recent files of a watch with these outcomes (newest first), e.g. what was excluded or rejected and why. */
    public List<WatchLedger.Entry> files(String watchId, List<WatchLedger.Outcome> outcomes, int limit) {
        return ledger.recent(watchId, outcomes, limit);
    }

    /**
     * Starts the watches in this process, each on its own daemon thread. A watch another live process runs is
     * refused ({@code WATCH_BUSY}) and nothing is started. Close the handle to stop them (each within a second) and
     * give them up.
     *
     * @param problems told once per problem (folder gone, permission denied, target failing), on the watch's thread
     */
    public Running run(List<String> idsOrPrefixes, Consumer<String> problems) {
        List<Watch> chosen = new ArrayList<>();
        for (String id : idsOrPrefixes) {
            chosen.add(get(id).watch());
        }
        List<WatchRunner> runners = new ArrayList<>();
        List<String> claimedHere = new ArrayList<>();
        try {
            for (Watch w : chosen) {
                if (!runningHere.add(w.id())) {
                    throw new ObitoxException(
                            "WATCH_BUSY",
                            "The watch " + w.id() + " of " + w.folder() + " already runs in this ObitoX.",
                            "Stop it first, or leave it running.");
                }
                claimedHere.add(w.id());
                String held = repo.claim(w.id(), owner).orElse(null);
                if (held != null) {
                    throw new ObitoxException(
                            "WATCH_BUSY",
                            "The watch " + w.id() + " of " + w.folder() + " runs in another ObitoX (process "
                                    + held.split(":")[0] + ").",
                            "Stop it there (close the window or stop 'obitox watch run') and try again.");
                }
                WatchRunner r = runner(w, p -> {
                    problems.accept(p.line());
                    problemListeners.forEach(l -> l.accept(p));
                });
                runners.add(r);
                r.start();
            }
        } catch (RuntimeException e) {
            new Running(runners).close();
            for (String id : claimedHere) {
                repo.release(id, owner);
                runningHere.remove(id);
            }
            throw e;
        }
        Running running = new Running(runners);
        started.add(running);
        return running;
    }

    /**
     * Starts every watch that no other live process runs (the window at its start: a headless {@code watch run}
     * keeps the ones it has).
     */
    public Running runAvailable(Consumer<String> problems) {
        List<String> ids = repo.list().stream()
                .filter(r -> !r.health().running() || owner.equals(r.owner()))
                .filter(r -> !runningHere.contains(r.watch().id()))
                .map(r -> r.watch().id())
                .toList();
        return run(ids, problems);
    }

    /**
     * Tells {@code listener} each problem of every watch this process runs, once per problem (see {@link
     * WatchProblem}); it is called on the watch's thread and must return quickly. Returns the unsubscribe action.
     */
    public Runnable onProblem(Consumer<WatchProblem> listener) {
        problemListeners.add(listener);
        return () -> problemListeners.remove(listener);
    }

    /** Stops every watch this service started (the app's close). */
    public void close() {
        started.forEach(Running::close);
    }

    private WatchRunner runner(Watch w, Consumer<WatchProblem> problems) {
        TransferService t = transfers.get();
        String profileId = w.target().profileId();
        ExcludeRules rules = rules(w);
        ValidationPolicy policy = !w.validate()
                ? null
                : w.policy() != null ? policies.resolve(w.policy()) : policies.policyFor(profileId, w.bucket());
        ConflictPolicy conflict = w.ifExists() != null
                ? ConflictPolicy.parse(w.ifExists())
                : new ConflictDefaults(settings).choice(profileId, w.bucket()).unattended();
        WatchPipeline.Rules resolved = new WatchPipeline.Rules(targets.apply(w.target()), rules, policy, conflict);
        WatchPipeline pipeline =
                new WatchPipeline(w, resolved, ledger, w.validate() ? validator.get() : null, planner.get(), t, clock);
        return new WatchRunner(
                w,
                repo,
                ledger,
                pipeline,
                new QueuedFiles(w, ledger, t, clock),
                rules,
                owner,
                clock,
                writers,
                problems);
    }

    /** The stored Settings rules (when the watch uses them), then its own in order. */
    private ExcludeRules rules(Watch w) {
        List<Rule> all = new ArrayList<>(w.defaultExcludes() ? new ConflictDefaults(settings).rules() : List.of());
        all.addAll(parseRules(w.rules()));
        return ExcludeRules.of(all);
    }

    /** {@code exclude:PATTERN} / {@code include:PATTERN} lines as stored (a bare pattern is an exclude). */
    static List<Rule> parseRules(List<String> lines) {
        List<Rule> out = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("include:")) {
                out.add(Rule.include(l.substring("include:".length())));
            } else {
                out.add(Rule.exclude(l.startsWith("exclude:") ? l.substring("exclude:".length()) : l));
            }
        }
        return out;
    }

    /** Watches running in this process. */
    public final class Running implements AutoCloseable {
        private final List<WatchRunner> runners;
        private boolean closed;

        Running(List<WatchRunner> runners) {
            this.runners = List.copyOf(runners);
        }

        /** What each watch did in this run, by id (from memory). */
        public java.util.Map<String, WatchHealth.Counters> thisRun() {
            java.util.Map<String, WatchHealth.Counters> out = new java.util.LinkedHashMap<>();
            runners.forEach(r -> out.put(r.id(), r.thisRun()));
            return out;
        }

        public List<String> ids() {
            return runners.stream().map(WatchRunner::id).toList();
        }

        /** Asks every watch here to scan now. */
        public void scanNow() {
            runners.forEach(WatchRunner::scanNow);
        }

        /** Stops every watch (each within a second) and gives them up for another process. Idempotent. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            runners.forEach(WatchRunner::close);
            for (WatchRunner r : runners) {
                runningHere.remove(r.id());
                try {
                    repo.release(r.id(), owner);
                } catch (RuntimeException e) {
                    // at the JVM's exit H2's own hook may have closed the database: the owner is then a process
                    // that is gone, which the next start takes over just the same
                    log.info("Watch {} not released: {}", r.id(), e.toString());
                }
            }
        }
    }
}
