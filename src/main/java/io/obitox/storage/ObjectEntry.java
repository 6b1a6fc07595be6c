package io.obitox.storage;

import java.time.Instant;

/**
 * One row of a bucket listing: an object (size, date, ETag) or a common prefix ("folder"), whose size is -1.
 *
 * @param storageClass as ListObjectsV2 names it; null for folders and where the server leaves it out
 */
public record ObjectEntry(
        String key, long size, Instant lastModified, String etag, boolean folder, String storageClass) {
    public ObjectEntry(String key, long size, Instant lastModified, String etag, boolean folder) {
        this(key, size, lastModified, etag, folder, null);
    }

    public static ObjectEntry folder(String prefix) {
        return new ObjectEntry(prefix, -1, null, null, true);
    }

    /** The last path segment, for display inside the current prefix. */
    public String name(String prefix) {
        String rest = prefix != null && key.startsWith(prefix) ? key.substring(prefix.length()) : key;
        return rest.isEmpty() ? key : rest;
    }
}
