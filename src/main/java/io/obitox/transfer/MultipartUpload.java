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
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * A multipart upload from where it stands: reconciles a stored upload id with the server ({@link
 * ResumeReconciler}), starts a new upload when there is none (or it vanished, unless the object turns out to be
 * complete already), sends what is missing ({@link PartRunner}), completes and verifies ({@link UploadVerification}:
 * the full-object checksum where the provider has one, then a HEAD for the size, the ETag where it is an
 * md5-of-md5s, else the {@code x-amz-meta-sha256}).
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
        FullObjectChecksum full = null;
        String sha256 = transfer.outcome().sha256();
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
                // an upload created with the full-object checksum goes on with it (its parts must carry it); one
                // created without (by an older ObitoX, or where the provider has none) goes on without
                FullObjectChecksum f = job.newFullObjectChecksum();
                full = f != null && !Boolean.FALSE.equals(f.usedBy(resume.firstPage(), server.values())) ? f : null;
                resume.reconcile(plan, server, have);
            }
        }
        if (uploadId == null) {
            full = job.newFullObjectChecksum();
            if (sha256 == null && !provenWithoutSha256(full)) {
                // neither a full-object checksum nor an MD5 ETag will prove this object: read the file once for its
                // SHA-256, so the object carries x-amz-meta-sha256 and the final check can compare it
                sha256 = job.sha256OfSource();
            }
            // x-amz-meta-sha256 when known (from the planner, or read above); the mtime always
            CreateMultipartUploadResponse created = create(sha256, full);
            if (sha256 == null && full == null && opaque(created)) {
                // the bucket encrypts by its own default (SSE-KMS, DSSE): the ETag will not prove the object. No part
                // was sent: start again with the SHA-256 on it, and drop the first upload
                sha256 = job.sha256OfSource();
                abortQuietly(created.uploadId());
                created = create(sha256, null);
            }
            String id = created.uploadId();
            job.ledger.uploadStarted(id);
            uploadId = id;
        }
        job.checksum = full; // before any part: each carries its CRC
        new PartRunner(job).uploadMissing(plan, uploadId, have);
        job.requireUnchanged();
        long whole = 0;
        if (full != null) {
            // parts kept from an earlier run: their CRCs from the file itself, so the server's check at Complete
            // compares what it stored with this file, end to end
            for (int n = 1; n <= plan.partCount(); n++) {
                if (full.part(n) == null) {
                    job.checkStop();
                    full.part(n, full.of(transfer.source(), plan.offset(n), plan.length(n)));
                }
            }
            whole = full.whole(plan);
        }
        List<CompletedPart> parts = new ArrayList<>();
        MessageDigest all = SourceFile.md5();
        for (int n = 1; n <= plan.partCount(); n++) {
            PartRecord p = have.get(n);
            CompletedPart.Builder cp = CompletedPart.builder().partNumber(n).eTag(p.etag());
            parts.add((full == null ? cp : full.completed(cp, n)).build());
            all.update(Base64.getDecoder().decode(p.md5Base64()));
        }
        String expected = SourceFile.hex(all.digest()) + "-" + plan.partCount();
        String id = uploadId;
        boolean noClobber = transfer.target().ifNoneMatch();
        FullObjectChecksum f = full;
        long wholeCrc = whole;
        CompleteMultipartUploadResponse completed = job.withRetry("complete the upload", () -> {
            try {
                return job.s3.completeMultipartUpload(b -> {
                    job.headers()
                            .complete(b)
                            .bucket(transfer.bucket())
                            .key(transfer.key())
                            .uploadId(id)
                            .ifNoneMatch(noClobber ? "*" : null)
                            .multipartUpload(m -> m.parts(parts));
                    if (f != null) {
                        f.complete(b, wholeCrc);
                    }
                });
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
        // 1. the full-object checksum the server verified at Complete and returned
        Long returned = full == null ? null : full.returned(completed);
        if (returned != null) {
            check.fullObjectChecksum(full, returned, whole);
        }
        // the HEAD: the size, the final ETag (RGW's Complete answer may differ from it), then 2. the ETag and 3. the
        // SHA-256 metadata where nothing before proved the content
        String known = sha256;
        String[] read = {null};
        HeadObjectResponse head = job.verifyHead(transfer.size(), expected, check, () -> {
            if (known != null) {
                return known;
            }
            if (read[0] == null) {
                read[0] = job.sha256OfSource(); // resumed with the metadata set by an earlier run: one read
            }
            return read[0];
        });
        if (!check.proven() && marker().equals(JobContext.metadata(head, MARKER))) {
            check.passed("upload marker"); // no SHA-256 on the object: at least it is this upload's
        }
        restoreDroppedTags(head);
        job.noteUnconfirmedEncryption(check);
        String outcomeSha = known != null ? known : read[0];
        return new UploadJob.Outcome(JobContext.unquote(head.eTag()), 0, null, check.describe(), outcomeSha);
    }

    /**
     * Puts the settings' tags when the completed object has none: Ceph RGW 16 takes {@code x-amz-tagging} on
     * CreateMultipartUpload without an error but completes the object untagged (measured on 16.2.15, any storage
     * class; its single PUT keeps them), and its HEAD says so ({@code x-amz-tagging-count: 0}). Only on that word: a
     * HEAD without a tag count is trusted, so servers that keep the tags (or have no tagging API) get no extra request.
     */
    private void restoreDroppedTags(HeadObjectResponse head) {
        Map<String, String> tags = transfer.target().settings().tags();
        if (tags.isEmpty() || head.tagCount() == null || head.tagCount() > 0) {
            return;
        }
        List<Tag> set = tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList();
        log.info(
                "The server completed {} without the {} tag(s) sent at Create; putting them.",
                transfer.id(),
                set.size());
        job.withRetry(
                "tag the object",
                () -> job.s3.putObjectTagging(
                        b -> b.bucket(transfer.bucket()).key(transfer.key()).tagging(t -> t.tagSet(set))));
    }

    private CreateMultipartUploadResponse create(String sha256, FullObjectChecksum full) {
        Map<String, String> meta = job.contentMetadata(sha256);
        meta.put(MARKER, marker());
        return job.withRetry(
                "start the multipart upload",
                () -> job.s3.createMultipartUpload(b -> {
                    job.headers()
                            .create(b)
                            .bucket(transfer.bucket())
                            .key(transfer.key())
                            .contentType(job.contentType())
                            .metadata(meta);
                    if (full != null) {
                        full.create(b);
                    }
                }));
    }

    /** Whether Create's answer says the object is encrypted so that its ETag is no MD5 (SSE-KMS, DSSE, SSE-C). */
    private boolean opaque(CreateMultipartUploadResponse created) {
        UploadVerification v = new UploadVerification(job.provider);
        v.encryption(created.serverSideEncryptionAsString(), created.sseCustomerAlgorithm());
        return v.encrypted();
    }

    /**
     * Whether this upload's content will be proven without {@code x-amz-meta-sha256}: by the full-object checksum, or
     * by the md5-of-md5s ETag where the provider makes one and the settings do not encrypt with SSE-KMS or SSE-C (a
     * bucket's own default KMS encryption is learnt from Create's answer, which then restarts the upload).
     */
    private boolean provenWithoutSha256(FullObjectChecksum full) {
        if (full != null) {
            return true;
        }
        io.obitox.objects.Encryption.Mode mode =
                transfer.target().settings().encryption().mode();
        boolean opaque =
                mode == io.obitox.objects.Encryption.Mode.KMS || mode == io.obitox.objects.Encryption.Mode.SSE_C;
        return job.provider.etagIsMd5(true) && !opaque;
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
