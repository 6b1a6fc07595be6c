package io.obitox.transfer;

import io.obitox.common.ObitoxException;
import io.obitox.common.UserMessage;
import io.obitox.profile.TargetRef;
import io.obitox.storage.Provider;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The transfer queue as the UI and the CLI use it: queue files, control transfers, export and import resume
 * tokens, read transfers, and the measured throughput history. Thread-safe; {@link #enqueue}, the token calls and
 * the reads block briefly on the database and the file system (call them off the FX thread); the control calls
 * return at once. Nothing here keeps a transfer in memory after it was queued: reads go to the database.
 */
public final class TransferService implements AutoCloseable {
    private final TransferRepository repo;
    private final TransferEngine engine;
    private final Function<TargetRef, S3Target> targets;
    private final StorageClients clients;
    private final BatchPreflight preflight;
    private final ResumeTokens tokens;
    private final SnapshotReads reads;
    private final SseCResume sseC;
    private final Clock clock;

    public TransferService(
            TransferRepository repo,
            TransferEngine engine,
            Function<TargetRef, S3Target> targets,
            StorageClients clients,
            Clock clock) {
        this.repo = repo;
        this.engine = engine;
        this.targets = targets;
        this.clients = clients;
        this.preflight = new BatchPreflight(clients);
        this.tokens = new ResumeTokens(repo, engine, targets, clients, clock);
        this.reads = new SnapshotReads(repo, engine);
        this.sseC = new SseCResume(repo, engine);
        this.clock = clock;
    }

    public TransferEngine engine() {
        return engine;
    }

    public TransferEvents events() {
        return engine.events();
    }

    /**
     * The files queued together, and their transfers in order.
     *
     * @param refusals targets and buckets the pre-flight found unusable: their files were recorded FAILED at once
     */
    public record Batch(String id, List<String> transferIds, List<Refusal> refusals) {
        public Batch(String id, List<String> transferIds) {
            this(id, transferIds, List.of());
        }
    }

    /**
     * Why none of a batch's files to one bucket could be sent (found by one request before queueing).
     *
     * @param transferIds the transfers recorded FAILED for it (new ones) or left as they were (earlier ones)
     */
    public record Refusal(String targetLabel, String bucket, UserMessage reason, List<String> transferIds) {}

    /**
     * Queues files. A file that cannot be read gets a FAILED transfer with the reason (the rest still go). A file
     * with an interrupted transfer to the same bucket and key resumes that transfer instead of starting over. One
     * request per target and bucket checks first that the files can go at all ({@link BatchPreflight}); when they
     * cannot, their transfers are recorded FAILED with that one reason and nothing is sent.
     */
    public Batch enqueue(List<UploadRequest> requests) {
        UploadRequestChecks.checkObjectSettings(requests, targets);
        return enqueue(UUID.randomUUID().toString(), requests, new HashMap<>());
    }

    /**
     * {@link #enqueue(List)} for a large drop: {@code chunk} requests at a time (one transaction each), all in one
     * batch with one pre-flight per target and bucket, reporting the number queued so far to {@code progress} after
     * each chunk. The engine starts on the first chunk while the rest are written, and no transaction or lock holds
     * the whole list. Blocks: off the FX thread.
     */
    public Batch enqueue(List<UploadRequest> requests, int chunk, java.util.function.IntConsumer progress) {
        UploadRequestChecks.checkObjectSettings(requests, targets);
        String batch = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>(requests.size());
        Map<String, Refusal> refusals = new java.util.LinkedHashMap<>();
        int size = Math.max(1, chunk);
        Map<String, Optional<UserMessage>> checked = new HashMap<>(); // one pre-flight per bucket for the whole batch
        for (int from = 0; from < requests.size(); from += size) {
            Batch part = enqueue(batch, requests.subList(from, Math.min(requests.size(), from + size)), checked);
            ids.addAll(part.transferIds());
            for (Refusal r : part.refusals()) {
                Refusal had = refusals.get(r.targetLabel() + "\n" + r.bucket());
                List<String> all = new ArrayList<>(had == null ? List.of() : had.transferIds());
                all.addAll(r.transferIds());
                refusals.put(
                        r.targetLabel() + "\n" + r.bucket(), new Refusal(r.targetLabel(), r.bucket(), r.reason(), all));
            }
            progress.accept(ids.size());
        }
        return new Batch(batch, ids, List.copyOf(refusals.values()));
    }

    /** @param checked the pre-flight's answers by target and bucket, shared by the chunks of one batch */
    private Batch enqueue(String batch, List<UploadRequest> requests, Map<String, Optional<UserMessage>> checked) {
        Instant now = clock.instant();
        Map<TargetRef, S3Target> resolved = new HashMap<>();
        Map<TargetRef, String> refJson = new HashMap<>();
        Map<String, Transfer> earlierByFile = new HashMap<>();
        for (Transfer t :
                repo.unfinishedTo(requests.stream().map(UploadRequest::key).toList())) {
            if (!t.download()) { // a download to the same path is another transfer (issue 18)
                earlierByFile.putIfAbsent(fileKey(t.targetRef(), t.bucket(), t.key(), t.source()), t);
            }
        }
        Map<String, Refusal> refusals = new java.util.LinkedHashMap<>(); // by group; their id lists grow below
        List<Transfer> fresh = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (UploadRequest r : requests) {
            S3Target target = resolved.computeIfAbsent(r.target(), targets);
            String json = refJson.computeIfAbsent(r.target(), TargetRef::toJson);
            String group = json + "\n" + r.bucket();
            Optional<UserMessage> refused =
                    checked.computeIfAbsent(group, g -> preflight.check(target, r.bucket(), r.key()));
            Transfer earlier = earlierByFile.get(
                    fileKey(json, r.bucket(), r.key(), r.source().toAbsolutePath()));
            String id;
            if (earlier != null) {
                UploadRequestChecks.requireSameKey(earlier, r);
                id = earlier.id();
                if (refused.isEmpty()) {
                    engine.resume(id);
                }
            } else {
                Transfer t = newTransfer(batch, r, target, now);
                if (refused.isPresent() && t.state() == TransferState.QUEUED) {
                    UserMessage m = refused.get();
                    t = t.withState(
                            TransferState.FAILED,
                            m.code(),
                            "Nothing was sent to s3://" + r.bucket() + " on " + target.label() + ": " + m.oneLine());
                }
                fresh.add(t);
                id = t.id();
            }
            ids.add(id);
            if (refused.isPresent()) {
                refusals.computeIfAbsent(
                                group, g -> new Refusal(target.label(), r.bucket(), refused.get(), new ArrayList<>()))
                        .transferIds()
                        .add(id);
            }
        }
        repo.insertAll(fresh);
        engine.submit(fresh);
        return new Batch(
                batch,
                ids,
                refusals.values().stream()
                        .map(x -> new Refusal(x.targetLabel(), x.bucket(), x.reason(), List.copyOf(x.transferIds())))
                        .toList());
    }

    /**
     * Records files that are not sent because their object is already there as {@link TransferState#SKIPPED}
     * transfers of batch {@code batchId} (a new batch when null): final rows written in bulk, never queued, with the
     * webhook event of each in the same transaction. Returns their ids in order. Blocks: off the FX thread.
     */
    public List<String> recordSkipped(String batchId, List<SkippedFile> files) {
        if (files.isEmpty()) {
            return List.of();
        }
        String batch = batchId != null ? batchId : UUID.randomUUID().toString();
        return new SkippedTransfers(repo, targets, engine.owner(), clock).record(batch, files);
    }

    /**
     * Whether something acts on the rows of skipped files (a webhook endpoint subscribed to {@code upload.completed}):
     * {@code obitox sync} records the files it skips as identical only then (docs/sync.md, "Skipped transfers").
     */
    public boolean skippedRowsWanted() {
        return repo.skippedWanted();
    }

    private static String fileKey(String targetRefJson, String bucket, String key, Path source) {
        return targetRefJson + "\n" + bucket + "\n" + key + "\n" + source;
    }

    private Transfer newTransfer(String batch, UploadRequest r, S3Target target, Instant now) {
        Path source = r.source().toAbsolutePath();
        TransferState state = TransferState.QUEUED;
        String code = null;
        String message = null;
        SourceFile.Identity identity;
        PartPlan plan;
        try {
            identity = SourceFile.identify(source);
            plan = PartPlan.of(identity.size(), engine.settings());
        } catch (ObitoxException e) {
            identity = new SourceFile.Identity(0, 0, "-");
            plan = new PartPlan(false, 0, 1, 0);
            state = TransferState.FAILED;
            code = e.code();
            message = e.toUserMessage().oneLine();
        }
        return new Transfer(
                UUID.randomUUID().toString(),
                batch,
                engine.owner(),
                Transfer.Source.of(source, identity),
                new Transfer.Target(
                        r.target().toJson(),
                        target.label(),
                        endpointKey(target),
                        r.bucket(),
                        r.key(),
                        r.contentType(),
                        r.ifNoneMatch(),
                        r.settings(),
                        TransferDirection.UPLOAD,
                        r.ifNoneMatch() ? r.ifExists() : null),
                Transfer.Plan.of(plan),
                Transfer.Progress.initial(state, null),
                Transfer.Outcome.none(code, message, null)
                        .withSha256(state == TransferState.QUEUED ? r.sha256() : null)
                        .withAction(r.action()),
                Transfer.Times.created(now));
    }

    /** The identity throughput is measured against: the endpoint (the sandbox's port changes, so just "sandbox"). */
    public static String endpointKey(S3Target target) {
        return target.provider() == Provider.SANDBOX ? "sandbox" : target.where();
    }

    /** A transfer as it is now: a running one from memory, any other from the database (one query by id). */
    public Optional<TransferSnapshot> snapshot(String id) {
        return engine.snapshot(id);
    }

    /** The snapshots of {@code ids}, in that order, read 500 at a time. Blocks on the database: off the FX thread. */
    public List<TransferSnapshot> snapshots(List<String> ids) {
        return reads.of(ids);
    }

    /**
     * The progress of {@code ids} (also given as a set, for the running ones) as counts and bytes: one aggregate
     * query per 500 ids, nothing per transfer kept. Blocks on the database: off the FX thread.
     */
    public TransferProgress progress(List<String> ids, java.util.Set<String> idSet) {
        return reads.progress(ids, idSet);
    }

    /** The newest {@code limit} transfers, the oldest of them first. Blocks on the database: off the FX thread. */
    public List<TransferSnapshot> recent(int limit) {
        return reads.recent(limit);
    }

    /** Every transfer not finished (queued, running, paused, failed), oldest first. Blocks on the database. */
    public List<TransferSnapshot> unfinished() {
        return reads.unfinished();
    }

    /** A batch's counts once none of its transfers is queued, running or paused (see {@link BatchTally#read}). */
    public Optional<BatchTally> batchTally(String batchId) {
        return BatchTally.read(repo.database(), batchId);
    }

    /** At most {@code limit} transfers whose id starts with {@code prefix}. Blocks on the database. */
    public List<TransferSnapshot> byIdPrefix(String prefix, int limit) {
        return reads.byIdPrefix(prefix, limit);
    }

    /**
     * One page of the transfer list from the database (see {@link TransferPages#page}), the running transfers on it
     * replaced by their live snapshots (bytes in flight, speed, time left). Blocks on the database: off the FX thread.
     */
    public TransferPages.Page page(java.util.Set<TransferState> states, long offset, int limit) {
        return reads.page(states, offset, limit, null);
    }

    /** {@link #page(java.util.Set, long, int)} counting by {@code counts} (recent totals), not by a query. */
    public TransferPages.Page page(
            java.util.Set<TransferState> states, long offset, int limit, TransferPages.Totals counts) {
        return reads.page(states, offset, limit, counts);
    }

    /**
     * The whole queue's totals: counts and bytes by one aggregate query, the running transfers' bytes and speed
     * live. Blocks on the database: off the FX thread.
     *
     * @param speedBps the summed speed of the running transfers
     */
    public record QueueTotals(TransferPages.Totals committed, long bytes, long bytesDone, double speedBps) {
        public long count(TransferState s) {
            return committed.count(s);
        }
    }

    public QueueTotals totals() {
        return reads.totals();
    }

    public void pause(String id) {
        engine.pause(id);
    }

    public void resume(String id) {
        engine.resume(id);
    }

    /** Issue 16: resuming an SSE-C upload whose key this process was not given. */
    public SseCResume sseC() {
        return sseC;
    }

    public void cancel(String id) {
        engine.cancel(id);
    }

    /** Whether another ObitoX process that still runs is running this transfer now: this one cannot stop it. */
    public boolean runningElsewhere(String id) {
        return repo.find(id)
                .filter(t -> t.state() == TransferState.RUNNING)
                .map(t -> !Owners.current().equals(t.owner()) && Owners.alive(t.owner()))
                .orElse(false);
    }

    public void pauseAll() {
        engine.pauseAll();
    }

    public void resumeAll() {
        engine.resumeAll();
    }

    public void cancelAll() {
        engine.cancelAll();
    }

    /** Deletes completed and cancelled transfers from the history. */
    public int clearFinished() {
        return repo.clearFinished();
    }

    /**
     * Waits until none of {@code ids} is queued or running, or the timeout passes; true when all settled. Woken by
     * the engine as transfers settle, not by polling; registers nothing that outlives the call.
     */
    public boolean awaitSettled(Collection<String> ids, Duration timeout) throws InterruptedException {
        return engine.awaitSettled(ids, timeout);
    }

    /** Measured throughputs (bytes/s) of recent completed transfers to an endpoint, newest first. */
    public List<Double> throughputHistory(String endpointKey, int limit) {
        return repo.throughputs(endpointKey, 1L << 20, limit);
    }

    /** A token that lets another machine (or a reinstall) finish this multipart upload. */
    public String exportToken(String id, String profileName) {
        return tokens.export(id, profileName);
    }

    /**
     * Finishes the upload of a token with the local copy of the file: checks that the upload still exists
     * (UPLOAD_NOT_FOUND otherwise), adopts the parts already on the server that match the file, sends the rest.
     */
    public TransferSnapshot importToken(String text, Path file, TargetRef target) {
        return tokens.importToken(text, file, target);
    }

    @Override
    public void close() {
        engine.close();
    }
}
