package io.obitox.cors;

import io.obitox.common.TextRef;
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
        List<TextRef> noteTexts) {

    public ChangePlan {
        origins = List.copyOf(origins);
        noteTexts = List.copyOf(noteTexts);
    }

    /** The notes in English (the CLI prints them); {@code noteTexts} are the same for a view's language. */
    public List<String> notes() {
        return noteTexts.stream().map(TextRef::english).toList();
    }

    /** False when applying would not change anything. */
    public boolean changed() {
        return !previous.equals(proposed);
    }
}
