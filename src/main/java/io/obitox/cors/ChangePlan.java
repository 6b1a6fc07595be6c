package io.obitox.cors;

import java.util.List;

/**
 * A reviewed, not yet applied change of a bucket's CORS configuration: what is there now, what would be there, the
 * diff and notes. {@link CorsService#apply} refuses it when the bucket's configuration changed in the meantime.
 *
 * @param restoredFrom for a restore: the history entry whose configuration comes back; otherwise null
 * @param origins the origins of the upload rule in {@code proposed} (empty when it has none)
 */
public record ChangePlan(
        String bucket,
        CorsChange.Action action,
        Long restoredFrom,
        List<String> origins,
        CorsConfig previous,
        CorsConfig proposed,
        CorsDiff diff,
        List<String> notes) {

    public ChangePlan {
        origins = List.copyOf(origins);
        notes = List.copyOf(notes);
    }

    /** False when applying would not change anything. */
    public boolean changed() {
        return !previous.equals(proposed);
    }
}
