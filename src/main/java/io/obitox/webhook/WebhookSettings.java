package io.obitox.webhook;

import java.time.Duration;

/**
 * How the dispatcher delivers. Immutable; the {@code with…} methods return changed copies.
 *
 * @param timeout for one attempt, from connecting to the end of the (bounded) response; 15 s like Svix
 * @param parallelism deliveries in flight at once over all endpoints
 * @param perEndpoint deliveries in flight at once to one endpoint, so one slow receiver cannot hold every slot
 * @param rotationOverlap how long a rotated-out secret keeps signing
 * @param rescan the longest the dispatcher sleeps: picks up rows other processes wrote and wall-clock jumps (sleep)
 */
public record WebhookSettings(
        Duration timeout,
        RetrySchedule schedule,
        int parallelism,
        int perEndpoint,
        Duration rotationOverlap,
        Duration rescan) {

    public WebhookSettings {
        if (timeout.isNegative() || timeout.isZero() || parallelism < 1 || perEndpoint < 1) {
            throw new IllegalArgumentException("timeout and limits must be positive");
        }
    }

    public static WebhookSettings defaults() {
        return new WebhookSettings(
                Duration.ofSeconds(15), RetrySchedule.STANDARD, 16, 8, Duration.ofHours(24), Duration.ofSeconds(30));
    }

    public WebhookSettings withTimeout(Duration d) {
        return new WebhookSettings(d, schedule, parallelism, perEndpoint, rotationOverlap, rescan);
    }

    public WebhookSettings withSchedule(RetrySchedule s) {
        return new WebhookSettings(timeout, s, parallelism, perEndpoint, rotationOverlap, rescan);
    }

    public WebhookSettings withParallelism(int all, int oneEndpoint) {
        return new WebhookSettings(timeout, schedule, all, Math.min(all, oneEndpoint), rotationOverlap, rescan);
    }

    public WebhookSettings withRotationOverlap(Duration d) {
        return new WebhookSettings(timeout, schedule, parallelism, perEndpoint, d, rescan);
    }

    public WebhookSettings withRescan(Duration d) {
        return new WebhookSettings(timeout, schedule, parallelism, perEndpoint, rotationOverlap, d);
    }
}
