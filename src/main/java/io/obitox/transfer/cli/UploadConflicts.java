package io.obitox.transfer.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.TargetOptions;
import io.obitox.profile.StorageProfile;
import io.obitox.settings.SettingsService;
import io.obitox.sync.BatchSummary;
import io.obitox.sync.ConditionalWrites;
import io.obitox.sync.ConflictDefaults;
import io.obitox.sync.ConflictPolicy;
import io.obitox.sync.ExcludeRules;
import io.obitox.sync.RemoteLister;
import io.obitox.sync.Rule;
import io.obitox.sync.SyncAction;
import io.obitox.sync.UploadIndex;
import io.obitox.sync.UploadPlan;
import io.obitox.sync.UploadPlanner;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.UploadRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command-line side of issue 15 for {@code upload} and {@code sync}: exclude rules applied to the files found,
 * the {@link UploadPlanner} run over what is left, the engine given only what must be sent, rename rounds after
 * 412s, and the per-file {@code "action"} plus the batch summary in the output. Warnings (best-effort checks, a
 * listing that failed) always go to stderr, also with {@code --json} or {@code -q}. What the settled plan prints is
 * {@link PlanRows}. One per command run; not thread-safe.
 */
public final class UploadConflicts {
    /** Settings key of the default {@code --if-exists}, per profile and bucket ({@code sync.ifExists.ID.BUCKET}). */
    public static final String SETTING = ConflictDefaults.POLICY;

    private final CliContext ctx;
    private final TargetOptions.Resolved target;
    private final String bucket;
    private final ConflictPolicy policy;
    private final ExcludeRules rules;
    private boolean dryRun;
    private UploadPlan plan;

    public UploadConflicts(
            CliContext ctx,
            UploadRuleOptions options,
            List<String> originalArgs,
            TargetOptions.Resolved target,
            String bucket) {
        this.ctx = ctx;
        this.target = target;
        this.bucket = bucket;
        this.policy = options.ifExists() != null
                ? ConflictPolicy.parse(options.ifExists())
                : defaultPolicy(ctx.app().settings(), target.profile().map(StorageProfile::id), bucket);
        // the stored list (Settings → exclude rules; the default patterns until one is saved) stands in for the
        // defaults, so --no-default-excludes turns it off too
        List<Rule> all = new ArrayList<>(
                options.defaultExcludes() ? new ConflictDefaults(ctx.app().settings()).rules() : List.of());
        for (Path f : options.excludeFrom()) {
            all.addAll(ExcludeRules.readFile(f));
        }
        all.addAll(commandLineRules(originalArgs));
        this.rules = ExcludeRules.of(all);
    }

    /** Decide only: no probe write, no index change, and rows say {@code "state": "DRY_RUN"}. */
    public UploadConflicts dryRun(boolean on) {
        this.dryRun = on;
        return this;
    }

    public UploadPlan currentPlan() {
        return plan;
    }

    public ConflictPolicy policy() {
        return policy;
    }

    public ExcludeRules rules() {
        return rules;
    }

    /**
     * The stored default for this profile and bucket, else for the profile, else everywhere, else skip-identical
     * ({@link ConflictDefaults}, shared with the GUI); a stored {@code ask} is {@code skip} here: nobody can be asked.
     */
    static ConflictPolicy defaultPolicy(SettingsService settings, Optional<String> profileId, String bucket) {
        return new ConflictDefaults(settings)
                .choice(profileId.orElse(null), bucket)
                .unattended();
    }

