package io.obitox.webhook;

import java.time.Instant;

/**
 * One event for one endpoint, as the delivery log shows it (the payload is read separately).
 *
 * @param id the {@code webhook-id} header, stable across retries and replays
 * @param transferId the transfer that caused it; null for test events
 * @param eventType the wire name, e.g. {@code upload.completed}
 * @param nextAttemptAt when a PENDING delivery is tried next
 * @param endpointEnabled false while its endpoint is switched off (PENDING rows then wait)
 */
public record Delivery(
        String id,
        String endpointId,
        String endpointUrl,
        boolean endpointEnabled,
        String transferId,
        String eventType,
        DeliveryState status,
        int attempts,
        Instant lastAttemptAt,
        Instant nextAttemptAt,
        Instant createdAt,
        Instant deliveredAt,
        Integer lastResponseCode,
        Long lastLatencyMillis,
        String lastError) {}
