package io.obitox.webhook.cli;

import io.obitox.webhook.Delivery;
import io.obitox.webhook.WebhookEndpoint;
import io.obitox.webhook.WebhookEventType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the webhooks commands: {@code {"endpoints":[…]}} and {@code {"deliveries":[…]}}. */
final class WebhookJson {
    private WebhookJson() {}

    static Map<String, Object> endpoint(WebhookEndpoint e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("url", e.url());
        m.put("events", e.events().stream().map(WebhookEventType::wireName).toList());
        m.put("enabled", e.enabled());
        m.put("disabledReason", e.disabledReason());
        m.put("previousSecretExpiresAt", e.previousSecretExpiresAt());
        m.put("createdAt", e.createdAt());
        return m;
    }

    static Map<String, Object> endpoints(List<WebhookEndpoint> list) {
        return Map.of("endpoints", list.stream().map(WebhookJson::endpoint).toList());
    }

    static Map<String, Object> delivery(Delivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("event", d.eventType());
        m.put("endpointId", d.endpointId());
        m.put("url", d.endpointUrl());
        m.put("transferId", d.transferId());
        m.put("status", d.status().name());
        m.put("endpointEnabled", d.endpointEnabled()); // a disabled endpoint's PENDING deliveries wait for it
        m.put("attempts", d.attempts());
        m.put("lastResponseCode", d.lastResponseCode());
        m.put("lastLatencyMillis", d.lastLatencyMillis());
        m.put("lastError", d.lastError());
        m.put("createdAt", d.createdAt());
        m.put("lastAttemptAt", d.lastAttemptAt());
        m.put("nextAttemptAt", d.nextAttemptAt());
        m.put("deliveredAt", d.deliveredAt());
        return m;
    }

    static Map<String, Object> deliveries(List<Delivery> list) {
        return Map.of("deliveries", list.stream().map(WebhookJson::delivery).toList());
    }
}
