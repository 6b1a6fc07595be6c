package io.obitox.transfer;

import io.obitox.common.ObitoxException;
import io.obitox.storage.Provider;
import io.obitox.storage.S3Errors;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Uploads one transfer from where it stands: a single PUT, or a multipart upload that first reconciles its stored
 * parts with {@code ListParts} for the stored upload id (never another upload), sends only what is missing, completes
 * and verifies (see {@link UploadVerification}: Content-MD5 on every request, then size, a returned checksum, and
 * the ETag only where the provider makes it from MD5s for this object).
 *
 * <p>Threading: {@link #run()} runs on one coordinator thread; parts run on the part executor; {@link #stop} may be
 * called from any thread and makes every stream of this job fail within one chunk.
 */
final class UploadJob {
    private static final Logger log = LoggerFactory.getLogger(UploadJob.class);
    /**
     * User metadata set on every multipart upload: a hash of the key and the source's identity. After a kill during
     * Complete it tells, on providers whose ETags are opaque, that the object at the key is this upload's.
     */
    static final String MARKER = "obitox-upload";

    /** Files up to this size are read into memory once and sent from there (at most one per request slot). */
    static final int IN_MEMORY_BODY = 1 << 20;

    /** Why a job was asked to stop. */
    enum StopReason {
        PAUSE,
        CANCEL,
        SHUTDOWN
    }

    /** Thrown out of {@link #run()} when the job was stopped. */
    static final class Stopped extends RuntimeException {
        final StopReason reason;

        Stopped(StopReason reason) {
            super("stopped: " + reason, null, false, false);
            this.reason = reason;
        }
    }

    /** Thrown when the source changed under the upload; the engine restarts the transfer once more. */
    static final class SourceChanged extends RuntimeException {
        SourceChanged(String message) {
            super(message, null, false, false);
        }
    }

    /** What a finished run produced. */
    record Outcome(String etag, long bytesSent, String notice, String verifiedBy) {}

    private final Transfer transfer;
    private final S3Client s3;
    private final Provider provider;
    private final PartLedger ledger;
    private final RetryPolicy retry;
    private final BandwidthLimiter limiter;
    private final RequestSlots slots;
    private final ExecutorService partExecutor;
    private final Clock clock;
    private final AtomicLong done;
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private volatile StopReason stop;
    private volatile Thread coordinator;
    private String notice;

    UploadJob(
            Transfer transfer,
            S3Client s3,
            Provider provider,
            PartLedger ledger,
            RetryPolicy retry,
            BandwidthLimiter limiter,
            RequestSlots slots,
            ExecutorService partExecutor,
            Clock clock) {
        this.transfer = transfer;
        this.s3 = s3;
        this.provider = provider;
        this.ledger = ledger;
        this.retry = retry;
        this.limiter = limiter;
        this.slots = slots;
        this.partExecutor = partExecutor;
        this.clock = clock;
        this.done = new AtomicLong(transfer.bytesDone());
    }

    Transfer transfer() {
        return transfer;
    }

    /** Bytes of this transfer known to be on the server, plus what in-flight requests have sent so far. */
    long bytesDone() {
        return Math.min(transfer.size(), done.get() + Math.max(0, inFlight.get()));
    }

    void stop(StopReason reason) {
        if (stop == null || reason == StopReason.CANCEL) {
            stop = reason;
        }
        Thread c = coordinator;
        if (c != null) {
            c.interrupt(); // wakes it from waiting for a request slot; parts notice the flag in their streams
        }
    }

    Outcome run() {
        coordinator = Thread.currentThread();
        try {
            checkStop();
            Outcome o = transfer.multipart() ? multipart() : single();
            return new Outcome(o.etag(), sent.get(), notice, o.verifiedBy());
        } finally {
            coordinator = null;
            Thread.interrupted(); // clear a late stop() interrupt before the thread goes back to the pool
        }
    }

    private Outcome single() {
        long size = transfer.size();
        // a small file is read once: the same bytes are hashed and sent (no second read of the file)
        byte[] data = size <= IN_MEMORY_BODY ? SourceFile.readAll(transfer.source(), (int) size) : null;
        RegionContent body = data != null
                ? RegionContent.inMemory(transfer.source(), data, limiter, inFlight, () -> stop != null)
                : region(0, size);
        byte[][] md5 = new byte[1][];
        PutObjectResponse r;
        try {
            r = withSlot(() -> withRetry("upload", () -> {
                if (data != null) {
                    MessageDigest d = SourceFile.md5();
                    d.update(data);
                    md5[0] = d.digest();
                } else {
                    md5[0] = SourceFile.md5(transfer.source(), 0, size);
                }
                return s3.putObject(
                        b -> b.bucket(transfer.bucket())
                                .key(transfer.key())
                                .contentType(contentType())
                                .contentLength(size)
                                .contentMD5(Base64.getEncoder().encodeToString(md5[0])),
                        RequestBody.fromContentProvider(body, size, contentType()));
            }));
        } finally {
            body.release();
        }
        done.addAndGet(size);
        sent.addAndGet(size);
        requireUnchanged();
        UploadVerification check = new UploadVerification(provider);
        check.encryption(r.serverSideEncryptionAsString(), r.sseCustomerAlgorithm());
        ReturnedChecksum returned = ReturnedChecksum.of(r).orElse(null);
        if (returned != null) {
            if (!(data != null ? returned.matches(data) : returned.matches(transfer.source(), 0, size))) {
                throw UploadVerification.failed("the " + returned.algorithm() + " checksum the server returned ("
                        + returned.base64() + ") is not the file's");
            }
            check.passed(returned.algorithm() + " checksum");
            return new Outcome(unquote(r.eTag()), size, null, check.describe()); // the whole content: no HEAD
        }
        String etag = unquote(r.eTag());
        String expected = SourceFile.hex(md5[0]);
        if (etag != null && !etag.isEmpty() && check.etag(etag, expected)) {
            return new Outcome(etag, size, null, check.describe()); // the answer proves it: no HEAD
        }
        HeadObjectResponse head = verifyHead(size, expected, check);
        return new Outcome(etag == null || etag.isEmpty() ? unquote(head.eTag()) : etag, size, null, check.describe());
    }

    private Outcome multipart() {
        PartPlan plan = new PartPlan(true, transfer.partSize(), transfer.partCount(), transfer.size());
        String uploadId = transfer.uploadId();
        Map<Integer, PartRecord> have = new HashMap<>();
        if (uploadId != null) {
            Map<Integer, Part> server = listParts(uploadId);
            if (server == null) {
                Outcome finished = alreadyCompleted(plan);
                if (finished != null) {
                    return finished;
                }
                notice = "The earlier multipart upload no longer exists on the server (expired or aborted); "
                        + "started a new one.";
                ledger.restarted(identity(), plan, notice);
                done.set(0);
                uploadId = null;
            } else {
                reconcile(plan, server, have);
            }
        }
        if (uploadId == null) {
            String id = withRetry(
                    "start the multipart upload",
                    () -> s3.createMultipartUpload(b -> b.bucket(transfer.bucket())
                                    .key(transfer.key())
                                    .contentType(contentType())
                                    .metadata(Map.of(MARKER, marker())))
                            .uploadId());
            ledger.uploadStarted(id);
            uploadId = id;
        }
        uploadMissing(plan, uploadId, have);
        requireUnchanged();
        List<CompletedPart> parts = new ArrayList<>();
        MessageDigest all = SourceFile.md5();
        for (int n = 1; n <= plan.partCount(); n++) {
            PartRecord p = have.get(n);
            parts.add(CompletedPart.builder().partNumber(n).eTag(p.etag()).build());
            all.update(Base64.getDecoder().decode(p.md5Base64()));
        }
        String expected = SourceFile.hex(all.digest()) + "-" + plan.partCount();
        String id = uploadId;
        CompleteMultipartUploadResponse completed = withRetry(
                "complete the upload",
                () -> s3.completeMultipartUpload(b -> b.bucket(transfer.bucket())
                        .key(transfer.key())
                        .uploadId(id)
                        .multipartUpload(m -> m.parts(parts))));
        UploadVerification check = new UploadVerification(provider);
        check.encryption(completed.serverSideEncryptionAsString(), null);
        HeadObjectResponse head = verifyHead(transfer.size(), expected, check);
        return new Outcome(unquote(head.eTag()), 0, null, check.describe());
    }

    /**
     * Keeps the stored parts the server confirms (same ETag and size in ListParts). A part on the server that was never
     * recorded here (in flight when the process died, or sent from another machine under an imported resume token)
     * is adopted only where the provider makes part ETags from MD5s and its ETag is the MD5 of that region of the
     * file; any other is sent again. An ETag that differs is never taken for corruption, only as "not known to be ours".
     */
    private void reconcile(PartPlan plan, Map<Integer, Part> server, Map<Integer, PartRecord> have) {
        for (PartRecord stored : ledger.parts()) {
            Part p = server.get(stored.number());
            if (p != null && stored.etag().equals(unquote(p.eTag())) && p.size() == stored.size()) {
                have.put(stored.number(), stored);
            } else {
                ledger.partDropped(stored.number());
            }
        }
        for (Part p : server.values()) {
            int n = p.partNumber();
            if (!provider.etagIsMd5(false)
                    || have.containsKey(n)
                    || n > plan.partCount()
                    || p.size() != plan.length(n)) {
                continue;
            }
            byte[] md5 = SourceFile.md5(transfer.source(), plan.offset(n), plan.length(n));
            if (SourceFile.hex(md5).equals(unquote(p.eTag()))) {
                PartRecord adopted = new PartRecord(n, p.size(), unquote(p.eTag()), SourceFile.base64(md5));
                ledger.partDone(adopted);
                have.put(n, adopted);
            }
        }
        done.set(have.values().stream().mapToLong(PartRecord::size).sum());
    }

    /** All parts of the upload, all pages; null when the upload no longer exists. */
    private Map<Integer, Part> listParts(String uploadId) {
        try {
            return withRetry("list the uploaded parts", () -> {
                Map<Integer, Part> out = new HashMap<>();
                s3.listPartsPaginator(b ->
                                b.bucket(transfer.bucket()).key(transfer.key()).uploadId(uploadId))
                        .parts()
                        .forEach(p -> out.put(p.partNumber(), p));
                return out;
            });
        } catch (ObitoxException e) {
            String code = S3Errors.awsCode(e);
            if ("NoSuchUpload".equals(code) || "NoSuchKey".equals(code) || S3Errors.status(e) == 404) {
                return null;
            }
            throw e;
        }
    }

    /**
     * After a kill during Complete: the object may already be there, whole. It is taken as this upload's when its
     * size is the file's and either its ETag is the md5-of-md5s of the recorded parts (where the provider makes it
     * so) or it carries this upload's {@link #MARKER} (every provider).
     */
    private Outcome alreadyCompleted(PartPlan plan) {
        List<PartRecord> parts = ledger.parts();
        if (parts.size() != plan.partCount()) {
            return null;
        }
        MessageDigest all = SourceFile.md5();
        parts.forEach(p -> all.update(Base64.getDecoder().decode(p.md5Base64())));
        String expected = SourceFile.hex(all.digest()) + "-" + plan.partCount();
        try {
            HeadObjectResponse head =
                    s3.headObject(b -> b.bucket(transfer.bucket()).key(transfer.key()));
            if (head.contentLength() == null || head.contentLength() != transfer.size()) {
                return null;
            }
            UploadVerification check = new UploadVerification(provider);
            check.encryption(head.serverSideEncryptionAsString(), head.sseCustomerAlgorithm());
            check.passed("size");
            boolean ours = marker().equals(head.metadata().get(MARKER));
            if (!check.etag(unquote(head.eTag()), expected)) {
                if (!ours) {
                    return null;
                }
                check.passed("upload marker");
            }
            requireUnchanged();
            notice = "The upload had already completed before ObitoX stopped; verified it.";
            return new Outcome(unquote(head.eTag()), 0, notice, check.describe());
        } catch (ObitoxException e) {
            if ("VERIFY_FAILED".equals(e.code())) {
                return null; // another object at the key: upload again
            }
            throw e;
        } catch (SourceChanged e) {
            throw e;
        } catch (RuntimeException e) {
            log.debug("No completed object for {}", transfer.id(), e);
        }
        return null;
    }

    /** This upload's marker: a hash of bucket, key, part size and the source's identity (never a secret). */
    private String marker() {
        MessageDigest sha = SourceFile.sha256();
        String id = transfer.bucket() + "\n" + transfer.key() + "\n" + transfer.size() + "\n" + transfer.mtime() + "\n"
                + transfer.fingerprint() + "\n" + transfer.partSize();
        sha.update(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return SourceFile.hex(sha.digest()).substring(0, 32);
    }

    private void uploadMissing(PartPlan plan, String uploadId, Map<Integer, PartRecord> have) {
        List<Future<PartRecord>> futures = new ArrayList<>();
        for (int n = 1; n <= plan.partCount(); n++) {
            if (have.containsKey(n)) {
                continue;
            }
            if (stop != null || anyFailed(futures)) {
                break;
            }
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.interrupted();
                break; // stop() woke us: wait for what is in flight below
            }
            int number = n;
            try {
                futures.add(partExecutor.submit(() -> {
                    try {
                        return uploadPart(plan, uploadId, number);
                    } finally {
                        slots.release();
                    }
                }));
            } catch (RuntimeException e) {
                slots.release();
                throw e;
            }
        }
        // Wait for every part in flight (they end within one chunk once stopped), so no request outlives the job.
        RuntimeException failure = null;
        for (Future<PartRecord> f : futures) {
            try {
                PartRecord p = getUninterruptibly(f);
                have.put(p.number(), p);
            } catch (ExecutionException e) {
                RuntimeException cause =
                        e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                if (failure == null || failure instanceof Stopped && !(cause instanceof Stopped)) {
                    failure = cause;
                }
            }
        }
        checkStop();
        if (failure != null) {
            throw failure;
        }
    }

    private static boolean anyFailed(List<Future<PartRecord>> futures) {
        for (Future<PartRecord> f : futures) {
            if (f.isDone()) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
            }
        }
        return false;
    }

    private static <T> T getUninterruptibly(Future<T> f) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.interrupted();
            }
        }
    }

    private PartRecord uploadPart(PartPlan plan, String uploadId, int n) {
        long offset = plan.offset(n);
        long length = plan.length(n);
        RegionContent body = region(offset, length);
        byte[][] md5 = new byte[1][];
        try {
            UploadPartResponse r = withRetry("upload part " + n, () -> {
                md5[0] = SourceFile.md5(transfer.source(), offset, length);
                return s3.uploadPart(
                        b -> b.bucket(transfer.bucket())
                                .key(transfer.key())
                                .uploadId(uploadId)
                                .partNumber(n)
                                .contentLength(length)
                                .contentMD5(Base64.getEncoder().encodeToString(md5[0])),
                        RequestBody.fromContentProvider(body, length, "application/octet-stream"));
            });
            PartRecord part = new PartRecord(n, length, unquote(r.eTag()), SourceFile.base64(md5[0]));
            ledger.partDone(part);
            done.addAndGet(length);
            sent.addAndGet(length);
            return part;
        } finally {
            body.release();
        }
    }

    /** HEAD after the upload: the size must be the file's; the ETag is compared where it means something. */
    private HeadObjectResponse verifyHead(long size, String expectedEtag, UploadVerification check) {
        HeadObjectResponse head = withRetry(
                "verify the uploaded object",
                () -> s3.headObject(b -> b.bucket(transfer.bucket()).key(transfer.key())));
        check.size(head.contentLength(), size);
        check.encryption(head.serverSideEncryptionAsString(), head.sseCustomerAlgorithm());
        check.etag(unquote(head.eTag()), expectedEtag);
        return head;
    }

    private void requireUnchanged() {
        SourceFile.Identity now = identity();
        if (now.size() != transfer.size()
                || now.mtime() != transfer.mtime()
                || !now.fingerprint().equals(transfer.fingerprint())) {
            throw new SourceChanged("'" + transfer.fileName() + "' changed while it was being uploaded.");
        }
    }

    private SourceFile.Identity identity() {
        return SourceFile.identify(transfer.source());
    }

    private RegionContent region(long offset, long length) {
        return new RegionContent(transfer.source(), offset, length, limiter, inFlight, () -> stop != null);
    }

    private <T> T withSlot(Callable<T> call) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped(stopOr());
        }
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            slots.release();
        }
    }

    /** Runs {@code call}, retrying retryable failures with backoff; translates the final failure to plain words. */
    private <T> T withRetry(String what, Callable<T> call) {
        for (int attempt = 1; ; attempt++) {
            checkStop();
            try {
                T result = call.call();
                slots.succeeded();
                return result;
            } catch (Stopped | SourceChanged e) {
                throw e;
            } catch (Exception e) {
                if (stop != null || RetryPolicy.stopped(e)) {
                    throw new Stopped(stopOr());
                }
                if (RetryPolicy.overloaded(e)) {
                    slots.throttled(); // fewer requests at a time over all transfers, then back up step by step
                }
                if (RetryPolicy.sourceProblem(e)) {
                    throw SourceFile.unreadable(transfer.source(), new java.io.IOException(rootMessage(e), e));
                }
                if (e instanceof ObitoxException oe && !retry.retryable(oe)) {
                    throw oe;
                }
                if (!retry.retryable(e) || attempt >= retry.maxAttempts()) {
                    ObitoxException translated = S3Errors.toException(e);
                    if (attempt > 1) {
                        throw new ObitoxException(
                                translated.code(),
                                "Could not " + what + " after " + attempt + " attempts: " + translated.getMessage(),
                                translated.fix(),
                                e);
                    }
                    throw translated;
                }
                log.info(
                        "Transfer {}: {} failed (attempt {}), retrying: {}",
                        transfer.id(),
                        what,
                        attempt,
                        S3Errors.describe(e).message());
                sleep(retry.delayBefore(attempt + 1).toMillis());
            }
        }
    }

    /** Backoff sleep that ends early when the job is stopped (parts are not interrupted, they poll the flag). */
    private void sleep(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            checkStop();
            try {
                Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                throw new Stopped(stopOr());
            }
        }
    }

    private void checkStop() {
        if (stop != null) {
            throw new Stopped(stop);
        }
    }

    private StopReason stopOr() {
        return stop == null ? StopReason.SHUTDOWN : stop;
    }

    private String contentType() {
        return transfer.contentType() == null ? "application/octet-stream" : transfer.contentType();
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return String.valueOf(c.getMessage());
    }

    static String unquote(String etag) {
        if (etag == null) {
            return null;
        }
        String e = etag.trim();
        return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
    }
}
