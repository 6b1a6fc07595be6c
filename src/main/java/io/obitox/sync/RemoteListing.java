package io.obitox.sync;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every object under a prefix of a bucket, as one {@code ListObjectsV2} walk saw it: key to size, ETag and date. Only
 * those three are kept per key (no owner, storage class or checksum lists), so 100,000 objects stay a few tens of MB.
 * Immutable and thread-safe.
 *
 * @param pages how many {@code ListObjectsV2} requests the walk took (for tests and the batch summary)
 */
public record RemoteListing(String bucket, String prefix, Map<String, RemoteObject> objects, int pages) {

    /** One listed object; the ETag is normalized ({@link LocalEtag#normalize}). */
    public record RemoteObject(long size, String etag, Instant lastModified) {
        public RemoteObject {
            etag = LocalEtag.normalize(etag);
        }
    }

    public RemoteListing {
        Objects.requireNonNull(bucket, "bucket");
        prefix = prefix == null ? "" : prefix;
        objects = Map.copyOf(objects);
    }

    /** The listed object at {@code key}, or null when the listing did not see one. */
    public RemoteObject get(String key) {
        return objects.get(key);
    }

    public boolean contains(String key) {
        return objects.containsKey(key);
    }

    public Set<String> keys() {
        return objects.keySet();
    }

    public int size() {
        return objects.size();
    }
}
