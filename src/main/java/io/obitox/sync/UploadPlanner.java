package io.obitox.sync;

import io.obitox.common.ObitoxException;
import io.obitox.storage.S3Target;
import io.obitox.transfer.PartPlan;
import io.obitox.transfer.TransferSettings;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import io.obitox.transfer.UploadRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for a batch of files about to be uploaded, what each one does under a {@link ConflictPolicy}: one listing
 * of the target prefix ({@link RemoteLister}), the {@link UploadIndex} reconciled with it and looked up for every
 * listed key, then per file NEW / IDENTICAL / CHANGED ({@link IdenticalCheck}, files read on a small pool only when
 * the cheap facts do not decide) and the policy's action. The engine gets only what is to be sent, with the SHA-256
 * when the check already read the file and {@code If-None-Match: *} where the policy must not clobber.
 *
 * <p>After the run, {@link Plan#settle} turns the transfers' ends into actions: a 412 ({@code OBJECT_EXISTS}) is a
 * key someone created after the listing, so {@code skip} reports it skipped-existing, {@code rename} tries the next
 * free name, {@code fail} fails it. Thread-safe (holds only services); a {@link Plan} is confined to one thread.
 */
public final class UploadPlanner {
    private static final Logger log = LoggerFactory.getLogger(UploadPlanner.class);
    /** Files read at once to compare content (hashing is CPU-bound; the rest of the machine keeps working). */
    private static final int READERS =
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
    /** How often a rename is retried when the next free name was taken by someone else meanwhile. */
    public static final int RENAME_ROUNDS = 5;

    private final UploadIndex index;
    private final RemoteLister lister;
    private final ConditionalWrites conditional;

    public UploadPlanner(UploadIndex index, RemoteLister lister, ConditionalWrites conditional) {
        this.index = index;
        this.lister = lister;
        this.conditional = conditional;
    }

    /**
     * One batch: where it goes and how.
     *
     * @param listPrefix the prefix listed once (every key of the batch is below it)
     * @param dryRun only decide: no probe write, no index change
     */
    public record Spec(
            S3Target target,
            String bucket,
            String listPrefix,
            ConflictPolicy policy,
            TransferSettings settings,
            boolean dryRun) {}

    /** A file left out by an exclude rule (or a folder pruned whole). */
    public record Excluded(Path path, String key, String relativePath, Rule rule) {}

    /** One file of the batch and what happens to it. Mutable; confined to the plan's thread. */
    public static final class Item {
        private final UploadRequest original;
        private UploadRequest request;
        private SyncAction action;
        private String reason;
        private String rule;
        private long size = -1;
        private String transferId;
        private String skippedId;
        private int renameNumber;
        private int renameRounds;

        Item(UploadRequest original) {
            this.original = original;
            this.request = original;
        }

        public Path path() {
            return original.source();
        }

        /** The key the file was meant for. */
        public String originalKey() {
            return original.key();
        }

        /** The key it went (or would go) to: another one after a rename. */
        public String key() {
            return request.key();
        }

        public SyncAction action() {
            return action;
        }

        public String reason() {
            return reason;
        }

        /** The exclude rule's name for {@link SyncAction#EXCLUDED}, else null. */
        public String rule() {
            return rule;
        }

        /** The file's size when known, else -1. */
        public long size() {
            return size;
        }

        /** The transfer that sends it, or null when nothing is sent. */
        public String transferId() {
            return transferId;
        }

        /** The {@code SKIPPED} transfer row recorded for it ({@link SkippedRows}), or null. */
        public String skippedId() {
            return skippedId;
        }

        void skippedId(String id) {
            this.skippedId = id;
        }

        /** What it is (or would be) sent as. */
        UploadRequest request() {
            return request;
        }

        /** Whether it goes to the engine (planned upload or rename). */
        public boolean uploads() {
            return transferId != null || action == SyncAction.UPLOADED || action == SyncAction.RENAMED;
        }
    }

    /** A batch's decisions; {@link #uploads()} is what to enqueue. */
    public final class Plan {
        private final Spec spec;
        private final List<Item> items;
        private final RemoteListing listing;
        private final List<String> warnings;
        private final Set<String> takenKeys = new HashSet<>();
        private final Map<String, Item> byTransfer = new HashMap<>();
        private List<Item> pending;
        private int filesRead;
        /** The files the round being settled sends again; null between rounds. */
        private List<Item> again;

        Plan(Spec spec, List<Item> items, RemoteListing listing, List<String> warnings) {
            this.spec = spec;
            this.items = items;
            this.listing = listing;
            this.warnings = warnings;
            for (Item i : items) {
                takenKeys.add(i.key());
            }
            this.pending = items.stream().filter(Item::uploads).toList();
        }

        public List<Item> items() {
            return items;
        }

        public RemoteListing listing() {
            return listing;
        }

        /**
         * How many files planning read (their fingerprint or whole content) to compare them; files decided by one
         * stat against the index, by the listing alone or by the policy are not counted.
         */
        public int filesRead() {
            return filesRead;
        }

        /** Things the user should know (best-effort checks, a listing that failed). */
        public List<String> warnings() {
            return warnings;
        }

        /** The requests of this round, in order (pass the transfer ids the engine gave them to {@link #attach}). */
        public List<UploadRequest> uploads() {
            return pending.stream()
                    .map(i -> i.action == SyncAction.RENAMED
                            ? i.request.withAction(SyncAction.RENAMED.jsonName())
                            : i.request)
                    // the engine ends a 412 under "skip" as SKIPPED (renames answered "keep both" are "rename")
                    .map(r -> r.ifNoneMatch()
                            ? r.withIfExists(
                                    spec.policy().mustNotClobber()
                                            ? spec.policy().cliName()
                                            : ConflictPolicy.RENAME.cliName())
                            : r)
                    .toList();
        }

        /** The transfer ids of {@link #uploads()}, in the same order. */
        public void attach(List<String> transferIds) {
            if (transferIds.size() != pending.size()) {
                throw new IllegalStateException(transferIds.size() + " ids for " + pending.size() + " uploads");
            }
            for (int n = 0; n < pending.size(); n++) {
                pending.get(n).transferId = transferIds.get(n);
                byTransfer.put(transferIds.get(n), pending.get(n));
            }
        }

        /** The item a transfer of this plan sends, or null. */
        public Item item(String transferId) {
            return byTransfer.get(transferId);
        }

        /**
         * Takes the ends of this round's transfers; returns true when another round is due ({@link #uploads()} then
         * holds the renames whose new key was taken meanwhile).
         */
        public boolean settle(List<TransferSnapshot> ends) {
            beginRound();
            settlePage(ends);
            return endRound();
        }

        /** Starts settling a round whose ends are read a page at a time: {@link #settlePage}s, then {@link #endRound}. */
        public void beginRound() {
            again = new ArrayList<>();
        }

        /** Settles one page of the round's ends (see {@link #settle}). */
        public void settlePage(List<TransferSnapshot> ends) {
            for (TransferSnapshot s : ends) {
                Item i = byTransfer.get(s.id());
                if (i == null) {
                    continue;
                }
                if (s.size() >= 0) {
                    i.size = s.size();
                }
                if (s.state() == TransferState.COMPLETED) {
                    i.action = i.key().equals(i.originalKey()) ? SyncAction.UPLOADED : SyncAction.RENAMED;
                    continue;
                }
                if (s.state() == TransferState.SKIPPED) { // the engine's end of a 412 under skip
                    i.action = SyncAction.SKIPPED_EXISTING;
                    i.reason = "created on the server after the listing; not overwritten (If-None-Match)";
                    continue;
                }
                boolean exists = ConflictPolicy.OBJECT_EXISTS.equals(s.errorCode());
                if (exists && spec.policy() == ConflictPolicy.SKIP) {
                    i.action = SyncAction.SKIPPED_EXISTING;
                    i.reason = "created on the server after the listing; not overwritten (If-None-Match)";
                } else if (exists && spec.policy() == ConflictPolicy.RENAME && i.renameRounds++ < RENAME_ROUNDS) {
                    String next = nextName(i);
                    i.request = withKey(i.request, next);
                    i.action = SyncAction.RENAMED;
                    i.transferId = null;
                    again.add(i);
                } else {
                    i.action = SyncAction.FAILED;
                    i.reason = s.errorMessage();
                }
            }
        }

        /** Ends the round: true when files are to be sent again (under their next free name). */
        public boolean endRound() {
            pending = again;
            again = null;
            return !pending.isEmpty();
        }

        private String nextName(Item i) {
            String key;
            do {
                i.renameNumber++;
                key = RenameKeys.numbered(i.originalKey(), i.renameNumber);
            } while (listing.contains(key) || takenKeys.contains(key));
            takenKeys.add(key);
            return key;
        }

        /**
         * The GUI's "ask": for each file planned over a listed key (a changed file under skip-identical), the user's
         * answer by original key, else {@code fallback}: {@code OVERWRITE} keeps the plan, {@code SKIP} skips it as
         * existing, {@code RENAME} keeps both (the first free {@code name (n).ext}, with {@code If-None-Match}). Call
         * before {@link #uploads()} is read, once.
         */
        public void answer(Map<String, ConflictPolicy> answers, ConflictPolicy fallback) {
            for (Item i : items) {
                RemoteListing.RemoteObject remote = listing.get(i.originalKey());
                if (i.action != SyncAction.UPLOADED || remote == null || i.transferId != null) {
                    continue;
                }
                switch (answers.getOrDefault(i.originalKey(), fallback)) {
                    case SKIP -> {
                        i.action = SyncAction.SKIPPED_EXISTING;
                        i.reason = "exists on the server; skipped as answered";
                        i.size = remote.size();
                    }
                    case RENAME -> {
                        i.request = flags(withKey(i.request, nextName(i)), true, i.request.sha256());
                        i.action = SyncAction.RENAMED;
                        i.reason = "exists on the server; both kept as answered";
                    }
                    default -> {}
                }
            }
            pending = items.stream().filter(Item::uploads).toList();
        }

        /** Counts per action and the bytes not sent (skipped files' sizes). */
        public BatchSummary summary() {
            return BatchSummary.of(items);
        }
    }

    /** Plans a batch. {@code candidates} are the files to upload, {@code excluded} those the rules left out. */
    public Plan plan(Spec spec, List<UploadRequest> candidates, List<Excluded> excluded) {
        List<String> warnings = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        for (Excluded e : excluded) {
            Item i = new Item(new UploadRequest(e.path(), null, spec.bucket(), e.key(), null));
            i.action = SyncAction.EXCLUDED;
            i.rule = e.rule().name();
            i.reason = e.rule().skippedMessage();
            items.add(i);
        }
        ConflictPolicy policy = spec.policy();
        String endpoint = UploadIndex.endpointKey(spec.target());
        RemoteListing listing;
        boolean listed = true;
        try {
            listing = lister.list(spec.target(), spec.bucket(), spec.listPrefix());
        } catch (RuntimeException e) {
            if (e instanceof java.util.concurrent.CancellationException) {
                throw e;
            }
            listed = false;
            listing = new RemoteListing(spec.bucket(), spec.listPrefix(), Map.of(), 0);
            String why = e instanceof ObitoxException oe ? oe.toUserMessage().oneLine() : e.toString();
            warnings.add("Could not list s3://" + spec.bucket() + "/" + spec.listPrefix() + " (" + why
                    + "): every file is treated as new"
                    + (policy == ConflictPolicy.SKIP_IDENTICAL || policy == ConflictPolicy.OVERWRITE
                            ? " and existing objects are overwritten."
                            : "; existing keys are protected only by If-None-Match."));
        }
        if (policy.mustNotClobber() && !spec.dryRun() && !conditional.supported(spec.target(), spec.bucket())) {
            warnings.add("This endpoint ignores If-None-Match: the existence check (--if-exists " + policy.cliName()
                    + ") is best-effort: a key another client creates between the listing and the upload can be"
                    + " overwritten.");
        }
        Map<String, UploadIndex.Entry> rows = Map.of();
        if (listed) {
            // one range read of the rows under the listed prefix serves both the reconciliation and the lookups (an
            // IN list of 500 keys per query was a scan per chunk in H2: 40 % of a no-change sync's CPU)
            Map<String, UploadIndex.Entry> confirmed = index.confirmed(endpoint, listing, !spec.dryRun());
            if (policy == ConflictPolicy.SKIP_IDENTICAL) {
                rows = confirmed;
            }
        }
        Set<String> taken = new HashSet<>(listing.keys());
        for (UploadRequest r : candidates) {
            taken.add(r.key());
        }
        IdenticalCheck check = IdenticalCheck.forProvider(spec.target().provider());
        List<Item> toCheck = new ArrayList<>();
        for (UploadRequest r : candidates) {
            Item i = new Item(r);
            items.add(i);
            RemoteListing.RemoteObject remote = listing.get(r.key());
            if (remote == null || policy == ConflictPolicy.OVERWRITE) {
                i.action = SyncAction.UPLOADED;
                i.reason = remote == null ? "new" : "overwrites the object";
                i.request = flags(r, policy.mustNotClobber(), null);
                continue;
            }
            switch (policy) {
                case SKIP -> {
                    i.action = SyncAction.SKIPPED_EXISTING;
                    i.reason = "exists on the server";
                    i.size = remote.size();
                }
                case FAIL -> {
                    i.action = SyncAction.FAILED;
                    i.reason =
                            ConflictPolicy.objectExists(spec.bucket(), r.key()).getMessage();
                }
                case RENAME -> {
                    String key = RenameKeys.firstFree(r.key(), taken::contains);
                    taken.add(key);
                    i.renameNumber = number(r.key(), key);
                    i.action = SyncAction.RENAMED;
                    i.reason = "exists on the server";
                    i.request = flags(withKey(r, key), true, null);
                }
                default -> toCheck.add(i); // SKIP_IDENTICAL
            }
        }
        AtomicInteger reads = new AtomicInteger();
        decide(spec, check, endpoint, listing, rows, toCheck, reads);
        Plan plan = new Plan(spec, items, listing, warnings);
        plan.filesRead = reads.get();
        return plan;
    }

    private void decide(
            Spec spec,
            IdenticalCheck check,
            String endpoint,
            RemoteListing listing,
            Map<String, UploadIndex.Entry> rows,
            List<Item> toCheck,
            AtomicInteger reads) {
        if (toCheck.isEmpty()) {
            return;
        }
        List<String> forget = new ArrayList<>();
        List<UploadIndex.Entry> record = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(READERS, toCheck.size()), r -> {
            Thread t = new Thread(r, "identical-check");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Runnable>> results = new ArrayList<>();
            for (Item i : toCheck) {
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
            Spec spec,
            IdenticalCheck check,
            String endpoint,
            RemoteListing listing,
            Map<String, UploadIndex.Entry> rows,
            Item i,
            List<String> forget,
            List<UploadIndex.Entry> record,
            AtomicInteger reads) {
        UploadRequest r = i.original;
        RemoteListing.RemoteObject remote = listing.get(r.key());
        UploadIndex.Entry row = rows.get(r.key());
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
                    record.add(new UploadIndex.Entry(
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
                i.request = flags(
                        r, false, res.digests() == null ? null : res.digests().sha256());
            }
            log.debug("{}: {} ({})", r.key(), res.decision(), res.basis());
        };
    }

    private static UploadIndex.Entry refreshed(UploadIndex.Entry row, LocalFile local) {
        return new UploadIndex.Entry(
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

    private static int number(String original, String renamed) {
        for (int n = 1; n <= 100_000; n++) {
            if (RenameKeys.numbered(original, n).equals(renamed)) {
                return n;
            }
        }
        return 0;
    }

    static UploadRequest withKey(UploadRequest r, String key) {
        return new UploadRequest(
                r.source(),
                r.target(),
                r.bucket(),
                key,
                r.contentType(),
                r.ifNoneMatch(),
                r.sha256(),
                r.settings(),
                r.action(),
                r.ifExists());
    }

    static UploadRequest flags(UploadRequest r, boolean ifNoneMatch, String sha256) {
        return new UploadRequest(
                r.source(),
                r.target(),
                r.bucket(),
                r.key(),
                r.contentType(),
                ifNoneMatch,
                sha256,
                r.settings(),
                r.action(),
                r.ifExists());
    }
}
