package io.obitox.transfer;

import io.obitox.common.ObitoxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * A multipart upload from where it stands: reconciles a stored upload id with the server ({@link
 * ResumeReconciler}), starts a new upload when there is none (or it vanished, unless the object turns out to be
 * complete already), sends what is missing ({@link PartRunner}), completes and verifies with a HEAD.
 *
 * <p>Threading: runs on the job's coordinator thread; only the parts run elsewhere.
 */
final class MultipartUpload {
    private static final Logger log = LoggerFactory.getLogger(MultipartUpload.class);
    /**
     * User metadata set on every multipart upload: a hash of the key and the source's identity. After a kill during
     * Complete it tells, on providers whose ETags are opaque, that the object at the key is this upload's.
     */
    static final String MARKER = "obitox-upload";

    private final JobContext job;
    private final Transfer transfer;

    MultipartUpload(JobContext job) {
        this.job = job;
        this.transfer = job.transfer;
    }

    UploadJob.Outcome run() {
        PartPlan plan = transfer.partPlan();
        String uploadId = transfer.uploadId();
        Map<Integer, PartRecord> have = new HashMap<>();
        ResumeReconciler resume = new ResumeReconciler(job);
        if (uploadId != null) {
            Map<Integer, Part> server = resume.listParts(uploadId);
            if (server == null) {
                UploadJob.Outcome finished = alreadyCompleted(plan);
                if (finished != null) {
                    return finished;
                }
                job.notice = "The earlier multipart upload no longer exists on the server (expired or aborted); "
                        + "started a new one.";
                job.ledger.restarted(job.identity(), plan, job.notice);
                job.done.set(0);
                uploadId = null;
            } else {
                resume.reconcile(plan, server, have);
            }
        }
        if (uploadId == null) {
            // x-amz-meta-sha256 only when the planner read the file (a multipart SHA-256 would cost a read of the
            // whole file before Create); the mtime always
            Map<String, String> meta = job.contentMetadata(transfer.outcome().sha256());
            meta.put(MARKER, marker());
            String id = job.withRetry(
                    "start the multipart upload",
                    () -> job.s3
                            .createMultipartUpload(b -> job.headers()
                                    .create(b)
                                    .bucket(transfer.bucket())
                                    .key(transfer.key())
                                    .contentType(job.contentType())
                                    .metadata(meta))
                            .uploadId());
            job.ledger.uploadStarted(id);
            uploadId = id;
        }
        new PartRunner(job).uploadMissing(plan, uploadId, have);
        job.requireUnchanged();
        List<CompletedPart> parts = new ArrayList<>();
        MessageDigest all = SourceFile.md5();
        for (int n = 1; n <= plan.partCount(); n++) {
            PartRecord p = have.get(n);
            parts.add(CompletedPart.builder().partNumber(n).eTag(p.etag()).build());
            all.update(Base64.getDecoder().decode(p.md5Base64()));
        }
        String expected = SourceFile.hex(all.digest()) + "-" + plan.partCount();
        String id = uploadId;
        boolean noClobber = transfer.target().ifNoneMatch();
        CompleteMultipartUploadResponse completed = job.withRetry("complete the upload", () -> {
            try {
                return job.s3.completeMultipartUpload(b -> job.headers()
                        .complete(b)
                        .bucket(transfer.bucket())
                        .key(transfer.key())
                        .uploadId(id)
                        .ifNoneMatch(noClobber ? "*" : null)
                        .multipartUpload(m -> m.parts(parts)));
            } catch (RuntimeException e) {
                if (noClobber && JobContext.preconditionFailed(e)) {
                    abortQuietly(id); // the parts would only cost storage: the key is someone else's
                    throw job.objectExists();
                }
                throw e;
            }
        });
        UploadVerification check = new UploadVerification(job.provider);
        check.encryption(completed.serverSideEncryptionAsString(), job.headers().key() == null ? null : "AES256");
        HeadObjectResponse head = job.verifyHead(transfer.size(), expected, check);
        return new UploadJob.Outcome(JobContext.unquote(head.eTag()), 0, null, check.describe());
    }

    /**
     * After a kill during Complete: the object may already be there, whole. It is taken as this upload's when its
     * size is the file's and either its ETag is the md5-of-md5s of the recorded parts (where the provider makes it
     * so) or it carries this upload's {@link #MARKER} (every provider).
     */
    private UploadJob.Outcome alreadyCompleted(PartPlan plan) {
        List<PartRecord> parts = job.ledger.parts();
        if (parts.size() != plan.partCount()) {
            return null;
        }
        MessageDigest all = SourceFile.md5();
        parts.forEach(p -> all.update(Base64.getDecoder().decode(p.md5Base64())));
        String expected = SourceFile.hex(all.digest()) + "-" + plan.partCount();
        try {
            HeadObjectResponse head = job.s3.headObject(
                    b -> job.headers().head(b.bucket(transfer.bucket()).key(transfer.key())));
            if (head.contentLength() == null || head.contentLength() != transfer.size()) {
                return null;
            }
            UploadVerification check = new UploadVerification(job.provider);
            check.encryption(head.serverSideEncryptionAsString(), head.sseCustomerAlgorithm());
            check.passed("size");
            boolean ours = marker().equals(head.metadata().get(MARKER));
            if (!check.etag(JobContext.unquote(head.eTag()), expected)) {
                if (!ours) {
                    return null;
                }
                check.passed("upload marker");
            }
            job.requireUnchanged();
            job.notice = "The upload had already completed before ObitoX stopped; verified it.";
            return new UploadJob.Outcome(JobContext.unquote(head.eTag()), 0, job.notice, check.describe());
        } catch (ObitoxException e) {
            if ("VERIFY_FAILED".equals(e.code())) {
                return null; // another object at the key: upload again
            }
            throw e;
        } catch (UploadJob.SourceChanged e) {
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
        sha.update(id.getBytes(StandardCharsets.UTF_8));
        return SourceFile.hex(sha.digest()).substring(0, 32);
    }

    private void abortQuietly(String id) {
        try {
            job.s3.abortMultipartUpload(
                    b -> b.bucket(transfer.bucket()).key(transfer.key()).uploadId(id));
        } catch (RuntimeException e) {
            // left for the orphan sweep ('obitox multipart'); the transfer fails with OBJECT_EXISTS either way
        }
    }
}