    /** {@code --exclude} and {@code --include} in the order typed (picocli gives two lists; the order matters). */
    public static List<Rule> commandLineRules(List<String> args) {
        List<Rule> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                break;
            }
            for (String name : List.of("--exclude", "--include")) {
                String value = null;
                if (a.equals(name) && i + 1 < args.size()) {
                    value = args.get(++i);
                } else if (a.startsWith(name + "=")) {
                    value = a.substring(name.length() + 1);
                }
                if (value != null) {
                    out.add(name.equals("--exclude") ? Rule.exclude(value) : Rule.include(value));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Applies the rules to the files found (paths relative to the named folder, or the file's name for a named
     * file), plans the rest against one listing of {@code listPrefix}, and returns what to enqueue.
     */
    public List<UploadRequest> plan(List<UploadRequest> found, List<Path> roots, String listPrefix) {
        return plan(found, List.of(), roots, listPrefix);
    }

    /** As {@link #plan(List, List, String)}, with folders the walk already left out whole ({@code pruned}). */
    public List<UploadRequest> plan(
            List<UploadRequest> found, List<UploadPlanner.Excluded> pruned, List<Path> roots, String listPrefix) {
        List<UploadRequest> kept = new ArrayList<>();
        List<UploadPlanner.Excluded> excluded = new ArrayList<>(pruned);
        for (UploadRequest r : found) {
            String rel = relativePath(roots, r.source());
            ExcludeRules.Verdict v = rules.check(rel);
            if (v.excluded()) {
                excluded.add(new UploadPlanner.Excluded(r.source(), r.key(), rel, v.rule()));
            } else {
                kept.add(r);
            }
        }
        var app = ctx.app();
        UploadPlanner planner = new UploadPlanner(
                new UploadIndex(app.database()),
                new RemoteLister(app.buckets(), app.clients()),
                new ConditionalWrites(app.clients(), app.settings()));
        plan = planner.plan(
                new UploadPlanner.Spec(
                        target.target(),
                        bucket,
                        listPrefix,
                        policy,
                        app.transfers().engine().settings(),
                        dryRun),
                kept,
                excluded);
        for (String w : plan.warnings()) {
            ctx.out().warn(w);
        }
        return plan.uploads();
    }

    /** The planned uploads' transfer ids (from {@code enqueue}, same order as {@link #plan}'s answer). */
    public void attach(List<String> transferIds) {
        plan.attach(transferIds);
    }

    /**
     * Records the skipped files as {@code SKIPPED} transfers of batch {@code batchId} (nothing for a dry run); returns
     * their ids (their webhook events are waited for like the uploads').
     */
    public List<String> recordSkipped(TransferService service, String batchId) {
        return recordSkipped(service, batchId, true);
    }

    /**
     * As {@link #recordSkipped(TransferService, String)}; with {@code identical} false (a sync) the files skipped as
     * identical are recorded only when a webhook wants them ({@code SkippedRows.record}).
     */
    public List<String> recordSkipped(TransferService service, String batchId, boolean identical) {
        return dryRun ? List.of() : io.obitox.sync.SkippedRows.record(service, batchId, plan, identical);
    }

    /**
     * Settles the ends of the first round and runs the rename rounds a 412 asks for; returns every transfer's last
     * snapshot (one per file; a renamed file's last transfer).
     */
    public List<TransferSnapshot> settle(TransferService service, List<TransferSnapshot> ends, boolean quiet)
            throws InterruptedException {
        Map<String, TransferSnapshot> last = new LinkedHashMap<>();
        Map<Path, String> transferOf = new HashMap<>();
        List<TransferSnapshot> round = ends;
        while (true) {
            for (TransferSnapshot s : round) {
                String old = transferOf.put(s.source(), s.id());
                if (old != null && plan.item(s.id()) != null) {
                    last.remove(old);
                }
                last.put(s.id(), s);
            }
            if (!plan.settle(round)) {
                break;
            }
            TransferService.Batch again = service.enqueue(plan.uploads());
            plan.attach(again.transferIds());
            round = ProgressPrinter.await(service, again.transferIds(), ctx, quiet);
        }
        return new ArrayList<>(last.values());
    }

    /**
     * As {@code settle} for a run of any size: the ends are read back a page at a
     * time; returns the ids of every file's last transfer, in queue order (a renamed file's last one).
     */
    public List<String> settleById(TransferService service, List<String> firstRound, boolean quiet)
            throws InterruptedException {
        List<String> round = firstRound;
        while (true) {
            plan.beginRound();
            for (int from = 0; from < round.size(); from += UploadReport.PAGE) {
                plan.settlePage(
                        service.snapshots(round.subList(from, Math.min(round.size(), from + UploadReport.PAGE))));
            }
            if (!plan.endRound()) {
                break;
            }
            TransferService.Batch again = service.enqueue(plan.uploads());
            plan.attach(again.transferIds());
            ProgressPrinter.follow(service, again.transferIds(), ctx, quiet);
            round = again.transferIds();
        }
        List<String> last = new ArrayList<>();
        for (UploadPlan.Item i : plan.items()) {
            if (i.transferId() != null) {
                last.add(i.transferId());
            }
        }
        return last;
    }

    /** Whether a snapshot's file ended as a failure (not a 412 that {@code skip} turned into skipped-existing). */
    public boolean failed(TransferSnapshot s) {
        UploadPlan.Item i = plan.item(s.id());
        return i != null ? i.action() == SyncAction.FAILED : s.state() != io.obitox.transfer.TransferState.COMPLETED;
    }

    /** Whether a snapshot's file was sent (uploaded or renamed), not failed and not skipped after a 412. */
    public boolean uploaded(TransferSnapshot s) {
        UploadPlan.Item i = plan.item(s.id());
        return i != null
                ? i.action() == SyncAction.UPLOADED || i.action() == SyncAction.RENAMED
                : s.state() == io.obitox.transfer.TransferState.COMPLETED;
    }

    /** Files that failed without a transfer (e.g. {@code --if-exists fail} on a listed key). */
    public long failedWithoutTransfer() {
        return plan.items().stream()
                .filter(i -> i.transferId() == null && i.action() == SyncAction.FAILED)
                .count();
    }

    public BatchSummary summary() {
        return plan.summary();
    }

    /** The rows and lines of the files' outcomes, JSON or text, once the plan is settled. */
    public PlanRows rows() {
        return new PlanRows(plan, bucket, dryRun);
    }

    /** The rules' path of {@code file}: relative to the named folder holding it, or its name for a named file. */
    static String relativePath(List<Path> roots, Path file) {
        Path best = null;
        for (Path root : roots) {
            if (file.startsWith(root)
                    && !file.equals(root)
                    && (best == null || root.getNameCount() > best.getNameCount())) {
                best = root;
            }
        }
        return best == null ? String.valueOf(file.getFileName()) : ExcludeRules.relativePath(best, file);
    }

    /** The longest common prefix of the keys, cut after its last {@code /}: what one listing must cover. */
    public static String listPrefix(String prefix, List<UploadRequest> requests) {
        String common = null;
        for (UploadRequest r : requests) {
            String k = r.key();
            if (common == null) {
                common = k;
            } else {
                int n = 0;
                int max = Math.min(common.length(), k.length());
                while (n < max && common.charAt(n) == k.charAt(n)) {
                    n++;
                }
                common = common.substring(0, n);
            }
        }
        if (common == null) {
            return prefix;
        }
        String cut = common.substring(0, common.lastIndexOf('/') + 1);
        return cut.length() >= prefix.length() ? cut : prefix;
    }
}
