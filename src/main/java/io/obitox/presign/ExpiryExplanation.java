package io.obitox.presign;

import io.obitox.common.Sizes;
import io.obitox.common.TextRef;
import java.time.Instant;
import java.util.Locale;

/**
 * How one link's expiry was derived, to show next to the link: the source of the throughput, the raw estimate, the
 * limit that applied and the number of seconds the link is finally signed for.
 *
 * @param estimate the throughput used; null for a fixed expiry
 * @param rawSeconds {@code ceil(size / throughput × buffer)} for auto, the asked seconds for fixed
 * @param clamp the minimum/maximum limit that changed the raw number (auto only)
 * @param limitedSeconds after that clamp (auto) or as asked (fixed)
 * @param seconds what the link is signed for: {@code limitedSeconds}, or less when temporary credentials expire first
 * @param credentialsExpireAt when the temporary credentials that sign the link expire; null when unknown or
 *     long-term
 */
public record ExpiryExplanation(
        boolean auto,
        long sizeBytes,
        ThroughputEstimate estimate,
        double buffer,
        long rawSeconds,
        Clamp clamp,
        long limitedSeconds,
        long seconds,
        Instant credentialsExpireAt) {

    /** Which limit of the formula changed the number. */
    public enum Clamp {
        NONE,
        /** Raised to the minimum (60 s): even a tiny file needs time to start. */
        MINIMUM,
        /** Cut to the maximum (7 days, the SigV4 limit). */
        MAXIMUM
    }

    /** True when temporary credentials that sign the link expire before the asked expiry. */
    public boolean cutByCredentials() {
        return seconds < limitedSeconds;
    }

    /** The same explanation for a link signed with credentials that expire at {@code at}, {@code remaining} away. */
    ExpiryExplanation withCredentials(Instant at, long remaining) {
        return new ExpiryExplanation(
                auto,
                sizeBytes,
                estimate,
                buffer,
                rawSeconds,
                clamp,
                limitedSeconds,
                Math.min(limitedSeconds, remaining),
                at);
    }

    /** The source as a stable word for JSON: {@code fixed}, {@code history}, {@code network} or {@code default}. */
    public String sourceName() {
        return auto ? estimate.source().name().toLowerCase(Locale.ROOT) : "fixed";
    }

    /**
     * One sentence, e.g. {@code auto: 120 MiB ÷ 750 KiB/s (network '3g', as chosen) × 1.5 = 246 s → 4 min 06 s}.
     */
    public String text() {
        return textRef().english();
    }

    /** {@link #text()} as a bundle reference, for a view in the user's language. */
    public TextRef textRef() {
        TextRef how;
        if (auto) {
            Object clampText = switch (clamp) {
                case MINIMUM -> TextRef.of("svc.expiry.clamp.minimum");
                case MAXIMUM -> TextRef.of("svc.expiry.clamp.maximum");
                case NONE -> "";
            };
            how = TextRef.of(
                    "svc.expiry.auto",
                    Sizes.bytes(sizeBytes),
                    estimate.describeText(),
                    buffer == Math.rint(buffer) ? String.valueOf((long) buffer) : String.valueOf(buffer),
                    String.valueOf(rawSeconds),
                    clampText,
                    Sizes.duration(limitedSeconds));
        } else {
            how = TextRef.of("svc.expiry.fixed", Sizes.duration(rawSeconds));
        }
        return cutByCredentials()
                ? TextRef.of(
                        "svc.expiry.cutByCredentials",
                        how,
                        Sizes.duration(seconds),
                        String.valueOf(credentialsExpireAt))
                : how;
    }
}
