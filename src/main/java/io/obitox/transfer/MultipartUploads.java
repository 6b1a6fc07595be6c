package io.obitox.transfer;

import io.obitox.storage.S3Errors;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * Orphaned multipart uploads of a bucket, including ones ObitoX did not start: list them with key, age and size so
 * far; abort selected ones or all older than N days. Blocking; call off the FX thread.
 */
public final class MultipartUploads {
    /** Sizes are measured (one ListParts each) for at most this many uploads per listing. */
    public static final int MEASURE_LIMIT = 200;

    private final StorageClients clients;
    private final TransferRepository repo;
    private final Clock clock;

    public MultipartUploads(StorageClients clients, TransferRepository repo, Clock clock) {
        this.clients = clients;
        this.repo = repo;
        this.clock = clock;
    }

    /** Every incomplete upload of the bucket (all pages), oldest first. */
    public List<IncompleteUpload> list(S3Target target, String bucket) {
        S3Client s3 = clients.interactive(target);
        Map<String, String> ours = new HashMap<>();
        for (Transfer t : repo.unfinished()) {
            if (t.uploadId() != null) {
                ours.put(t.uploadId(), t.id());
            }
        }
        List<IncompleteUpload> out = new ArrayList<>();
        try {
            for (MultipartUpload u :
                    // URL-encoded: a key holding a character XML cannot carry (ESC) must not make the list unreadable
                    s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).encodingType(EncodingType.URL))
                            .uploads()) {
                long bytes = -1;
                int parts = -1;
                if (out.size() < MEASURE_LIMIT) {
                    try {
                        bytes = 0;
                        parts = 0;
                        for (Part p : s3.listPartsPaginator(
                                        b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId()))
                                .parts()) {
                            bytes += p.size() == null ? 0 : p.size();
                            parts++;
                        }
                    } catch (RuntimeException e) {
                        bytes = -1;
                        parts = -1;
                    }
                }
                out.add(new IncompleteUpload(
                        bucket, u.key(), u.uploadId(), u.initiated(), bytes, parts, ours.get(u.uploadId())));
            }
        } catch (RuntimeException e) {
            throw S3Errors.toException(e);
        }
        out.sort((a, b) -> a.initiated() == null || b.initiated() == null
                ? 0
                : a.initiated().compareTo(b.initiated()));
        return out;
    }

    /**
     * Aborts one upload; false when the server has no such upload (completed or aborted already), which callers that
     * only want it gone may ignore.
     */
    public boolean abort(S3Target target, String bucket, String key, String uploadId) {
        try {
            clients.interactive(target)
                    .abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            return true;
        } catch (RuntimeException e) {
            String code = S3Errors.awsCode(e);
            if (!"NoSuchUpload".equals(code) && !"NoSuchKey".equals(code)) {
                throw S3Errors.toException(e);
            }
            return false;
        }
    }

    /** Aborts every incomplete upload initiated more than {@code age} ago; returns the ones aborted. */
    public List<IncompleteUpload> abortOlderThan(S3Target target, String bucket, Duration age) {
        Instant now = clock.instant();
        List<IncompleteUpload> aborted = new ArrayList<>();
        for (IncompleteUpload u : list(target, bucket)) {
            if (u.age(now).compareTo(age) >= 0) {
                abort(target, bucket, u.key(), u.uploadId());
                aborted.add(u);
            }
        }
        return aborted;
    }
}
