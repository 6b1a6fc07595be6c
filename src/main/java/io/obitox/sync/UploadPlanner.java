package io.obitox.sync;

import io.obitox.common.ObitoxException;
import io.obitox.storage.S3Errors;
import io.obitox.storage.S3Target;
import io.obitox.transfer.TransferSettings;
import io.obitox.transfer.UploadRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, for a batch of files about to be uploaded, what each one does under a {@link ConflictPolicy}: one listing
 * of the target prefix ({@link RemoteLister}), the {@link UploadIndex} reconciled with it and looked up for every
 * listed key, then per file NEW / IDENTICAL / CHANGED ({@link IdenticalCheck}, files read on a small pool only when
 * the cheap facts do not decide) and the policy's action. The engine gets only what is to be sent, with the SHA-256
 * when the check already read the file and {@code If-None-Match: *} where the policy must not clobber.
 *
 * <p>After the run, {@link UploadPlan#settle} turns the transfers' ends into actions. Thread-safe (holds only
 * services); an {@link UploadPlan} is confined to one thread.
 */
public final class UploadPlanner {
    /** How often a rename is retried when the next free name was taken by someone else meanwhile. */
    public static final int RENAME_ROUNDS = 5;

    private final UploadIndex index;
    private final RemoteLister lister;
    private final ConditionalWrites conditional;
    private final ContentDecisions content;

    public UploadPlanner(UploadIndex index, RemoteLister lister, ConditionalWrites conditional) {
        this.index = index;
        this.lister = lister;
        this.conditional = conditional;
        this.content = new ContentDecisions(index, lister);
    }

    /** See {@link RemoteLister#requireBucket}: one listing request. */
    public void requireBucket(S3Target target, String bucket) {
        lister.requireBucket(target, bucket);
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

    /** Plans a batch. {@code candidates} are the files to upload, {@code excluded} those the rules left out. */
    public UploadPlan plan(Spec spec, List<UploadRequest> candidates, List<Excluded> excluded) {
        List<String> warnings = new ArrayList<>();
        List<UploadPlan.Item> items = new ArrayList<>();
        for (Excluded e : excluded) {
            UploadPlan.Item i = new UploadPlan.Item(new UploadRequest(e.path(), null, spec.bucket(), e.key(), null));
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
            // a failure that refuses every request (no bucket, bad keys, nothing answering) is reported once by the
            // batch's pre-flight, which then sends nothing: "treated as new, overwritten" would be untrue
            if (!(e instanceof ObitoxException oe && S3Errors.refusesEveryRequest(oe.code()))) {
                warnings.add("Could not list s3://" + spec.bucket() + "/" + spec.listPrefix() + " (" + why
                        + "): every file is treated as new"
                        + (policy == ConflictPolicy.SKIP_IDENTICAL || policy == ConflictPolicy.OVERWRITE
                                ? " and existing objects are overwritten."
                                : "; existing keys are protected only by If-None-Match."));
            }
        }
        if (policy.mustNotClobber() && !spec.dryRun() && !conditional.supported(spec.target(), spec.bucket())) {
            warnings.add("This endpoint ignores If-None-Match: the existence check (--if-exists " + policy.cliName()
                    + ") is best-effort: a key another client creates between the listing and the upload can be"
                    + " overwritten.");
        }
        Map<String, IndexEntry> rows = Map.of();
        if (listed) {
            // one range read of the rows under the listed prefix serves both the reconciliation and the lookups (an
            // IN list of 500 keys per query was a scan per chunk in H2: 40 % of a no-change sync's CPU)
            Map<String, IndexEntry> confirmed = index.confirmed(endpoint, listing, !spec.dryRun());
            if (policy == ConflictPolicy.SKIP_IDENTICAL) {
                rows = confirmed;
            }
        }
        Set<String> taken = new HashSet<>(listing.keys());
        for (UploadRequest r : candidates) {
            taken.add(r.key());
        }
        IdenticalCheck check = IdenticalCheck.forProvider(spec.target().provider());
        List<UploadPlan.Item> toCheck = new ArrayList<>();
        for (UploadRequest r : candidates) {
            UploadPlan.Item i = new UploadPlan.Item(r);
            items.add(i);
            RemoteListing.RemoteObject remote = listing.get(r.key());
            if (remote == null || policy == ConflictPolicy.OVERWRITE) {
                i.action = SyncAction.UPLOADED;
                i.reason = remote == null ? "new" : "overwrites the object";
                i.request = UploadPlan.flags(r, policy.mustNotClobber(), null);
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
                    i.request = UploadPlan.flags(UploadPlan.withKey(r, key), true, null);
                }
                default -> toCheck.add(i); // SKIP_IDENTICAL
            }
        }
        AtomicInteger reads = new AtomicInteger();
        content.decide(spec, check, endpoint, listing, rows, toCheck, reads);
        UploadPlan plan = new UploadPlan(spec, items, listing, warnings);
        plan.filesRead = reads.get();
        return plan;
    }

    private static int number(String original, String renamed) {
        for (int n = 1; n <= 100_000; n++) {
            if (RenameKeys.numbered(original, n).equals(renamed)) {
                return n;
            }
        }
        return 0;
    }
}
