package io.obitox.cors;

import io.obitox.common.TextRef;
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

    /** E.g. {@code setup: none → 1 rule} or {@code restore of #3: 2 rules → none}; English, as the CLI lists it. */
    public String summary() {
        return summaryText().english();
    }

    /**
     * {@link #summary()} for a view to render in the user's language. Built from the recorded action and
     * configurations, so rows recorded before there were translations render the same way.
     */
    public TextRef summaryText() {
        if (action == Action.SETUP) {
            return TextRef.of("svc.cors.history.setup", previous.summaryText(), next.summaryText());
        }
        return restoredFrom == null
                ? TextRef.of("svc.cors.history.restore", previous.summaryText(), next.summaryText())
                : TextRef.of("svc.cors.history.restoreOf", restoredFrom, previous.summaryText(), next.summaryText());
    }
}
