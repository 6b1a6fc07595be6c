package io.obitox.presign;

import io.obitox.common.ObitoxException;

/**
 * The expiry formula of the feature plan: {@code clamp(ceil(size / throughput × buffer), min, max)} with buffer
 * 1.5, min 60 s and max 604,800 s (7 days, the SigV4 limit); a fixed number of seconds overrides it. Pure.
 */
public final class SmartExpiry {
    public static final double BUFFER = 1.5;
    public static final long MIN_SECONDS = 60;
    public static final long MAX_SECONDS = 604_800;
    /** The shortest fixed expiry any provider accepts (R2 allows 1 s to 7 d; SigV4 the same range). */
    public static final long MIN_FIXED_SECONDS = 1;

    private SmartExpiry() {}

    /** The auto expiry of a file of {@code sizeBytes} at the estimated throughput. */
    public static ExpiryExplanation auto(long sizeBytes, ThroughputEstimate estimate) {
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("size < 0");
        }
        double raw = Math.ceil(sizeBytes / estimate.bytesPerSecond() * BUFFER);
        long rawSeconds = raw >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) raw;
        ExpiryExplanation.Clamp clamp = ExpiryExplanation.Clamp.NONE;
        long seconds = rawSeconds;
        if (rawSeconds < MIN_SECONDS) {
            seconds = MIN_SECONDS;
            clamp = ExpiryExplanation.Clamp.MINIMUM;
        } else if (rawSeconds > MAX_SECONDS) {
            seconds = MAX_SECONDS;
            clamp = ExpiryExplanation.Clamp.MAXIMUM;
        }
        return new ExpiryExplanation(true, sizeBytes, estimate, BUFFER, rawSeconds, clamp, seconds, seconds, null);
    }

    /** A fixed expiry, checked against what SigV4 (and R2) accept: 1 s to 7 days. */
    public static ExpiryExplanation fixed(long seconds, long sizeBytes) {
        requireValidFixed(seconds);
        return new ExpiryExplanation(
                false, sizeBytes, null, BUFFER, seconds, ExpiryExplanation.Clamp.NONE, seconds, seconds, null);
    }

    public static void requireValidFixed(long seconds) {
        if (seconds < MIN_FIXED_SECONDS || seconds > MAX_SECONDS) {
            throw new ObitoxException(
                    "INVALID_EXPIRY",
                    "An expiry of " + seconds + " s is outside what presigned URLs allow (1 s to 7 days).",
                    "Give between 1 and " + MAX_SECONDS + " seconds, or 'auto'.");
        }
    }
}
