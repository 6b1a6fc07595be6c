package io.obitox.transfer;

import io.obitox.common.UserMessage;
import io.obitox.storage.BucketService;
import io.obitox.storage.S3Errors;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import java.util.Optional;

/**
 * One request before a batch is queued, per target and bucket: a {@code ListObjectsV2} of at most one key under
 * the batch's first key. A missing bucket, keys the server does not accept, expired or missing credentials, a TLS
 * failure or an endpoint that cannot be reached are then reported once for the whole batch, instead of every file
 * failing on its own after a retry. {@code AccessDenied} does not refuse the batch: upload-only keys may put objects
 * without being allowed to list, and their uploads must still go.
 *
 * <p>Thread-safe; blocks for one request (the interactive client's short timeouts).
 */
final class BatchPreflight {
    private final BucketService buckets;

    BatchPreflight(StorageClients clients) {
        this.buckets = new BucketService(clients);
    }

    /** Empty when the batch may go; else why none of its files can be uploaded to {@code bucket}. */
    Optional<UserMessage> check(S3Target target, String bucket, String firstKey) {
        try {
            // through BucketService: on an endpoint of its own the request goes without the SDK's pipeline, so a
            // batch whose listing went that way too never builds the SDK's interactive client (0.1 s of a sync's CPU)
            buckets.listObjects(target, bucket, firstKey, true, null, 1);
            return Optional.empty();
        } catch (RuntimeException e) {
            UserMessage m = S3Errors.describe(e);
            return S3Errors.refusesEveryRequest(m.code()) ? Optional.of(m) : Optional.empty();
        }
    }
}
