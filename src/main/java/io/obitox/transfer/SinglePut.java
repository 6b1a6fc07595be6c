package io.obitox.transfer;

import java.security.MessageDigest;
import java.util.Base64;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A file below the multipart threshold in one PUT with Content-MD5, then verified: a checksum the server returned,
 * else the ETag where the provider makes it from the MD5, else a HEAD.
 *
 * <p>Threading: runs on the job's coordinator thread only.
 */
final class SinglePut {
    /** Files up to this size are read into memory once and sent from there (at most one per request slot). */
    static final int IN_MEMORY_BODY = 1 << 20;

    private final JobContext job;

    SinglePut(JobContext job) {
        this.job = job;
    }

    UploadJob.Outcome run() {
        Transfer transfer = job.transfer;
        long size = transfer.size();
        // a small file is read once: the same bytes are hashed and sent (no second read of the file)
        byte[] data = size <= IN_MEMORY_BODY ? SourceFile.readAll(transfer.source(), (int) size) : null;
        RegionContent body = data != null
                ? RegionContent.inMemory(transfer.source(), data, job.limiter, job.inFlight, job::stopRequested)
                : job.region(0, size);
        byte[][] md5 = new byte[1][];
        PutObjectResponse r;
        try {
            r = job.withSlot(() -> job.withRetry("upload", () -> {
                if (data != null) {
                    MessageDigest d = SourceFile.md5();
                    d.update(data);
                    md5[0] = d.digest();
                } else {
                    md5[0] = SourceFile.md5(transfer.source(), 0, size);
                }
                return job.s3.putObject(
                        b -> b.bucket(transfer.bucket())
                                .key(transfer.key())
                                .contentType(job.contentType())
                                .contentLength(size)
                                .contentMD5(Base64.getEncoder().encodeToString(md5[0])),
                        RequestBody.fromContentProvider(body, size, job.contentType()));
            }));
        } finally {
            body.release();
        }
        job.done.addAndGet(size);
        job.sent.addAndGet(size);
        job.requireUnchanged();
        UploadVerification check = new UploadVerification(job.provider);
        check.encryption(r.serverSideEncryptionAsString(), r.sseCustomerAlgorithm());
        ReturnedChecksum returned = ReturnedChecksum.of(r).orElse(null);
        if (returned != null) {
            if (!(data != null ? returned.matches(data) : returned.matches(transfer.source(), 0, size))) {
                throw UploadVerification.failed("the " + returned.algorithm() + " checksum the server returned ("
                        + returned.base64() + ") is not the file's");
            }
            check.passed(returned.algorithm() + " checksum");
            // the whole content: no HEAD
            return new UploadJob.Outcome(JobContext.unquote(r.eTag()), size, null, check.describe());
        }
        String etag = JobContext.unquote(r.eTag());
        String expected = SourceFile.hex(md5[0]);
        if (etag != null && !etag.isEmpty() && check.etag(etag, expected)) {
            return new UploadJob.Outcome(etag, size, null, check.describe()); // the answer proves it: no HEAD
        }
        HeadObjectResponse head = job.verifyHead(size, expected, check);
        String stored = etag == null || etag.isEmpty() ? JobContext.unquote(head.eTag()) : etag;
        return new UploadJob.Outcome(stored, size, null, check.describe());
    }
}
