package io.obitox.transfer;

import io.obitox.objects.SseCKeys;
import io.obitox.storage.DirectPut;
import io.obitox.storage.Provider;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs one transfer from where it stands; a download (issue 18) is a {@link RangedDownload}, the rest of this comment
 * is about uploads. Uploads one transfer from where it stands: a single PUT ({@link SinglePut}), or a multipart upload ({@link
 * MultipartUpload}) that first reconciles its stored parts with {@code ListParts} for the stored upload id (never
 * another upload), sends only what is missing ({@link PartRunner}), completes and verifies (see {@link
 * UploadVerification}: Content-MD5 on every request, then size, a returned checksum, and the ETag only where the
 * provider makes it from MD5s for this object). It reports parts and upload ids through its {@link PartLedger} and
 * never changes the transfer's state: the engine's {@link TransferLifecycle} does that with the {@link Outcome}.
 *
 * <p>Threading: {@link #run()} runs on one coordinator thread (the engine's), parts on the part executor; {@link
 * #stop} and {@link #bytesDone()} may be called from any thread. A stop aborts every request of this job in flight at
 * once, stalled or not (see {@link JobContext}: part threads are never interrupted), and wakes the coordinator if it
 * waits for a request slot.
 */
final class UploadJob {
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

    /**
     * What a finished run produced.
     *
     * @param sha256 the content's SHA-256 (hex) the object carries as {@code x-amz-meta-sha256}, null when unknown
     * @param objectSize a download's size of the object it fetched (another than the claimed row's when the object
     *     was replaced and the download restarted); null for uploads, whose size is the claimed row's
     */
    record Outcome(String etag, long bytesSent, String notice, String verifiedBy, String sha256, Long objectSize) {
        Outcome(String etag, long bytesSent, String notice, String verifiedBy, String sha256) {
            this(etag, bytesSent, notice, verifiedBy, sha256, null);
        }

        Outcome(String etag, long bytesSent, String notice, String verifiedBy) {
            this(etag, bytesSent, notice, verifiedBy, null, null);
        }
    }

    private final JobContext job;
    private final SseCKeys keys;
    private volatile Thread coordinator;

    UploadJob(
            Transfer transfer,
            S3Client s3,
            DirectPut direct,
            Provider provider,
            PartLedger ledger,
            RetryPolicy retry,
            BandwidthLimiter limiter,
            RequestSlots slots,
            PartBuffers buffers,
            ExecutorService partExecutor,
            SseCKeys keys) {
        this.job = new JobContext(transfer, s3, direct, provider, ledger, retry, limiter, slots, buffers, partExecutor);
        this.keys = keys;
    }

    Transfer transfer() {
        return job.transfer;
    }

    /** Bytes of this transfer known to be on the server, plus what in-flight requests have sent so far. */
    long bytesDone() {
        return Math.min(job.transfer.size(), job.done.get() + Math.max(0, job.inFlight.get()));
    }

    void stop(StopReason reason) {
        job.stop(reason);
        Thread c = coordinator;
        if (c != null) {
            c.interrupt(); // wakes it from waiting for a request slot; the parts' requests were aborted above
        }
    }

    Outcome run() {
        coordinator = Thread.currentThread();
        try {
            job.checkStop();
            job.useHeaders(keys); // before any request: an SSE-C transfer without its key fails here, nothing sent
            Outcome o = job.transfer.download()
                    ? new RangedDownload(job).run()
                    : job.transfer.multipart() ? new MultipartUpload(job).run() : new SinglePut(job).run();
            String sha =
                    o.sha256() != null ? o.sha256() : job.transfer.outcome().sha256();
            return new Outcome(o.etag(), job.sent.get(), job.notice, o.verifiedBy(), sha);
        } finally {
            coordinator = null;
            Thread.interrupted(); // clear a late stop() interrupt before the thread goes back to the pool
        }
    }
}
