package io.obitox.sync;

import io.obitox.storage.BucketService;
import io.obitox.storage.ObjectEntry;
import io.obitox.storage.ObjectListing;
import io.obitox.storage.S3Target;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Lists a target prefix once, all pages, into a {@link RemoteListing}: one {@code ListObjectsV2} per 1,000 objects
 * instead of a HEAD per file. Goes through {@link BucketService}, so keys are listed URL-encoded (keys with control
 * characters stay readable) and failures come out as the usual {@code ObitoxException}s. Stops between pages when the
 * calling thread is interrupted. Thread-safe (holds only the service).
 */
public final class RemoteLister {
    private final BucketService buckets;

    public RemoteLister(BucketService buckets) {
        this.buckets = buckets;
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
