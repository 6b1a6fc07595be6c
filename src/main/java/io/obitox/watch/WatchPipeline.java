package io.obitox.watch;

import io.obitox.common.ObitoxException;
import io.obitox.storage.S3Target;
import io.obitox.sync.ConflictPolicy;
import io.obitox.sync.ExcludeRules;
import io.obitox.sync.SkippedRows;
import io.obitox.sync.SyncAction;
import io.obitox.sync.UploadPlan;
import io.obitox.sync.UploadPlanner;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.UploadRequest;
import io.obitox.validation.FileValidator;
import io.obitox.validation.ObjectKeys;
import io.obitox.validation.ValidationPolicy;
import io.obitox.validation.ValidationResult;
import java.net.URLConnection;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one path every settled file takes, whether an event or the scan found it: the ledger (an unchanged file
 * already taken is dropped), the exclude rules, the validation policy, then the upload planner of issue 15 (one
 * listing, the upload index, identical check, {@code --if-exists}) and the durable queue for what is to be sent.
 * Every file ends with a ledger row: QUEUED with its transfer, or SKIPPED / EXCLUDED / REJECTED / FAILED with the
 * reason. Confined to the watch's thread; blocks on the disk, the database and the network.
 */
final class WatchPipeline {
    /** Files of one folder planned with one listing of that folder; fewer are planned one key at a time. */
    static final int FOLDER_LISTING_MIN = 20;

    /**
     * What a watch applies, resolved when it starts.
     *
     * @param validation null = no validation
     */
    record Rules(S3Target target, ExcludeRules excludes, ValidationPolicy validation, ConflictPolicy conflict) {}

    /**
     * A batch's effect: counter deltas, and the files now queued (transfer id → ledger row).
     *
     * @param targetProblem why listing or queueing against the target failed, else null
     * @param reachedTarget some file of the batch was planned and queued (or skipped) without a target problem
     */
    record Result(
            WatchHealth.Counters delta,
            Map<String, WatchLedger.Entry> queued,
            String targetProblem,
            boolean reachedTarget) {}

    private final Watch watch;
    private final Rules rules;
    private final WatchLedger ledger;
    private final FileValidator validator;
    private final UploadPlanner planner;
    private final TransferService transfers;
    private final Clock clock;

    WatchPipeline(
            Watch watch,
            Rules rules,
            WatchLedger ledger,
            FileValidator validator,
            UploadPlanner planner,
            TransferService transfers,
            Clock clock) {
        this.watch = watch;
        this.rules = rules;
        this.ledger = ledger;
        this.validator = validator;
        this.planner = planner;
        this.transfers = transfers;
        this.clock = clock;
    }

