package io.obitox.storage;

import java.util.List;

/**
 * What a delete will remove, worked out before anything is removed: every key (named, or found under a prefix),
 * their total size, and what the bucket's versioning makes of a delete. Shown and confirmed first; then handed as is
 * to {@link DeleteService#delete}, which removes exactly these keys and nothing else.
 *
 * @param prefixes the prefixes that were expanded (each ends with {@code /}, or is empty for the whole bucket)
 * @param objects every key to delete, with its size
 * @param missing named keys that do not exist (nothing to delete for them)
 */
public record DeletePlan(
        String bucket, List<String> prefixes, List<ObjectEntry> objects, List<String> missing, Versioning versioning) {
    public DeletePlan {
        prefixes = List.copyOf(prefixes);
        objects = List.copyOf(objects);
        missing = List.copyOf(missing);
    }

    /** The bucket's versioning, as GetBucketVersioning reported it. */
    public enum Versioning {
        /** Never enabled: a delete removes the object for good. */
        OFF,
        /** A delete adds a delete marker; the earlier versions stay (and are still billed). */
        ENABLED,
        /** A delete adds a delete marker for the null version; earlier versions stay. */
        SUSPENDED,
        /** The server does not say (no versioning API, or no permission to read it). */
        UNKNOWN
    }

    public int count() {
        return objects.size();
    }

    public long totalBytes() {
        return objects.stream().mapToLong(o -> Math.max(0, o.size())).sum();
    }

    /** The number of DeleteObjects requests this plan takes. */
    public int requests() {
        return (objects.size() + DeleteService.BATCH - 1) / DeleteService.BATCH;
    }

    /** One sentence on what versioning means for this delete, or empty when the objects are simply removed. */
    public String versioningNote() {
        switch (versioning) {
            case ENABLED:
                return "Versioning is on in '" + bucket + "': each delete adds a delete marker; earlier versions stay"
                        + " (and still count as stored).";
            case SUSPENDED:
                return "Versioning is suspended in '" + bucket + "': each delete adds a delete marker; earlier"
                        + " versions stay.";
            case UNKNOWN:
                return "The server did not say whether '" + bucket + "' keeps versions.";
            default:
                return "";
        }
    }
}
