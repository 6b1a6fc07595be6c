package io.obitox.sync;

import io.obitox.storage.S3Target;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSettings;
import io.obitox.transfer.UploadRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The Upload view's questions to the bucket, without JavaFX. {@link #preview} says what each ready file would do
 * (a dry-run {@link UploadPlanner} plan: one listing of the batch's prefix, content compared only under
 * skip-identical and ask, nothing written, no index change); {@link #send} plans for real (index reconciled, the
 * conditional-write probe), applies the user's answers for "ask", and queues in the engine only what is to be sent;
 * skipped files are recorded as final {@code SKIPPED} transfers ({@link SkippedRows}), excluded ones only counted. Both block: call them on a background thread. Thread-safe
 * (holds only services).
 */
public final class UploadPlans {
    /** Files queued per transaction (progress is reported after each). */
    public static final int QUEUE_CHUNK = 5_000;

    private final UploadPlanner planner;
    private final RemoteLister lister;
    private final TransferService transfers;
    private final TransferSettings settings;

    public UploadPlans(UploadPlanner planner, RemoteLister lister, TransferService transfers) {
        this.planner = planner;
        this.lister = lister;
        this.transfers = transfers;
        this.settings = transfers.engine().settings();
    }

    /**
     * One batch of ready files.
     *
     * @param files the uploads, in the view's order (a view of the ready list is fine: read once per call)
     * @param rulePaths each file's path for the exclude rules (relative to the dropped folder), same order
     */
    public record Batch(
            S3Target target,
            String bucket,
            String prefix,
            ConflictChoice choice,
            ExcludeRules rules,
            List<UploadRequest> files,
            List<String> rulePaths) {}

    /**
     * What each file would do.
     *
     * @param states per file, in the batch's order
     * @param excludedBy the rule's name per excluded file (by index)
     * @param listPrefix what was listed
     */
    public record Preview(
            PlanState[] states, Map<Integer, String> excludedBy, List<String> warnings, String listPrefix) {
        public int count(PlanState s) {
            int n = 0;
            for (PlanState x : states) {
                n += x == s ? 1 : 0;
            }
            return n;
        }
    }

    /** What was queued and the batch's numbers (uploaded = queued to be sent). */
    public record Sent(TransferService.Batch batch, BatchSummary summary, List<String> warnings) {}

    public Preview preview(Batch b) {
        if (prefixIsEmpty(b)) {
            // nothing there (the first upload of a folder): every kept file is new, and no per-file plan is made,
            // so a 100,000-file first drop costs one listing request and one array
            PlanState[] states = new PlanState[b.files().size()];
            Map<Integer, String> rules = new HashMap<>();
            for (int n = 0; n < states.length; n++) {
                ExcludeRules.Verdict v = b.rules().check(b.rulePaths().get(n));
                states[n] = v.excluded() ? PlanState.EXCLUDED : PlanState.NEW;
                if (v.excluded()) {
                    rules.put(n, v.rule().name());
                }
            }
            return new Preview(states, rules, List.of(), listPrefix(b));
        }
        Split split = split(b);
        UploadPlan plan = planner.plan(spec(b, split, true), split.kept, split.excluded);
        PlanState[] states = new PlanState[b.files().size()];
        Map<Integer, String> rules = new HashMap<>();
        for (int n = 0; n < split.excludedAt.size(); n++) {
            states[split.excludedAt.get(n)] = PlanState.EXCLUDED;
            rules.put(split.excludedAt.get(n), split.excluded.get(n).rule().name());
        }
        // the plan's items: the excluded ones first, then the kept ones in order
        List<UploadPlan.Item> items = plan.items();
        int first = split.excluded.size();
        boolean compares = b.choice().planned() == ConflictPolicy.SKIP_IDENTICAL;
        for (int n = 0; n < split.keptAt.size(); n++) {
            UploadPlan.Item i = items.get(first + n);
            PlanState s;
            if (!plan.listing().contains(i.originalKey())) {
                s = PlanState.NEW;
            } else if (!compares) {
                s = PlanState.EXISTS;
            } else {
                s = i.action() == SyncAction.SKIPPED_IDENTICAL ? PlanState.IDENTICAL : PlanState.CHANGED;
            }
            states[split.keptAt.get(n)] = s;
        }
        return new Preview(states, rules, plan.warnings(), listPrefix(b));
    }

