package io.obitox.storage;

import java.util.List;

/**
 * One page of a bucket listing under a prefix: folders first, then objects.
 *
 * @param nextToken pass back to get the next page; null when this was the last
 */
public record ObjectListing(String bucket, String prefix, List<ObjectEntry> entries, String nextToken) {
    public ObjectListing {
        entries = List.copyOf(entries);
    }

    public boolean hasMore() {
        return nextToken != null;
    }
}
