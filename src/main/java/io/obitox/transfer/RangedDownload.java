package io.obitox.transfer;

import io.obitox.common.ObitoxException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Downloads one object into the local file {@link Transfer#source()} (issue 18): ranged GETs of the transfer's parts
 * in parallel, each written at its offset into {@code NAME.obitox-part} beside the destination, synced, and only then
 * recorded in the {@link PartLedger}, so a resume after a kill fetches only the ranges not recorded. Every GET carries
 * {@code If-Match} with the ETag the download started from: an object replaced on the server answers 412 (or a
 * different ETag, from a server that ignores the header) and the download starts again from the new object, never
 * mixing the two (at most {@value #MAX_RESTARTS} times in one run). At the end the file is verified ({@link
 * DownloadCheck}) and renamed into place in one step.
 *
 * <p>Threading: {@link #run()} on the job's coordinator thread; parts on the part executor, each holding a request
 * slot. The object being fetched ({@link #etag}, {@link #size}, {@link #plan}) is only changed by the coordinator
 * while no part runs. The part file's channel is shared: positional writes are thread-safe.
 */
final class RangedDownload {
    static final int MAX_RESTARTS = 2;
    private static final int CHUNK = 256 * 1024;

    private final JobContext job;
    private final Transfer transfer;
    private final Path destination;
    private final Path partFile;
    private String etag;
    private long size;
    private long mtime;
    private PartPlan plan;

    RangedDownload(JobContext job) {
        this.job = job;
        this.transfer = job.transfer;
        this.destination = transfer.source();
        this.partFile = DownloadFiles.partFile(destination);
        this.etag = transfer.fingerprint();
        this.size = transfer.size();
        this.mtime = transfer.mtime();
        this.plan = transfer.partPlan();
    }

    UploadJob.Outcome run() {
        try {
            Files.createDirectories(destination.getParent());
        } catch (IOException e) {
            throw DownloadFiles.localWrite(destination.getParent(), e);
        }
        HeadObjectResponse head = head();
        if (!sameObject(head)) {
            restart(
                    head,
                    "'" + transfer.key() + "' changed on the server since the download was queued; it was"
                            + " downloaded as it is now.");
        }
        for (int round = 0; ; round++) {
            try {
                fetchMissing();
                break;
            } catch (UploadJob.SourceChanged changed) {
                if (round >= MAX_RESTARTS) {
                    throw new ObitoxException(
                            "OBJECT_CHANGING",
                            "'" + transfer.key() + "' kept being replaced on the server during the download, so"
                                    + " ObitoX stopped trying.",
                            "Retry once the object is no longer being written.");
                }
                head = head();
                restart(
                        head,
                        "'" + transfer.key() + "' was replaced on the server during the download; what was"
                                + " fetched of the old object was dropped and the new one was downloaded.");
            }
        }
        String verifiedBy;
        try {
            verifiedBy = new DownloadCheck(job, partFile, size, etag, head).verify();
        } catch (ObitoxException corrupt) {
            if ("DOWNLOAD_CORRUPT".equals(corrupt.code())) {
                discard(); // a retry starts from nothing rather than trusting the same parts again
            }
            throw corrupt;
        }
        DownloadFiles.moveIntoPlace(partFile, destination, !transfer.target().ifNoneMatch());
        if (mtime > 0) {
            try {
                Files.setLastModifiedTime(destination, FileTime.fromMillis(mtime));
            } catch (IOException ignored) {
                // the content is in place and verified; the date is a courtesy
            }
        }
        return new UploadJob.Outcome(etag, job.sent.get(), job.notice, verifiedBy, JobContext.metadata(head, "sha256"));
    }

    private HeadObjectResponse head() {
        return job.withRetry(
                "read the object's details",
                () -> job.s3.headObject(
                        b -> b.bucket(transfer.bucket()).key(transfer.key()).checksumMode(ChecksumMode.ENABLED)));
    }

    private boolean sameObject(HeadObjectResponse head) {
        return etag != null && etag.equals(JobContext.unquote(head.eTag())) && size == head.contentLength();
    }

    /** Starts over from the object {@code head} describes: parts dropped, the part file emptied. */
    private void restart(HeadObjectResponse head, String notice) {
        etag = JobContext.unquote(head.eTag());
        size = head.contentLength();
        mtime = head.lastModified() == null ? 0 : head.lastModified().toEpochMilli();
        plan = plan(size, transfer.partSize());
        job.ledger.restarted(new SourceFile.Identity(size, mtime, etag), plan, notice);
        job.done.set(0);
        job.notice = notice;
        deletePartFile();
    }

    /** Drops every part and the part file (a corrupt result). */
    private void discard() {
        job.ledger.restarted(new SourceFile.Identity(size, mtime, etag), plan, null);
        job.done.set(0);
        deletePartFile();
    }

    private void deletePartFile() {
        try {
            Files.deleteIfExists(partFile);
        } catch (IOException e) {
            throw DownloadFiles.localWrite(partFile, e);
        }
    }

    /** Parts of {@code partSize} (the transfer's; grown so there are at most 10,000), one GET when it fits in one. */
    static PartPlan plan(long size, long partSize) {
        long p = Math.max(TransferSettings.MIN_PART_SIZE, partSize);
        if (size <= p) {
            return new PartPlan(false, size, 1, size);
        }
        if ((size + p - 1) / p > TransferSettings.MAX_PARTS) {
            p = (((size + TransferSettings.MAX_PARTS - 1) / TransferSettings.MAX_PARTS + (1 << 20) - 1) >> 20) << 20;
        }
        return new PartPlan(true, p, (int) ((size + p - 1) / p), size);
    }

    /** Fetches every part not recorded; recorded parts are trusted only while the part file still holds them. */
    private void fetchMissing() {
        Map<Integer, PartRecord> have = new HashMap<>();
        for (PartRecord p : job.ledger.parts()) {
            have.put(p.number(), p);
        }
        long needed = 0;
        for (PartRecord p : have.values()) {
            needed = Math.max(needed, plan.offset(p.number()) + p.size());
        }
        if (!have.isEmpty() && length(partFile) < needed) {
            job.ledger.restarted(
                    new SourceFile.Identity(size, mtime, etag),
                    plan,
                    partFile.getFileName() + " was gone or shorter than recorded; the download started again.");
            job.done.set(0);
            have.clear();
        }
        try (FileChannel ch = FileChannel.open(
                partFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            if (size == 0) {
                ch.truncate(0);
            }
            runParts(ch, have);
            ch.force(true);
        } catch (IOException e) {
            throw DownloadFiles.localWrite(partFile, e);
        }
    }

    private static long length(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    /** As {@link PartRunner}: a slot per part, taken on the coordinator; waits for every part it started. */
    private void runParts(FileChannel ch, Map<Integer, PartRecord> have) {
        if (size == 0) {
            return;
        }
        String expected = etag;
        PartPlan p = plan;
        List<Future<?>> futures = new ArrayList<>();
        for (int n = 1; n <= p.partCount(); n++) {
            if (have.containsKey(n)) {
                continue;
            }
            if (job.stopRequested() || anyFailed(futures)) {
                break;
            }
            try {
                job.slots.acquire();
            } catch (InterruptedException e) {
                Thread.interrupted();
                break; // stop() woke us: wait for what is in flight below
            }
            int number = n;
            try {
                futures.add(job.partExecutor.submit(() -> {
                    try {
                        fetchPart(ch, p, number, expected);
                    } finally {
                        job.slots.release();
                    }
                    return null;
                }));
            } catch (RuntimeException e) {
                job.slots.release();
                throw e;
            }
        }
        RuntimeException failure = null;
        for (Future<?> f : futures) {
            try {
                getUninterruptibly(f);
            } catch (ExecutionException e) {
                RuntimeException cause =
                        e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                if (failure == null || failure instanceof UploadJob.Stopped && !(cause instanceof UploadJob.Stopped)) {
                    failure = cause;
                }
            }
        }
        job.checkStop();
        if (failure != null) {
            throw failure;
        }
    }

    /** One part: fetched (retried whole), written at its offset, synced, then recorded; only then counted done. */
    private void fetchPart(FileChannel ch, PartPlan p, int n, String expected) {
        long offset = p.offset(n);
        long length = p.length(n);
        job.checkStop();
        job.withRetry("download part " + n, RequestSlots.Kind.PART, () -> {
            fetchRange(ch, p.multipart(), offset, length, expected, n);
            return null;
        });
        try {
            ch.force(false);
        } catch (IOException e) {
            job.inFlight.addAndGet(-length);
            throw DownloadFiles.localWrite(partFile, e);
        }
        job.ledger.partDone(new PartRecord(n, length, expected, ""));
        job.done.addAndGet(length);
        job.inFlight.addAndGet(-length);
        job.sent.addAndGet(length);
    }

    /**
     * One GET of {@code length} bytes at {@code offset} (the whole object when not {@code ranged}), streamed through
     * the limiter into the part file. Bytes count as in flight while the part is not recorded; a failed attempt
     * takes its bytes back.
     */
    private void fetchRange(FileChannel ch, boolean ranged, long offset, long length, String expected, int n)
            throws IOException {
        GetObjectRequest.Builder b = GetObjectRequest.builder()
                .bucket(transfer.bucket())
                .key(transfer.key())
                .ifMatch("\"" + expected + "\"");
        if (ranged) {
            b.range("bytes=" + offset + "-" + (offset + length - 1));
        }
        long counted = 0;
        boolean ok = false;
        ResponseInputStream<GetObjectResponse> in;
        try {
            in = job.s3.getObject(b.build());
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                throw changed();
            }
            throw e;
        }
        try {
            String got = JobContext.unquote(in.response().eTag());
            if (got != null && !got.equals(expected)) {
                throw changed(); // a server that ignores If-Match
            }
            byte[] buf = new byte[CHUNK];
            long pos = offset;
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
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, r);
                while (bb.hasRemaining()) {
                    pos += writeLocal(ch, bb, pos);
                }
                counted += r;
                job.inFlight.addAndGet(r);
            }
            ok = true;
        } finally {
            if (!ok) {
                job.inFlight.addAndGet(-counted);
                in.abort(); // do not drain the rest of a range we give up on
            }
            in.close();
        }
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

    private static boolean anyFailed(List<Future<?>> futures) {
        for (Future<?> f : futures) {
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

    private static void getUninterruptibly(Future<?> f) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return;
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
}
