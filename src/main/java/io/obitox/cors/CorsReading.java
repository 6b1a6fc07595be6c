package io.obitox.cors;

import io.obitox.common.ObitoxException;
import io.obitox.common.TextRef;
import io.obitox.common.UserMessage;

/**
 * What reading a bucket's CORS configuration found. The states that are not failures of the connection are told
 * apart, because each needs a different fix: no configuration yet, a server with global CORS only, a missing
 * permission, a missing bucket.
 *
 * @param config the rules when {@link State#CONFIGURED}, otherwise {@link CorsConfig#NONE}
 * @param problem the explanation for the states other than CONFIGURED and NONE, otherwise null
 */
public record CorsReading(State state, CorsConfig config, UserMessage problem) {
    /** The outcome of GetBucketCors. */
    public enum State {
        CONFIGURED,
        NONE,
        UNSUPPORTED,
        ACCESS_DENIED,
        BUCKET_MISSING
    }

    public static final String CODE_UNSUPPORTED = "CORS_UNSUPPORTED";

    public static CorsReading configured(CorsConfig config) {
        return config.isEmpty() ? none() : new CorsReading(State.CONFIGURED, config, null);
    }

    public static CorsReading none() {
        return new CorsReading(State.NONE, CorsConfig.NONE, null);
    }

    /** True when the configuration could be read (even if there is none). */
    public boolean readable() {
        return state == State.CONFIGURED || state == State.NONE;
    }

    /** The one-line description of the state in English, for show. */
    public String headline() {
        return problem == null ? headlineText().english() : problem.message();
    }

    /**
     * The description of a readable state as a bundle reference, for the wizard to show in the user's language (the
     * other states say theirs in {@link #problem}).
     */
    public TextRef headlineText() {
        return state == State.CONFIGURED
                ? TextRef.of("svc.cors.configured", config.rules().size())
                : TextRef.of("svc.cors.none");
    }

    /** The problem as an exception, for operations that cannot go on without the configuration. */
    public ObitoxException toException() {
        if (problem == null) {
            throw new IllegalStateException("CORS reading " + state + " is not a problem");
        }
        return new ObitoxException(problem, null);
    }
}
