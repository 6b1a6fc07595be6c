package io.obitox.transfer;

import io.obitox.objects.UploadSettings;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A transfer as stored, in small parts: the source file and its identity at queue time, the target, the multipart
 * plan, where it stands, what it produced, and when. Immutable; the repository returns fresh copies, and the
 * {@code with…} methods copy one part.
 *
 * <p>The one-line accessors below ({@link #bucket()}, {@link #state()}, …) keep callers outside the transfer core
 * reading a transfer as they did before it was grouped; they only delegate. Immutable, so any thread may hold and
 * read one; it is a copy of a committed row, not a live view.
 *
 * @param owner the process that runs (or last ran) it, see {@link Owners}
 */
public record Transfer(
        String id,
        String batchId,
        String owner,
        Source origin,
        Target target,
        Plan plan,
        Progress progress,
        Outcome outcome,
        Times times) {

    /**
     * The file as it was when the transfer was queued (or last restarted).
     *
     * @param fingerprint size, mtime and a hash of sampled blocks of the source (see {@link SourceFile})
     */
    public record Source(Path path, long size, long mtime, String fingerprint) {
        static Source of(Path path, SourceFile.Identity identity) {
            return new Source(path, identity.size(), identity.mtime(), identity.fingerprint());
        }
    }

    /**
     * Where the file goes.
     *
     * @param targetRef JSON of a {@link io.obitox.profile.TargetRef}: which profile or endpoint (never secrets)
     * @param endpointKey the endpoint the throughput was measured against (for presign expiry estimates)
     * @param ifNoneMatch the write must not replace an existing object ({@code If-None-Match: *} on PutObject and
     *     CompleteMultipartUpload); a 412 fails the transfer with {@code OBJECT_EXISTS}
     * @param settings what the upload asks S3 to store besides the bytes (issue 16); kept so a resume sends the same
     * @param direction which way (issue 18); for a {@link TransferDirection#DOWNLOAD} the {@link Source} is the local
     *     file being written and the object's size, Last-Modified and ETag, and {@code ifNoneMatch} means the
     *     finished file must not replace a local file that appeared meanwhile
     * @param ifExists the upload's {@code --if-exists} policy behind {@code ifNoneMatch} ({@code "skip"},
     *     {@code "rename"}, {@code "fail"}), or null; under {@code "skip"} a 412 ends the transfer SKIPPED
     */
    public record Target(
            String targetRef,
            String targetLabel,
            String endpointKey,
            String bucket,
            String key,
            String contentType,
            boolean ifNoneMatch,
            UploadSettings settings,
            TransferDirection direction,
            String ifExists) {
        public Target {
            settings = settings == null ? UploadSettings.NONE : settings;
            direction = direction == null ? TransferDirection.UPLOAD : direction;
        }

        /** A target without a stored {@code --if-exists} policy (every transfer before V18, and downloads). */
        public Target(
                String targetRef,
                String targetLabel,
                String endpointKey,
                String bucket,
                String key,
                String contentType,
                boolean ifNoneMatch,
                UploadSettings settings,
                TransferDirection direction) {
            this(targetRef, targetLabel, endpointKey, bucket, key, contentType, ifNoneMatch, settings, direction, null);
        }

        /** Whether a 412 to this write means "skipped, the key exists" rather than a failure. */
        public boolean skipsExisting() {
            return "skip".equals(ifExists);
        }

        /** An upload's target (every transfer before issue 18). */
        public Target(
                String targetRef,
                String targetLabel,
                String endpointKey,
                String bucket,
                String key,
                String contentType,
                boolean ifNoneMatch,
                UploadSettings settings) {
            this(targetRef, targetLabel, endpointKey, bucket, key, contentType, ifNoneMatch, settings, null);
        }

        /** A target without object settings (every upload before issue 16). */
        public Target(
                String targetRef,
                String targetLabel,
                String endpointKey,
                String bucket,
                String key,
                String contentType,
                boolean ifNoneMatch) {
            this(targetRef, targetLabel, endpointKey, bucket, key, contentType, ifNoneMatch, UploadSettings.NONE);
        }

        /** A target whose write may replace what is there (every upload before issue 15). */
        public Target(
                String targetRef,
                String targetLabel,
                String endpointKey,
                String bucket,
                String key,
                String contentType) {
            this(targetRef, targetLabel, endpointKey, bucket, key, contentType, false);
        }
    }

    /**
     * How the file is cut.
     *
     * @param multipart false for a single PUT (small files), true for a multipart upload
     */
    public record Plan(boolean multipart, long partSize, int partCount) {
        static Plan of(PartPlan p) {
            return new Plan(p.multipart(), p.partSize(), p.partCount());
        }
    }

    /**
     * Where the transfer stands.
     *
     * @param uploadId the multipart upload id once started; null for single PUTs and before start
     */
    public record Progress(TransferState state, String uploadId, long bytesDone, int attempts, long activeMillis) {
        /** A transfer that has not run yet. */
        public static Progress initial(TransferState state, String uploadId) {
            return new Progress(state, uploadId, 0, 0, 0);
        }

        public Progress withState(TransferState s) {
            return new Progress(s, uploadId, bytesDone, attempts, activeMillis);
        }
    }

    /**
     * What the runs produced: the verified result, or the last error, and a notice for the user.
     *
     * @param verifiedBy what proved the completed upload intact, in plain words; null until completed
     * @param sha256 the content's SHA-256 (hex) when known: given when queued, or computed by a single PUT; sent as
     *     {@code x-amz-meta-sha256}
     * @param action what the batch decided for a {@link TransferState#SKIPPED} row ({@code skipped-identical},
     *     {@code skipped-existing}); null for transfers that were queued to be sent
     */
    public record Outcome(
            String etag,
            String errorCode,
            String errorMessage,
            String notice,
            String verifiedBy,
            Double throughputBps,
            String sha256,
            String action) {
        public Outcome(
                String etag,
                String errorCode,
                String errorMessage,
                String notice,
                String verifiedBy,
                Double throughputBps,
                String sha256) {
            this(etag, errorCode, errorMessage, notice, verifiedBy, throughputBps, sha256, null);
        }

        public Outcome(
                String etag,
                String errorCode,
                String errorMessage,
                String notice,
                String verifiedBy,
                Double throughputBps) {
            this(etag, errorCode, errorMessage, notice, verifiedBy, throughputBps, null);
        }

        /** Nothing yet but maybe an error (a file that could not be read) or a notice. */
        public static Outcome none(String errorCode, String errorMessage, String notice) {
            return new Outcome(null, errorCode, errorMessage, notice, null, null);
        }

        public Outcome withError(String code, String message) {
            return new Outcome(etag, code, message, notice, verifiedBy, throughputBps, sha256, action);
        }

        public Outcome withSha256(String sha) {
            return new Outcome(etag, errorCode, errorMessage, notice, verifiedBy, throughputBps, sha, action);
        }

        public Outcome withAction(String a) {
            return new Outcome(etag, errorCode, errorMessage, notice, verifiedBy, throughputBps, sha256, a);
        }
    }

    /** When it was created, last changed, first started, its multipart upload began, and it finished. */
    public record Times(
            Instant createdAt, Instant updatedAt, Instant startedAt, Instant uploadStartedAt, Instant completedAt) {
        public static Times created(Instant at) {
            return new Times(at, at, null, null, null);
        }
    }

    public Transfer withProgress(Progress p) {
        return new Transfer(id, batchId, owner, origin, target, plan, p, outcome, times);
    }

    public Transfer withOutcome(Outcome o) {
        return new Transfer(id, batchId, owner, origin, target, plan, progress, o, times);
    }

    public Transfer withTimes(Times t) {
        return new Transfer(id, batchId, owner, origin, target, plan, progress, outcome, t);
    }

    /** The same transfer in {@code state} with this error (null code and message clear it). */
    public Transfer withState(TransferState state, String code, String message) {
        return withProgress(progress.withState(state)).withOutcome(outcome.withError(code, message));
    }

    /** The plan as {@link PartPlan} (offsets and lengths of the parts). */
    public PartPlan partPlan() {
        return new PartPlan(plan.multipart(), plan.partSize(), plan.partCount(), origin.size());
    }

    public TransferDirection direction() {
        return target.direction();
    }

    /** True for a download: an object written to the local file {@link #source()}. */
    public boolean download() {
        return target.direction() == TransferDirection.DOWNLOAD;
    }

    public String fileName() {
        Path name = origin.path().getFileName();
        return name == null ? origin.path().toString() : name.toString();
    }

    // One-line accessors by the names used before the grouping (see the class comment).

    public Path source() {
        return origin.path();
    }

    public long size() {
        return origin.size();
    }

    public long mtime() {
        return origin.mtime();
    }

    public String fingerprint() {
        return origin.fingerprint();
    }

    public String targetRef() {
        return target.targetRef();
    }

    public String targetLabel() {
        return target.targetLabel();
    }

    public String endpointKey() {
        return target.endpointKey();
    }

    public String bucket() {
        return target.bucket();
    }

    public String key() {
        return target.key();
    }

    public String contentType() {
        return target.contentType();
    }

    public TransferState state() {
        return progress.state();
    }

    public String uploadId() {
        return progress.uploadId();
    }

    public long bytesDone() {
        return progress.bytesDone();
    }

    public int attempts() {
        return progress.attempts();
    }

    public long activeMillis() {
        return progress.activeMillis();
    }

    public boolean multipart() {
        return plan.multipart();
    }

    public long partSize() {
        return plan.partSize();
    }

    public int partCount() {
        return plan.partCount();
    }

    public String etag() {
        return outcome.etag();
    }

    public String errorCode() {
        return outcome.errorCode();
    }

    public String errorMessage() {
        return outcome.errorMessage();
    }

    public String notice() {
        return outcome.notice();
    }

    public String verifiedBy() {
        return outcome.verifiedBy();
    }

    public Double throughputBps() {
        return outcome.throughputBps();
    }

    public Instant createdAt() {
        return times.createdAt();
    }

    public Instant updatedAt() {
        return times.updatedAt();
    }

    public Instant startedAt() {
        return times.startedAt();
    }

    public Instant uploadStartedAt() {
        return times.uploadStartedAt();
    }

    public Instant completedAt() {
        return times.completedAt();
    }
}
