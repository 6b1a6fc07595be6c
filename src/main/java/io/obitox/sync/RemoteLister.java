package io.obitox.sync;

import io.obitox.storage.BucketService;
import io.obitox.storage.ObjectEntry;
import io.obitox.storage.ObjectListing;
import io.obitox.storage.S3Errors;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * Lists a target prefix once, all pages, into a {@link RemoteListing}: one {@code ListObjectsV2} per 1,000 objects
 * instead of a HEAD per file. Goes through {@link BucketService}, so keys are listed URL-encoded (keys with control
 * characters stay readable) and failures come out as the usual {@code ObitoxException}s. Stops between pages when the
 * calling thread is interrupted. Also the one HEAD the identical check may need. Thread-safe (holds only services).
 */
public final class RemoteLister {
    /** The user-metadata name ObitoX uploads carry the content's SHA-256 (hex) under: {@code x-amz-meta-sha256}. */
    public static final String SHA256_METADATA = "sha256";
    /**
     * The user-metadata name for the file's mtime, as rclone keeps it: {@code x-amz-meta-mtime}, seconds since the
     * epoch with a fraction ({@code 1733385600.123}). The engine writes both (it cannot see this class: see {@code
     * transfer.JobContext}).
     */
    public static final String MTIME_METADATA = "mtime";

    private final BucketService buckets;
    private final StorageClients clients;

    public RemoteLister(BucketService buckets, StorageClients clients) {
        this.buckets = buckets;
        this.clients = clients;
    }

    /** The object's {@code x-amz-meta-sha256}, by one HEAD; empty when it has none or is gone (404). */
    public Optional<String> sha256Metadata(S3Target target, String bucket, String key) {
        try {
            var head =
                    clients.interactive(target).headObject(b -> b.bucket(bucket).key(key));
            return Optional.ofNullable(head.metadata().get(SHA256_METADATA)).map(String::strip);
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            return Optional.empty();
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw S3Errors.toException(e);
        } catch (RuntimeException e) {
            throw S3Errors.toException(e);
        }
    }

    /**
     * Fails with {@code BUCKET_MISSING} when the server says {@code bucket} does not exist, from one listing request
     * of one key. Nothing else fails it: an endpoint out of reach, or keys refused now, may be fine when the uploads
     * run (a watch set up offline, or run with other credentials in its environment).
     */
    public void requireBucket(S3Target target, String bucket) {
        try {
            buckets.listObjects(target, bucket, "", true, null, 1);
        } catch (RuntimeException e) {
            if (S3Errors.BUCKET_MISSING.equals(S3Errors.describe(e).code())) {
                throw new io.obitox.common.ObitoxException(
                        S3Errors.BUCKET_MISSING,
                        "The bucket '" + bucket + "' does not exist on "
                                + java.util.Objects.requireNonNullElse(target.label(), target.where()) + ".",
                        "Check the name ('obitox ls' lists the buckets), or create it with 'obitox mb " + bucket + "'.",
                        e);
            }
        }
    }

    /** Whether no object is below {@code prefix}: one listing request (the first page) at most. */
    public boolean isEmpty(S3Target target, String bucket, String prefix) {
        ObjectListing page = buckets.listObjects(target, bucket, prefix == null ? "" : prefix, true, null);
        return page.nextToken() == null && page.entries().stream().allMatch(ObjectEntry::folder);
    }

    /** Every object below {@code prefix} (all levels); an empty or null prefix lists the whole bucket. */
    public RemoteListing list(S3Target target, String bucket, String prefix) {
        String p = prefix == null ? "" : prefix;
        Map<String, RemoteListing.RemoteObject> objects = new HashMap<>();
        int pages = 0;
        String token = null;
        do {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("listing cancelled");
            }
            ObjectListing page = buckets.listObjects(target, bucket, p, true, token);
            pages++;
            for (ObjectEntry e : page.entries()) {
                if (!e.folder()) {
                    objects.put(e.key(), new RemoteListing.RemoteObject(e.size(), e.etag(), e.lastModified()));
                }
            }
            token = page.nextToken();
        } while (token != null);
        return new RemoteListing(bucket, p, objects, pages);
    }
}
