package io.obitox.webhook;

import java.time.Duration;

/**
 * The result of one HTTP attempt.
 *
 * @param responseCode null when no response arrived (refused, timed out, unknown host …)
 * @param error what went wrong in plain words; null on success
 * @param retryAfter the receiver's Retry-After (429/503), or null
 * @param stopped cut short by shutdown (see {@link #stopped})
 */
record Attempt(Integer responseCode, long latencyMillis, String error, Duration retryAfter, boolean stopped) {

    Attempt(Integer responseCode, long latencyMillis, String error, Duration retryAfter) {
        this(responseCode, latencyMillis, error, retryAfter, false);
    }

    /** Cut short because ObitoX is shutting down: not counted, the row goes back to PENDING. */
    static Attempt stopped(long latencyMillis) {
        return new Attempt(null, latencyMillis, "Stopped: ObitoX is shutting down.", null, true);
    }

    boolean succeeded() {
        return error == null && responseCode != null && responseCode >= 200 && responseCode < 300;
    }

    boolean gone() {
        return responseCode != null && responseCode == 410;
    }
}
