package io.obitox.transfer;

import io.obitox.common.ObitoxException;
import java.io.IOException;
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
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;

/**
 * Downloads one object into the local file {@link Transfer#source()} (issue 18): ranged GETs of the transfer's parts
 * in parallel, each written at its offset into {@code NAME.obitox-part} beside the destination, synced, and only then
 * recorded in the {@link PartLedger}, so a resume after a kill fetches only the ranges not recorded. Every GET carries
 * {@code If-Match} with the ETag the download started from: an object replaced on the server answers 412 (or a
 * different ETag, from a server that ignores the header) and the download starts again from the new object, never
 * mixing the two (at most {@value #MAX_RESTARTS} times in one run). At the end the file is verified ({@link
 * DownloadCheck}) and renamed into place in one step.
 *
 * <p>An object of one part (the most common download by count) costs one request and one write: no HEAD before it
 * when its ETag is known from the listing or the queueing HEAD (the GET's answer says the rest), hashed while it
 * streams in, synced once before the rename, and no part recorded (a kill costs that one GET again). Measured on RGW
 * (docs/benchmarks.md): a HEAD, a part row, a sync per part and a second read per object were most of the cost of
 * 1,000 small objects.
 *
 * <p>Threading: {@link #run()} on the job's coordinator thread; parts on the part executor, each holding a request
 * slot. The object being fetched ({@link #etag}, {@link #size}, {@link #plan}) is only changed by the coordinator
 * while no part runs. The part file's channel is shared: positional writes are thread-safe.
 */
final class RangedDownload {
    static final int MAX_RESTARTS = 2;

    private final JobContext job;
    private final Transfer transfer;
    private final Path destination;
    private final Path partFile;
    private final RangeGet get;
    private String etag;
    private long size;
    private long mtime;
    private PartPlan plan;

    RangedDownload(JobContext job) {
        this.job = job;
        this.transfer = job.transfer;
        this.destination = transfer.source();
        this.partFile = DownloadFiles.partFile(destination);
        this.get = new RangeGet(job, partFile);
        this.etag = transfer.fingerprint();
        this.size = transfer.size();
        this.mtime = transfer.mtime();
        this.plan = transfer.partPlan();
    }