    Result process(List<Settler.Candidate> settled) {
        Map<String, Settler.Candidate> byRel = new LinkedHashMap<>();
        for (Settler.Candidate c : settled) {
            byRel.put(ExcludeRules.relativePath(watch.folder(), c.path()), c);
        }
        Map<String, WatchLedger.Entry> known = ledger.lookup(watch.id(), byRel.keySet());
        List<WatchLedger.Entry> rows = new ArrayList<>();
        Map<String, UploadRequest> toPlan = new LinkedHashMap<>();
        long seen = 0;
        long skipped = 0;
        long rejected = 0;
        for (var e : byRel.entrySet()) {
            String rel = e.getKey();
            Settler.Candidate c = e.getValue();
            WatchLedger.Entry had = known.get(rel);
            if (had != null && had.sameFile(c.size(), c.mtime()) && had.outcome() != WatchLedger.Outcome.FAILED) {
                continue; // taken before as it is now (an event for a file the scan took, a touch without change)
            }
            seen++;
            ExcludeRules.Verdict v = rules.excludes().check(rel);
            if (v.excluded()) {
                skipped++;
                rows.add(
                        row(rel, c, WatchLedger.Outcome.EXCLUDED, null, v.rule().skippedMessage()));
                continue;
            }
            UploadRequest r;
            if (rules.validation() != null) {
                ValidationResult vr = validator.validate(c.path(), rel, watch.prefix(), rules.validation());
                if (!vr.valid()) {
                    rejected++;
                    rows.add(row(
                            rel,
                            c,
                            WatchLedger.Outcome.REJECTED,
                            null,
                            vr.error().code().name() + ": " + vr.error().message()));
                    continue;
                }
                r = new UploadRequest(c.path(), watch.target(), watch.bucket(), vr.objectKey(), vr.contentType());
            } else {
                String type = URLConnection.guessContentTypeFromName(
                        c.path().getFileName().toString());
                r = new UploadRequest(
                        c.path(), watch.target(), watch.bucket(), ObjectKeys.key(watch.prefix(), rel, false), type);
            }
            toPlan.put(rel, r);
        }
        Map<String, WatchLedger.Entry> queued = new HashMap<>();
        long failed = 0;
        String problem = null;
        boolean reached = false;
        for (List<String> group : groups(toPlan)) {
            List<UploadRequest> requests = group.stream().map(toPlan::get).toList();
            String listPrefix = listPrefix(requests);
            UploadPlan plan;
            try {
                plan = planner.plan(
                        new UploadPlanner.Spec(
                                rules.target(),
                                watch.bucket(),
                                listPrefix,
                                rules.conflict(),
                                transfers.engine().settings(),
                                false),
                        requests,
                        List.of());
            } catch (ObitoxException ex) {
                problem = ex.toUserMessage().oneLine();
                for (String rel : group) {
                    failed++;
                    rows.add(row(rel, byRel.get(rel), WatchLedger.Outcome.FAILED, null, problem));
                }
                continue;
            }
            List<UploadRequest> uploads = plan.uploads();
            TransferService.Batch batch =
                    uploads.isEmpty() ? new TransferService.Batch(null, List.of()) : transfers.enqueue(uploads);
            if (!batch.refusals().isEmpty()) {
                problem = batch.refusals().get(0).reason().oneLine();
            } else {
                reached = true;
            }
            plan.attach(batch.transferIds());
            SkippedRows.record(transfers, batch.id(), plan);
            Map<Path, String> relOf = new HashMap<>();
            for (String rel : group) {
                relOf.put(byRel.get(rel).path(), rel);
            }
            for (UploadPlan.Item i : plan.items()) {
                String rel = relOf.get(i.path());
                Settler.Candidate c = byRel.get(rel);
                if (i.transferId() != null) {
                    WatchLedger.Entry q = row(rel, c, WatchLedger.Outcome.QUEUED, i.transferId(), null);
                    rows.add(q);
                    queued.put(i.transferId(), q);
                } else if (i.action() == SyncAction.SKIPPED_IDENTICAL || i.action() == SyncAction.SKIPPED_EXISTING) {
                    skipped++;
                    rows.add(row(rel, c, WatchLedger.Outcome.SKIPPED, i.skippedId(), i.reason()));
                } else {
                    failed++;
                    rows.add(row(rel, c, WatchLedger.Outcome.FAILED, null, i.reason()));
                }
            }
        }
        ledger.put(watch.id(), rows);
        return new Result(new WatchHealth.Counters(seen, 0, skipped, rejected, failed), queued, problem, reached);
    }

    /**
     * The planner's batches: the files of a folder with many settled files share one listing of that folder; the
     * others together when they are many (a burst spread over small folders: one listing of their common prefix),
     * else one key each (a listing of exactly that key), so a trickle into a folder of 100,000 objects does not
     * list them all again for every file.
     */
    private static List<List<String>> groups(Map<String, UploadRequest> toPlan) {
        Map<String, List<String>> byFolder = new LinkedHashMap<>();
        for (var e : toPlan.entrySet()) {
            String key = e.getValue().key();
            byFolder.computeIfAbsent(key.substring(0, key.lastIndexOf('/') + 1), k -> new ArrayList<>())
                    .add(e.getKey());
        }
        List<List<String>> out = new ArrayList<>();
        List<String> scattered = new ArrayList<>();
        for (List<String> files : byFolder.values()) {
            if (files.size() >= FOLDER_LISTING_MIN) {
                out.add(files);
            } else {
                scattered.addAll(files);
            }
        }
        if (scattered.size() >= FOLDER_LISTING_MIN) {
            out.add(scattered); // a burst over many small folders: one listing of their common prefix
        } else {
            scattered.forEach(f -> out.add(List.of(f)));
        }
        return out;
    }

    /** The longest common prefix of the keys (a single key lists exactly that key and longer ones). */
    static String listPrefix(List<UploadRequest> requests) {
        String common = requests.get(0).key();
        for (UploadRequest r : requests) {
            String k = r.key();
            int n = 0;
            int max = Math.min(common.length(), k.length());
            while (n < max && common.charAt(n) == k.charAt(n)) {
                n++;
            }
            common = common.substring(0, n);
        }
        return requests.size() == 1 ? common : common.substring(0, common.lastIndexOf('/') + 1);
    }

    private WatchLedger.Entry row(
            String rel, Settler.Candidate c, WatchLedger.Outcome outcome, String transferId, String reason) {
        return new WatchLedger.Entry(rel, c.size(), c.mtime(), outcome, transferId, reason, clock.instant());
    }
}
