package io.obitox.webhook;

import java.time.Instant;
import java.util.Set;

/**
 * A receiver of webhooks as stored, without its secrets (those stay encrypted until a delivery or the user asks).
 *
 * @param disabledReason why ObitoX switched it off (e.g. the receiver answered 410 Gone); null when the user did
 * @param previousSecretExpiresAt while in the future, deliveries are signed with the old secret too (rotation)
 */
public record WebhookEndpoint(
        String id,
        String url,
        Set<WebhookEventType> events,
        boolean enabled,
        String disabledReason,
        Instant previousSecretExpiresAt,
        Instant createdAt,
        Instant updatedAt) {

    public boolean subscribes(WebhookEventType type) {
        return type == WebhookEventType.WEBHOOK_TEST || events.contains(type);
    }

    /** True while a rotated-out secret still signs (the overlap period). */
    public boolean rotating(Instant now) {
        return previousSecretExpiresAt != null && previousSecretExpiresAt.isAfter(now);
    }
}
