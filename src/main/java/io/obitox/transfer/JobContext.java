package io.obitox.transfer;

import io.obitox.common.ObitoxException;
import io.obitox.objects.Encryption;
import io.obitox.objects.ObjectHeaders;
import io.obitox.objects.SseCKey;
import io.obitox.objects.SseCKeys;
import io.obitox.objects.UploadSettings;
import io.obitox.storage.DirectPut;
import io.obitox.storage.Provider;
import io.obitox.storage.RequestGroup;
import io.obitox.storage.S3Errors;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * What the pieces of one {@link UploadJob} share: the transfer as claimed, the client, the part ledger, the byte
 * counters and the stop flag, and the discipline every request goes through (a request slot, retries with backoff,
 * stop checks, plain-words failures).
 *
 * <p>Threading: built on the transfer's coordinator thread. {@link #withRetry} and the checks run on the coordinator
 * and on part threads at once; the counters are atomic and the stop reason volatile (set by {@link UploadJob#stop}
 * from any thread). {@link #notice} is written and read by the coordinator thread only.
 *
 * <p>Stopping: part threads are never interrupted (that closes any {@code FileChannel} they use: the database's, a
 * download's part file). {@link #stop} records the reason, then aborts every request in flight (each attempt of
 * {@link #withRetry} runs in {@link #requests}): a part blocked in a socket write or read fails at once, finds the stop
 * and throws {@link UploadJob.Stopped} instead of retrying, so it is never recorded and the next run sends it again.
 */
final class JobContext {
    private static final Logger log = LoggerFactory.getLogger(JobContext.class);

    final Transfer transfer;
    final S3Client s3;
    /** The direct path for plain small PUTs to this target (see {@link DirectPut}); null where only the SDK may. */
    final DirectPut direct;

    final Provider provider;
    final PartLedger ledger;
    final RetryPolicy retry;
    final BandwidthLimiter limiter;
    final RequestSlots slots;
    final PartBuffers buffers;
    final ExecutorService partExecutor;
    /** Bytes known to be on the server (recorded parts, or the whole file after a single PUT). */
    final AtomicLong done;
    /** Bytes the requests in flight have handed to the HTTP client so far. */
    final AtomicLong inFlight = new AtomicLong();
    /** Bytes this run sent (for the throughput). */
    final AtomicLong sent = new AtomicLong();

    private volatile UploadJob.StopReason stop;
    /** This job's requests through the bulk client, aborted by {@link #stop}. */
    private final RequestGroup requests = new RequestGroup();
    /** The transfer's object settings as request headers; set by {@link #useHeaders} before the first request. */
    private volatile ObjectHeaders headers = ObjectHeaders.NONE;
    /**
     * The upload's full-object checksum ({@link FullObjectChecksum}), null when it has none; set by the coordinator
     * before any part is sent, read by part threads.
     */
    volatile FullObjectChecksum checksum;
    /** What the user should know about this run (e.g. the old upload was gone); coordinator thread only. */
    String notice;

    JobContext(
            Transfer transfer,
            S3Client s3,
            DirectPut direct,
            Provider provider,
            PartLedger ledger,
            RetryPolicy retry,
            BandwidthLimiter limiter,
            RequestSlots slots,
            PartBuffers buffers,
            ExecutorService partExecutor) {
        this.transfer = transfer;
        this.s3 = s3;
        this.direct = direct;
        this.provider = provider;
        this.ledger = ledger;
        this.retry = retry;
        this.limiter = limiter;
        this.slots = slots;
        this.buffers = buffers;
        this.partExecutor = partExecutor;
        this.done = new AtomicLong(transfer.bytesDone());
    }

    /**
     * Makes the transfer's stored object settings this job's headers. SSE-C needs the key the upload started with;
     * it is never stored, so it must have been given to this process (throws {@code SSE_C_KEY_NEEDED} otherwise).
     */
    void useHeaders(SseCKeys keys) {
        UploadSettings s = transfer.target().settings();
        SseCKey key = s.encryption().mode() == Encryption.Mode.SSE_C
                ? keys.require(s.encryption().customerKeyMd5(), "'" + transfer.fileName() + "'")
                : null;
        headers = new ObjectHeaders(s, key, transfer.source().getFileName().toString());
    }

    ObjectHeaders headers() {
        return headers;
    }

    /** Records a stop (a cancel overrides a pause), then aborts the requests in flight: in that order, or they retry. */
    void stop(UploadJob.StopReason reason) {
        if (stop == null || reason == UploadJob.StopReason.CANCEL) {
            stop = reason;
        }
        requests.abort();
    }

    boolean stopRequested() {
        return stop != null;
    }

    void checkStop() {
        UploadJob.StopReason s = stop;
        if (s != null) {
            throw new UploadJob.Stopped(s);
        }
    }

    UploadJob.StopReason stopOr() {
        UploadJob.StopReason s = stop;
        return s == null ? UploadJob.StopReason.SHUTDOWN : s;
    }

    /** A byte range of the source, streamed from disk, with this job's limiter, progress count and stop check. */
    RegionContent region(long offset, long length) {
        return new RegionContent(transfer.source(), offset, length, limiter, inFlight, this::stopRequested);
    }

    /** The first {@code length} bytes of {@code data} as a body, with this job's limiter, progress and stop check. */
    RegionContent inMemory(byte[] data, int length) {
        return RegionContent.inMemory(transfer.source(), data, length, limiter, inFlight, this::stopRequested);
    }

    String contentType() {
        return transfer.contentType() == null ? "application/octet-stream" : transfer.contentType();
    }

    /** Throws {@link UploadJob.SourceChanged} unless the file is still the one that was planned. */
    void requireUnchanged() {
        SourceFile.Identity now = identity();
        if (now.size() != transfer.size()
                || now.mtime() != transfer.mtime()
                || !now.fingerprint().equals(transfer.fingerprint())) {
            throw new UploadJob.SourceChanged("'" + transfer.fileName() + "' changed while it was being uploaded.");
        }
    }

    SourceFile.Identity identity() {
        return SourceFile.identify(transfer.source());
    }

    /**
     * One PutObject: through the direct path when it can send this request exactly as the SDK would ({@link
     * DirectPut#handles}), else through the SDK's client. Same answer and same exceptions either way.
     */
    PutObjectResponse putObject(java.util.function.Consumer<PutObjectRequest.Builder> request, RequestBody body) {
        PutObjectRequest r = PutObjectRequest.builder().applyMutation(request).build();
        return direct != null && DirectPut.handles(r) ? direct.putObject(r, body) : s3.putObject(r, body);
    }

    /**
     * The full-object checksum a new upload to this provider carries ({@code ProviderCapabilities
     * .fullObjectChecksum}), or null where the provider has none we rely on.
     */
    FullObjectChecksum newFullObjectChecksum() {
        software.amazon.awssdk.services.s3.model.ChecksumAlgorithm a =
                io.obitox.objects.ProviderCapabilities.of(provider).fullObjectChecksum();
        return a == null ? null : new FullObjectChecksum(a);
    }

    /**
     * HEAD after the upload: the size must be the file's; then, unless a checksum already proved the content, the
     * ETag where it means something (step 2 of {@link UploadVerification}), else the {@code x-amz-meta-sha256}
     * (step 3).
     *
     * @param sha256 the file's SHA-256 (hex), asked only when the object carries one to compare
     */
    HeadObjectResponse verifyHead(
            long size, String expectedEtag, UploadVerification check, java.util.function.Supplier<String> sha256) {
        HeadObjectResponse head = withRetry(
                "verify the uploaded object",
                () -> s3.headObject(
                        b -> headers.head(b.bucket(transfer.bucket()).key(transfer.key()))));
        check.size(head.contentLength(), size);
        check.encryption(head.serverSideEncryptionAsString(), head.sseCustomerAlgorithm());
        if (!check.proven() && !check.etag(unquote(head.eTag()), expectedEtag)) {
            check.sha256Metadata(metadata(head, SHA256_METADATA), sha256);
        }
        return head;
    }

    /**
     * Adds a notice when the settings asked for SSE-S3 or SSE-KMS and no answer of the upload named any encryption:
     * the server may have stored the object unencrypted (Ceph RGW 16 ignores {@code AES256} without a word). Not a
     * failure: the bytes are intact, and some servers encrypt without saying so.
     */
    void noteUnconfirmedEncryption(UploadVerification check) {
        Encryption.Mode m = transfer.target().settings().encryption().mode();
        if ((m == Encryption.Mode.AES256 || m == Encryption.Mode.KMS) && !check.confirmedEncryption()) {
            String n = "The server did not confirm the encryption asked for ("
                    + (m == Encryption.Mode.AES256 ? "SSE-S3, AES256" : "SSE-KMS")
                    + "): no answer carried x-amz-server-side-encryption, so the object may be stored unencrypted.";
            notice = notice == null ? n : notice + " " + n;
        }
    }

    /** A user metadata value of a HEAD answer (the key case-insensitive), or null. */
    static String metadata(HeadObjectResponse head, String key) {
        if (!head.hasMetadata()) {
            return null;
        }
        for (Map.Entry<String, String> e : head.metadata().entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The SHA-256 (hex) of the whole source, one read (stops within 1 MiB when the job is stopped). */
    String sha256OfSource() {
        java.security.MessageDigest d = SourceFile.sha256();
        SourceFile.read(transfer.source(), 0, transfer.size(), b -> {
            checkStop();
            d.update(b);
        });
        return SourceFile.hex(d.digest());
    }

    /** Runs {@code call} holding one request slot (waits for it; a stop while waiting ends the wait). */
    <T> T withSlot(Callable<T> call) {
        return withSlot(RequestSlots.Kind.PART, call);
    }

    /** Runs {@code call} holding one slot of this kind (a small file's PUT may use more slots than parts). */
    <T> T withSlot(RequestSlots.Kind kind, Callable<T> call) {
        try {
            slots.acquire(kind);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UploadJob.Stopped(stopOr());
        }
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            slots.release(kind);
        }
    }

    /** Runs {@code call}, retrying retryable failures with backoff; translates the final failure to plain words. */
    <T> T withRetry(String what, Callable<T> call) {
        return withRetry(what, RequestSlots.Kind.CONTROL, call);
    }

    /**
     * As {@link #withRetry(String, Callable)}, timing each successful attempt for the slots' latency trend of
     * {@code kind} (small PUTs and parts; a control request's time says little and is not followed).
     */
    <T> T withRetry(String what, RequestSlots.Kind kind, Callable<T> call) {
        for (int attempt = 1; ; attempt++) {
            checkStop();
            try {
                long started = System.nanoTime();
                T result = requests.run(call); // its requests end at once when the job is stopped
                slots.succeeded(kind, System.nanoTime() - started);
                return result;
            } catch (UploadJob.Stopped | UploadJob.SourceChanged e) {
                throw e;
            } catch (Exception e) {
                if (stop != null || RetryPolicy.stopped(e)) {
                    throw new UploadJob.Stopped(stopOr());
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
                throw new UploadJob.Stopped(stopOr());
            }
        }
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

    /** User metadata of the content: {@code sha256} (when known) and {@code mtime} (seconds since the epoch, rclone's). */
    Map<String, String> contentMetadata(String sha256) {
        // the user's x-amz-meta-* first: UploadSettingsRules keeps them off ObitoX's own keys
        Map<String, String> m =
                new java.util.HashMap<>(transfer.target().settings().metadata());
        if (sha256 != null) {
            m.put(SHA256_METADATA, sha256);
        }
        m.put(
                MTIME_METADATA,
                java.math.BigDecimal.valueOf(transfer.origin().mtime(), 3).toPlainString());
        return m;
    }

    /**
     * The exception a 412 to a write with {@code If-None-Match: *} becomes: the key exists (someone wrote it since it
     * was checked). Not retried.
     */
    ObitoxException objectExists() {
        return new ObitoxException(
                OBJECT_EXISTS,
                "'" + transfer.key() + "' already exists in bucket '" + transfer.bucket() + "' (the server refused to"
                        + " replace it: If-None-Match).",
                "Choose --if-exists overwrite or skip-identical, or upload under another key.");
    }

    /** Whether {@code t} is the server's 412 answer to {@code If-None-Match: *}. */
    static boolean preconditionFailed(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof software.amazon.awssdk.services.s3.model.S3Exception e && e.statusCode() == 412) {
                return true;
            }
        }
        return false;
    }

    /** The error code of a write refused because its key exists (the same code as {@code --if-exists fail}). */
    static final String OBJECT_EXISTS = "OBJECT_EXISTS";
    /** {@code x-amz-meta-sha256}: the content's SHA-256, hex. */
    static final String SHA256_METADATA = "sha256";
    /** {@code x-amz-meta-mtime}: the file's mtime, seconds since the epoch with a fraction (as rclone writes it). */
    static final String MTIME_METADATA = "mtime";
}