    UploadJob.Outcome run() {
        try {
            // one stat when the folder is there (every object but the first of a folder); createDirectories would
            // try a mkdir and throw and catch FileAlreadyExistsException for each of them
            if (!Files.isDirectory(destination.getParent())) {
                Files.createDirectories(destination.getParent());
            }
        } catch (IOException e) {
            throw DownloadFiles.localWrite(destination.getParent(), e);
        }
        ObjectFacts facts = null;
        DownloadDigests streamed = null;
        // An object of one part whose ETag is known (from the listing or the HEAD that queued it) needs no HEAD: its
        // GET carries If-Match, and the answer's headers say all a HEAD would (size, metadata, checksums).
        if (etag == null || plan.multipart()) {
            facts = head();
            if (!sameObject(facts)) {
                restart(
                        facts,
                        "'" + transfer.key() + "' changed on the server since the download was queued; it was"
                                + " downloaded as it is now.");
            }
        }
        for (int round = 0; ; round++) {
            try {
                if (plan.multipart()) {
                    streamed = fetchMissing(facts);
                } else {
                    RangeGet.Whole whole = fetchWhole();
                    facts = whole.facts;
                    streamed = whole.digests;
                }
                break;
            } catch (UploadJob.SourceChanged changed) {
                if (round >= MAX_RESTARTS) {
                    throw new ObitoxException(
                            "OBJECT_CHANGING",
                            "'" + transfer.key() + "' kept being replaced on the server during the download, so"
                                    + " ObitoX stopped trying.",
                            "Retry once the object is no longer being written.");
                }
                facts = head();
                restart(
                        facts,
                        "'" + transfer.key() + "' was replaced on the server during the download; what was"
                                + " fetched of the old object was dropped and the new one was downloaded.");
            }
        }
        String verifiedBy;
        try {
            verifiedBy = new DownloadCheck(job, partFile, facts).verify(streamed);
        } catch (UploadJob.SourceChanged replacedWhileChecking) {
            discard(); // the part layout's HEAD found another object: the next run fetches it from the start
            throw new ObitoxException(
                    "OBJECT_CHANGING",
                    "'" + transfer.key() + "' was replaced on the server while the download was being checked.",
                    "Retry the download: it fetches the object as it is now.");
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
        return new UploadJob.Outcome(etag, job.sent.get(), job.notice, verifiedBy, facts.sha256(), size);
    }

    private ObjectFacts head() {
        try {
            return headOnce();
        } catch (RuntimeException e) {
            throw RangeGet.sseCRefusal(job, e);
        }
    }

    private ObjectFacts headOnce() {
        return ObjectFacts.of(job.withRetry(
                "read the object's details",
                () -> job.s3.headObject(
                        job.headers() // an SSE-C object answers a HEAD without its key with 400
                                .head(HeadObjectRequest.builder()
                                        .bucket(transfer.bucket())
                                        .key(transfer.key())
                                        .checksumMode(ChecksumMode.ENABLED))
                                .build())));
    }

    private boolean sameObject(ObjectFacts facts) {
        return etag != null && etag.equals(facts.etag()) && size == facts.size();
    }

    /** Starts over from the object {@code facts} describes: parts dropped, the part file emptied. */
    private void restart(ObjectFacts facts, String notice) {
        etag = facts.etag();
        size = facts.size();
        mtime = facts.lastModifiedMillis();
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

    /**
     * Fetches every part not recorded; recorded parts are trusted only while the part file still holds them. Returns
     * the object's digests fed in order while the parts arrived ({@link OrderedDigests}), or null when there are none
     * to compute or they cannot be trusted: the check then reads the file.
     */
    private DownloadDigests fetchMissing(ObjectFacts facts) {
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
            DownloadDigests digests = new DownloadDigests(facts, job.provider.etagIsMd5(false));
            if (!digests.any() || size == 0) {
                runParts(ch, have, null);
                ch.force(true);
                return null;
            }
            List<long[]> recorded = new ArrayList<>();
            for (PartRecord r : have.values()) {
                recorded.add(new long[] {plan.offset(r.number()), plan.offset(r.number()) + r.size()});
            }
            try (OrderedDigests ordered = new OrderedDigests(digests, ch, size, transfer.id()).start(recorded)) {
                runParts(ch, have, ordered);
                ch.force(true);
                return ordered.finish(job::checkStop);
            }
        } catch (IOException e) {
            throw DownloadFiles.localWrite(partFile, e);
        }
    }

    /**
     * A download of one part: one GET of the whole object on the coordinator (holding a request slot), hashed as it
     * is written, so the check needs no second read; synced once, before the rename. No part is recorded: a kill
     * loses at most this one GET, which the next run sends again from the start (the part file is emptied first).
     */
    private RangeGet.Whole fetchWhole() {
        RangeGet.Whole whole = new RangeGet.Whole();
        try (FileChannel ch = FileChannel.open(
                partFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            try {
                job.slots.acquire();
            } catch (InterruptedException e) {
                Thread.interrupted();
                job.checkStop();
                throw new UploadJob.Stopped(job.stopOr());
            }
            try {
                job.withRetry("download '" + transfer.key() + "'", RequestSlots.Kind.PART, () -> {
                    get.fetch(ch, false, 0, size, etag, 1, whole, null);
                    return null;
                });
            } finally {
                job.slots.release();
            }
            ch.force(false);
        } catch (IOException e) {
            throw DownloadFiles.localWrite(partFile, e);
        }
        job.done.addAndGet(size);
        job.inFlight.addAndGet(-size);
        job.sent.addAndGet(size);
        return whole;
    }

    private static long length(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    /** As {@link PartRunner}: a slot per part, taken on the coordinator; waits for every part it started. */
    private void runParts(FileChannel ch, Map<Integer, PartRecord> have, OrderedDigests ordered) {
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
                        fetchPart(ch, p, number, expected, ordered);
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
    private void fetchPart(FileChannel ch, PartPlan p, int n, String expected, OrderedDigests ordered) {
        long offset = p.offset(n);
        long length = p.length(n);
        job.checkStop();
        job.withRetry("download part " + n, RequestSlots.Kind.PART, () -> {
            get.fetch(ch, p.multipart(), offset, length, expected, n, null, ordered);
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
