package io.obitox.transfer;

import io.obitox.common.TextRef;
import io.obitox.objects.ObjectHeaders;
import io.obitox.storage.SseCRefusal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One GET of a download (issue 18), a range or the whole object, always with {@code If-Match} on the ETag the
 * download started from, streamed through the bandwidth limiter and written at its offset into the part file. A 412
 * (or another ETag, from a server that ignores the header) is {@link UploadJob.SourceChanged}.
 *
 * <p>Threading: {@link #fetch} runs on the coordinator (a whole object) or on part threads (ranges) at once; it keeps
 * no state between calls, the part file's channel is shared (positional writes are thread-safe).
 */
final class RangeGet {
    private static final int CHUNK = 256 * 1024;

    private final JobContext job;
    private final Transfer transfer;
    private final Path partFile;

    RangeGet(JobContext job, Path partFile) {
        this.job = job;
        this.transfer = job.transfer;
        this.partFile = partFile;
    }

    /** The object of a one-GET download as its answer described it, and the digests fed while it streamed in. */
    static final class Whole {
        ObjectFacts facts;
        DownloadDigests digests;
    }

    /**
     * One GET of {@code length} bytes at {@code offset} (the whole object when not {@code ranged}), streamed through
     * the limiter into the part file. Bytes count as in flight while the part is not recorded; a failed attempt
     * takes its bytes back.
     *
     * @param ordered the multipart download's in-order digests, told of every chunk written, or null
     */
    void fetch(
            FileChannel ch,
            boolean ranged,
            long offset,
            long length,
            String expected,
            int n,
            Whole whole,
            OrderedDigests ordered)
            throws IOException {
        GetObjectRequest.Builder b = GetObjectRequest.builder()
                .bucket(transfer.bucket())
                .key(transfer.key())
                .ifMatch("\"" + expected + "\"");
        ObjectHeaders.getWith(b, job.headers().key()); // SSE-C: the customer key on every GET
        if (whole != null) {
            b.checksumMode(ChecksumMode.ENABLED); // a full-object checksum comes with the answer, as with a HEAD
        }
        if (ranged) {
            b.range("bytes=" + offset + "-" + (offset + length - 1));
        }
        long counted = 0;
        boolean ok = false;
        OrderedDigests.Attempt attempt = null;
        ResponseInputStream<GetObjectResponse> in;
        try {
            in = job.s3.getObject(b.build());
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                throw changed();
            }
            throw sseCRefusal(job, e); // not retried: the same request gets the same answer
        }
        try {
            String got = JobContext.unquote(in.response().eTag());
            if (got != null && !got.equals(expected)) {
                throw changed(); // a server that ignores If-Match
            }
            DownloadDigests digests = null;
            if (whole != null) {
                ObjectFacts facts = ObjectFacts.of(in.response());
                if (facts.size() != length) {
                    throw changed();
                }
                digests = new DownloadDigests(facts, job.provider.etagIsMd5(false)); // a retry starts afresh
                whole.facts = facts;
                whole.digests = digests;
            }
            byte[] buf = new byte[(int) Math.max(1, Math.min(CHUNK, length))];
            long pos = offset;
            attempt = ordered == null ? null : ordered.attempt(offset);
            while (counted < length) {
                if (job.stopRequested()) {
                    job.checkStop();
                }
                int r = in.read(buf, 0, (int) Math.min(buf.length, length - counted));
                if (r < 0) {
                    throw new IOException(
                            "the server ended part " + n + " after " + counted + " of " + length + " bytes");
                }
                acquire(r);
                if (digests != null) {
                    digests.update(buf, 0, r);
                }
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, r);
                while (bb.hasRemaining()) {
                    pos += writeLocal(ch, bb, pos);
                }
                if (attempt != null) {
                    attempt.wrote(buf, 0, r, pos - r);
                }
                counted += r;
                job.inFlight.addAndGet(r);
            }
            ok = true;
            if (attempt != null) {
                attempt.succeeded();
            }
        } finally {
            if (!ok && attempt != null) {
                attempt.failed();
            }
            if (!ok) {
                job.inFlight.addAndGet(-counted);
                in.abort(); // do not drain the rest of a range we give up on
            }
            in.close();
        }
    }

    /**
     * {@code failure} as {@code SSE_C_KEY_NEEDED} (or {@code SSE_C_WRONG_KEY}) when it is the server refusing an
     * SSE-C object for its key ({@link SseCRefusal}); else {@code failure} itself.
     */
    static RuntimeException sseCRefusal(JobContext job, RuntimeException failure) {
        if (!SseCRefusal.refused(failure)) {
            return failure;
        }
        boolean keySent = job.headers().key() != null;
        return SseCRefusal.of(
                job.transfer.bucket(),
                job.transfer.key(),
                keySent,
                TextRef.of(keySent ? "svc.sseC.fix.wrongKey" : "svc.sseC.fix.queued"),
                failure);
    }

    private int writeLocal(FileChannel ch, ByteBuffer bb, long pos) {
        try {
            return ch.write(bb, pos);
        } catch (IOException e) {
            throw DownloadFiles.localWrite(partFile, e);
        }
    }

    private void acquire(int bytes) {
        try {
            job.limiter.acquire(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UploadJob.Stopped(job.stopOr());
        }
    }

    private UploadJob.SourceChanged changed() {
        return new UploadJob.SourceChanged("'" + transfer.key() + "' was replaced on the server.");
    }
}
