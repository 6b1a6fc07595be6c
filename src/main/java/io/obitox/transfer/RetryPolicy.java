package io.obitox.transfer;

import io.obitox.common.Errors;
import io.obitox.common.ObitoxException;
import io.obitox.storage.S3Errors;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which failures to retry and how long to wait: exponential backoff with full jitter for 5xx, SlowDown, timeouts and
 * connection resets; permanent errors (credentials, permissions, missing bucket, unreadable source) fail at once.
 */
final class RetryPolicy {
    private final int maxAttempts;
    private final Duration base;
    private final Duration cap;

    RetryPolicy(TransferSettings s) {
        this.maxAttempts = s.maxAttempts();
        this.base = s.backoffBase();
        this.cap = s.backoffCap();
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /** True when another attempt may succeed. */
    boolean retryable(Throwable failure) {
        if (stopped(failure) || sourceProblem(failure)) {
            return false;
        }
        Throwable t = Errors.unwrap(failure);
        if (t instanceof ObitoxException oe) {
            return oe.code().equals("RETRYABLE");
        }
        if ("BadDigest".equals(S3Errors.awsCode(t))) {
            return true; // the bytes changed between hashing and sending; the next attempt hashes again
        }
        return !S3Errors.isPermanent(t);
    }

    /** True when the server refused the request as overloaded: {@code SlowDown} and its kin, or HTTP 503. */
    static boolean overloaded(Throwable failure) {
        return S3Errors.status(failure) == 503
                || S3Errors.SLOW_DOWN.equals(S3Errors.describe(failure).code());
    }

    /** Sleep before attempt {@code attempt} (2, 3, …): full jitter over base × 2^(attempt-2), capped. */
    Duration delayBefore(int attempt) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(20, Math.max(0, attempt - 2)));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, Math.max(ceiling / 2 + 1, ceiling)));
    }

    static boolean stopped(Throwable t) {
        return hasCause(t, RegionContent.StoppedException.class) || hasCause(t, InterruptedException.class);
    }

    static boolean sourceProblem(Throwable t) {
        return hasCause(t, RegionContent.SourceReadException.class);
    }

    static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
