package io.obitox.transfer;

import java.security.MessageDigest;
import java.util.Base64;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A file below the multipart threshold in one PUT with Content-MD5 (and, where the provider verifies one, the file's
 * full-object CRC), then verified as {@link UploadVerification} says: the checksum the server returned, else the ETag
 * where the provider makes it from the MD5, else a HEAD for the size and the {@code x-amz-meta-sha256}.
 *
 * <p>Threading: runs on the job's coordinator thread only.
 */
final class SinglePut {
    /** Files up to this size are read into memory once and sent from there (at most one per request slot). */
    static final int IN_MEMORY_BODY = 1 << 20;
    /** Up to this size a PUT is a small request: its time is mostly the server's answer, not the bytes. */
    static final long SMALL_REQUEST = 1 << 20;

    private final JobContext job;

    SinglePut(JobContext job) {
        this.job = job;
    }

    UploadJob.Outcome run() {
        Transfer transfer = job.transfer;
        long size = transfer.size();
        // A small file is read once before its slot (as always); a larger one into a pooled buffer once it holds
        // its slot: either way the same bytes are hashed and sent, with no second read of the file. A file the pool
        // cannot hold is hashed from disk and streamed from disk.
        byte[] small = size <= IN_MEMORY_BODY ? SourceFile.readAll(transfer.source(), (int) size) : null;
        byte[][] data = {small};
        byte[][] md5 = new byte[1][];
        // A PUT whose time is mostly the server's answer takes one of the extra small-file slots and is followed in
        // the small-file latency trend; a larger one fills the link like a part and takes a part slot, untimed (its
        // time says more about its size than about the server).
        RequestSlots.Kind kind = size <= SMALL_REQUEST ? RequestSlots.Kind.SMALL : RequestSlots.Kind.CONTROL;
        // the SHA-256 (x-amz-meta-sha256) comes from the planner when it read the file, else from the same pass as
        // the MD5 over the same bytes
        String known = transfer.outcome().sha256();
        String[] sha = {known};
        // the full-object CRC where the provider verifies and returns one, over the same bytes as the MD5
        FullObjectChecksum full = job.newFullObjectChecksum();
        long[] crc = new long[1];
        try {
            PutObjectResponse r = job.withSlot(kind, () -> {
                if (data[0] == null) {
                    data[0] = job.buffers.take(size);
                    if (data[0] != null) {
                        SourceFile.readInto(transfer.source(), 0, data[0], (int) size);
                    }
                }
                RegionContent body = data[0] != null ? job.inMemory(data[0], (int) size) : job.region(0, size);
                try {
                    if (md5[0] == null) { // hashed once: a retry sends the same bytes
                        MessageDigest d = SourceFile.md5();
                        MessageDigest s = known == null ? SourceFile.sha256() : null;
                        java.util.zip.Checksum c = full == null ? null : full.newChecksum();
                        if (data[0] != null) {
                            d.update(data[0], 0, (int) size);
                            if (s != null) {
                                s.update(data[0], 0, (int) size);
                            }
                            if (c != null) {
                                c.update(data[0], 0, (int) size);
                            }
                        } else {
                            SourceFile.read(transfer.source(), 0, size, b -> {
                                if (s != null) {
                                    s.update(b.duplicate());
                                }
                                if (c != null) {
                                    c.update(b.duplicate());
                                }
                                d.update(b);
                            });
                        }
                        md5[0] = d.digest();
                        if (c != null) {
                            crc[0] = c.getValue();
                        }
                        if (s != null) {
                            sha[0] = SourceFile.hex(s.digest());
                        }
                    }
                    java.util.Map<String, String> meta = job.contentMetadata(sha[0]);
                    boolean noClobber = transfer.target().ifNoneMatch();
                    return job.withRetry("upload", kind, () -> {
                        try {
                            return job.putObject(
                                    b -> {
                                        job.headers()
                                                .put(b)
                                                .bucket(transfer.bucket())
                                                .key(transfer.key())
                                                .contentType(job.contentType())
                                                .contentLength(size)
                                                .contentMD5(Base64.getEncoder().encodeToString(md5[0]))
                                                .metadata(meta)
                                                .ifNoneMatch(noClobber ? "*" : null);
                                        if (full != null) {
                                            full.put(b, crc[0]);
                                        }
                                    },
                                    RequestBody.fromContentProvider(body, size, job.contentType()));
                        } catch (RuntimeException e) {
                            if (noClobber && JobContext.preconditionFailed(e)) {
                                throw job.objectExists();
                            }
                            throw e;
                        }
                    });
                } finally {
                    body.release();
                }
            });
            UploadJob.Outcome o = verify(r, data[0], md5[0], full, crc[0], sha[0]);
            return new UploadJob.Outcome(o.etag(), o.bytesSent(), o.notice(), o.verifiedBy(), sha[0]);
        } finally {
            if (data[0] != small) {
                job.buffers.give(data[0]); // a pooled buffer (null when the file was streamed from disk)
            }
        }
    }

    private UploadJob.Outcome verify(
            PutObjectResponse r, byte[] data, byte[] md5, FullObjectChecksum full, long crc, String sha256) {
        Transfer transfer = job.transfer;
        long size = transfer.size();
        job.done.addAndGet(size);
        job.sent.addAndGet(size);
        job.requireUnchanged();
        UploadVerification check = new UploadVerification(job.provider);
        check.encryption(r.serverSideEncryptionAsString(), r.sseCustomerAlgorithm());
        String etag = JobContext.unquote(r.eTag());
        // 1. the full-object checksum the server verified and returned: the whole content, no HEAD
        Long returnedCrc = full == null ? null : full.returned(r);
        if (returnedCrc != null) {
            check.fullObjectChecksum(full, returnedCrc, crc);
            job.noteUnconfirmedEncryption(check);
            return new UploadJob.Outcome(etag, size, null, check.describe());
        }
        // (any other checksum an answer carries, e.g. one the SDK added, is compared too)
        ReturnedChecksum returned = ReturnedChecksum.of(r).orElse(null);
        if (returned != null) {
            if (!(data != null ? returned.matches(data, (int) size) : returned.matches(transfer.source(), 0, size))) {
                throw UploadVerification.failed("the " + returned.algorithm() + " checksum the server returned ("
                        + returned.base64() + ") is not the file's");
            }
            check.returnedChecksum(returned.algorithm());
            job.noteUnconfirmedEncryption(check);
            return new UploadJob.Outcome(etag, size, null, check.describe());
        }
        // 2. the ETag where it is the MD5: the answer proves it, no HEAD
        String expected = SourceFile.hex(md5);
        if (etag != null && !etag.isEmpty() && check.etag(etag, expected)) {
            job.noteUnconfirmedEncryption(check);
            return new UploadJob.Outcome(etag, size, null, check.describe());
        }
        // 3. the size and the x-amz-meta-sha256 read back
        HeadObjectResponse head = job.verifyHead(size, expected, check, () -> sha256);
        String stored = etag == null || etag.isEmpty() ? JobContext.unquote(head.eTag()) : etag;
        job.noteUnconfirmedEncryption(check);
        return new UploadJob.Outcome(stored, size, null, check.describe());
    }
}