    /**
     * Plans and queues the batch. {@code answers} (original key → overwrite / skip / rename) are used under
     * {@link ConflictChoice#ASK} for the files found changed; a changed file without an answer (it changed after the
     * preview) is skipped, never overwritten unasked.
     */
    public Sent send(Batch b, Map<String, ConflictPolicy> answers, IntConsumer progress) {
        if (!b.choice().planned().mustNotClobber() && prefixIsEmpty(b)) {
            return sendAllNew(b, progress);
        }
        Split split = split(b);
        UploadPlan plan = planner.plan(spec(b, split, false), split.kept, split.excluded);
        if (b.choice() == ConflictChoice.ASK) {
            plan.answer(answers, ConflictPolicy.SKIP);
        }
        List<UploadRequest> uploads = plan.uploads();
        TransferService.Batch batch = uploads.isEmpty()
                ? new TransferService.Batch(null, List.of())
                : transfers.enqueue(uploads, QUEUE_CHUNK, progress);
        if (batch.refusals().isEmpty()) {
            plan.attach(batch.transferIds());
        }
        // the skipped files become SKIPPED rows of the same batch (final, never queued): the Transfers view lists them
        SkippedRows.record(transfers, batch.id(), plan);
        return new Sent(batch, plan.summary(), plan.warnings());
    }

    /**
     * The prefix holds no object: every kept file is sent as it is, the requests made as the engine reads them (as
     * before issue 15), without a per-file plan. Not for skip/rename/fail, whose writes need the conditional-write
     * probe and {@code If-None-Match} (the planner's path).
     */
    private Sent sendAllNew(Batch b, IntConsumer progress) {
        List<UploadRequest> files = b.files();
        int[] kept = new int[files.size()];
        int n = 0;
        long excluded = 0;
        for (int i = 0; i < kept.length; i++) {
            if (b.rules().check(b.rulePaths().get(i)).excluded()) {
                excluded++;
            } else {
                kept[n++] = i;
            }
        }
        int count = n;
        List<UploadRequest> uploads = new java.util.AbstractList<>() {
            @Override
            public UploadRequest get(int i) {
                return files.get(kept[i]);
            }

            @Override
            public int size() {
                return count;
            }
        };
        TransferService.Batch batch = count == 0
                ? new TransferService.Batch(null, List.of())
                : transfers.enqueue(uploads, QUEUE_CHUNK, progress);
        int failed = batch.refusals().isEmpty() ? 0 : count;
        return new Sent(batch, new BatchSummary(count - failed, 0, 0, 0, (int) excluded, 0, failed, 0, 0), List.of());
    }

    /** One listing request (at most one key): whether the batch's prefix holds no object. A failure says no. */
    private boolean prefixIsEmpty(Batch b) {
        try {
            return lister.isEmpty(b.target(), b.bucket(), listPrefix(b));
        } catch (RuntimeException e) {
            if (e instanceof java.util.concurrent.CancellationException) {
                throw e;
            }
            return false; // the planner lists again and reports the failure as a warning
        }
    }

    private UploadPlanner.Spec spec(Batch b, Split split, boolean dryRun) {
        return new UploadPlanner.Spec(
                b.target(), b.bucket(), listPrefix(b), b.choice().planned(), settings, dryRun);
    }

    private static final class Split {
        final List<UploadRequest> kept = new ArrayList<>();
        final List<Integer> keptAt = new ArrayList<>();
        final List<UploadPlanner.Excluded> excluded = new ArrayList<>();
        final List<Integer> excludedAt = new ArrayList<>();
    }

    private static Split split(Batch b) {
        Split s = new Split();
        List<UploadRequest> files = b.files();
        for (int n = 0; n < files.size(); n++) {
            UploadRequest r = files.get(n);
            String rel = b.rulePaths().get(n);
            ExcludeRules.Verdict v = b.rules().check(rel);
            if (v.excluded()) {
                s.excluded.add(new UploadPlanner.Excluded(r.source(), r.key(), rel, v.rule()));
                s.excludedAt.add(n);
            } else {
                s.kept.add(r);
                s.keptAt.add(n);
            }
        }
        return s;
    }

    /** The longest common prefix of the keys cut after its last {@code /} (at least the batch's prefix). */
    static String listPrefix(Batch b) {
        String common = null;
        for (UploadRequest r : b.files()) {
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
        String prefix = b.prefix() == null ? "" : b.prefix();
        if (common == null) {
            return prefix;
        }
        String cut = common.substring(0, common.lastIndexOf('/') + 1);
        return cut.length() >= prefix.length() ? cut : prefix;
    }

    /** The exclude rules' path of a ready file's upload path: without the dropped folder's own name. */
    public static String rulePath(String relativePath) {
        int slash = relativePath.indexOf('/');
        return slash < 0 ? relativePath : relativePath.substring(slash + 1);
    }
}
