package io.obitox.cors;

import io.obitox.common.ObitoxException;
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

    /** The one-line description of the state, for show and the wizard. */
    public String headline() {
        return switch (state) {
            case CONFIGURED -> "CORS is configured with " + config.summary() + ".";
            case NONE -> "The bucket has no CORS configuration (NoSuchCORSConfiguration).";
            default -> problem.message();
        };
    }

    /** The problem as an exception, for operations that cannot go on without the configuration. */
    public ObitoxException toException() {
        if (problem == null) {
            throw new IllegalStateException("CORS reading " + state + " is not a problem");
        }
        return new ObitoxException(problem.code(), problem.message(), problem.fix());
    }
}
