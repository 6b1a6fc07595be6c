package io.obitox.cors;

import java.time.Instant;

/**
 * One recorded change of a bucket's CORS configuration.
 *
 * @param profile the profile (or endpoint host) the change was made with, for display
 * @param endpoint the storage endpoint, as {@code S3Target.where()} names it
 * @param restoredFrom for {@link Action#RESTORE}: the change whose configuration was put back; otherwise null
 */
public record CorsChange(
        long id,
        String profile,
        String endpoint,
        String bucket,
        Instant changedAt,
        Action action,
        CorsConfig previous,
        CorsConfig next,
        Long restoredFrom) {

    /** Why the configuration changed. */
    public enum Action {
        SETUP,
        RESTORE
    }

    /** E.g. {@code setup: none → 1 rule} or {@code restore of #3: 2 rules → none}. */
    public String summary() {
        String what =
                action == Action.SETUP ? "setup" : "restore" + (restoredFrom == null ? "" : " of #" + restoredFrom);
        return what + ": " + previous.summary() + " → " + next.summary();
    }
}
