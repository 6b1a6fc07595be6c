package io.obitox.transfer;

import io.obitox.common.ObitoxException;
import io.obitox.storage.S3Errors;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * Where a resumed multipart upload stands: the parts of the stored upload id as {@code ListParts} reports them
 * (never another upload's), matched against the parts recorded in the ledger.
 *
 * <p>Threading: runs on the job's coordinator thread only, before any part is sent.
 */
final class ResumeReconciler {
    private final JobContext job;
    /** The first page of the last listing (says which checksum the upload was created with), or null. */
    private ListPartsResponse firstPage;

    ResumeReconciler(JobContext job) {
        this.job = job;
    }

    /** All parts of the upload, all pages; null when the upload no longer exists. */
    Map<Integer, Part> listParts(String uploadId) {
        Transfer transfer = job.transfer;
        try {
            return job.withRetry("list the uploaded parts", () -> {
                Map<Integer, Part> out = new HashMap<>();
                ListPartsResponse[] first = {null};
                job.s3
                        .listPartsPaginator(b -> job.headers()
                                .listParts(b)
                                .bucket(transfer.bucket())
                                .key(transfer.key())
                                .uploadId(uploadId))
                        .forEach(page -> {
                            if (first[0] == null) {
                                first[0] = page;
                            }
                            page.parts().forEach(p -> out.put(p.partNumber(), p));
                        });
                firstPage = first[0];
                return out;
            });
        } catch (ObitoxException e) {
            String code = S3Errors.awsCode(e);
            if ("NoSuchUpload".equals(code) || "NoSuchKey".equals(code) || S3Errors.status(e) == 404) {
                return null;
            }
            throw e;
        }
    }

    /** The first page of the last {@link #listParts} (its checksum algorithm and type), or null. */
    ListPartsResponse firstPage() {
        return firstPage;
    }

    /**
     * Keeps the stored parts the server confirms (same ETag and size in ListParts). A part on the server that was never
     * recorded here (in flight when the process died, or sent from another machine under an imported resume token)
     * is adopted only where the provider makes part ETags from MD5s and its ETag is the MD5 of that region of the
     * file; any other is sent again. An ETag that differs is never taken for corruption, only as "not known to be ours".
     */
    void reconcile(PartPlan plan, Map<Integer, Part> server, Map<Integer, PartRecord> have) {
        for (PartRecord stored : job.ledger.parts()) {
            Part p = server.get(stored.number());
            if (p != null && stored.etag().equals(JobContext.unquote(p.eTag())) && p.size() == stored.size()) {
                have.put(stored.number(), stored);
            } else {
                job.ledger.partDropped(stored.number());
            }
        }
        for (Part p : server.values()) {
            int n = p.partNumber();
            if (!job.provider.etagIsMd5(false)
                    || have.containsKey(n)
                    || n > plan.partCount()
                    || p.size() != plan.length(n)) {
                continue;
            }
            byte[] md5 = SourceFile.md5(job.transfer.source(), plan.offset(n), plan.length(n));
            String etag = JobContext.unquote(p.eTag());
            if (SourceFile.hex(md5).equals(etag)) {
                PartRecord adopted = new PartRecord(n, p.size(), etag, SourceFile.base64(md5));
                job.ledger.partDone(adopted);
                have.put(n, adopted);
            }
        }
        job.done.set(have.values().stream().mapToLong(PartRecord::size).sum());
    }
}
