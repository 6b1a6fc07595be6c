package io.obitox.transfer;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Sends the parts of a multipart upload that are still missing, each as soon as a request slot is free, and waits
 * for all of them: no request outlives the job.
 *
 * <p>Threading: {@link #uploadMissing} runs on the job's coordinator thread, which takes a request slot per part and
 * hands the part to the part executor; each part runs on its own part thread, records itself in the ledger and
 * releases its slot. {@code have} is only touched by the coordinator (after the part's future completed).
 */
final class PartRunner {
    private final JobContext job;

    PartRunner(JobContext job) {
        this.job = job;
    }

    void uploadMissing(PartPlan plan, String uploadId, Map<Integer, PartRecord> have) {
        List<Future<PartRecord>> futures = new ArrayList<>();
        for (int n = 1; n <= plan.partCount(); n++) {
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
                        return uploadPart(plan, uploadId, number);
                    } finally {
                        job.slots.release();
                    }
                }));
            } catch (RuntimeException e) {
                job.slots.release();
                throw e;
            }
        }
        // Wait for every part in flight (a stop aborts their requests, so they end at once), so no request outlives
        // the job.
        RuntimeException failure = null;
        for (Future<PartRecord> f : futures) {
            try {
                PartRecord p = getUninterruptibly(f);
                have.put(p.number(), p);
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

    /**
     * Sends part {@code n}. The part is read once into a pooled buffer, hashed from it and sent from it (a retry
     * re-sends the buffer); a part the pool cannot hold is hashed from disk and streamed from disk. The buffer goes
     * back to the pool however the part ends.
     */
    private PartRecord uploadPart(PartPlan plan, String uploadId, int n) {
        Transfer transfer = job.transfer;
        long offset = plan.offset(n);
        long length = plan.length(n);
        job.checkStop();
        byte[] buffer = job.buffers.take(length);
        RegionContent body = null;
        try {
            byte[] md5;
            // the part's full-object CRC where the upload has one (FullObjectChecksum), over the same bytes
            FullObjectChecksum full = job.checksum;
            long crc = 0;
            if (buffer != null) {
                SourceFile.readInto(transfer.source(), offset, buffer, (int) length);
                MessageDigest d = SourceFile.md5();
                d.update(buffer, 0, (int) length);
                md5 = d.digest();
                if (full != null) {
                    crc = full.of(buffer, 0, (int) length);
                }
                body = job.inMemory(buffer, (int) length);
            } else if (full != null) {
                MessageDigest d = SourceFile.md5();
                java.util.zip.Checksum c = full.newChecksum();
                SourceFile.read(transfer.source(), offset, length, b -> {
                    c.update(b.duplicate());
                    d.update(b);
                });
                md5 = d.digest();
                crc = c.getValue();
                body = job.region(offset, length);
            } else {
                md5 = SourceFile.md5(transfer.source(), offset, length);
                body = job.region(offset, length);
            }
            long partCrc = crc;
            String contentMd5 = SourceFile.base64(md5);
            RegionContent content = body;
            UploadPartResponse r = job.withRetry(
                    "upload part " + n,
                    RequestSlots.Kind.PART,
                    () -> job.s3.uploadPart(
                            b -> {
                                job.headers()
                                        .part(b)
                                        .bucket(transfer.bucket())
                                        .key(transfer.key())
                                        .uploadId(uploadId)
                                        .partNumber(n)
                                        .contentLength(length)
                                        .contentMD5(contentMd5);
                                if (full != null) {
                                    full.part(b, partCrc);
                                }
                            },
                            RequestBody.fromContentProvider(content, length, "application/octet-stream")));
            if (full != null) {
                full.part(n, partCrc);
            }
            PartRecord part = new PartRecord(n, length, JobContext.unquote(r.eTag()), contentMd5);
            job.ledger.partDone(part);
            job.done.addAndGet(length);
            job.sent.addAndGet(length);
            return part;
        } finally {
            if (body != null) {
                body.release();
            }
            job.buffers.give(buffer);
        }
    }
}
