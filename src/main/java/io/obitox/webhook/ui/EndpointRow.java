package io.obitox.webhook.ui;

import io.obitox.common.Messages;
import io.obitox.webhook.WebhookEndpoint;
import io.obitox.webhook.WebhookEventType;
import java.time.Instant;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One row of the endpoints table, updated in place when the endpoints are re-read (so a refresh never takes the
 * selection away from under the user's click). FX thread only.
 */
public final class EndpointRow {
    private final String id;
    private final ReadOnlyStringWrapper url = new ReadOnlyStringWrapper(this, "url");
    private final ReadOnlyStringWrapper events = new ReadOnlyStringWrapper(this, "events");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state");
    private WebhookEndpoint endpoint;

    private final Messages messages;

    EndpointRow(WebhookEndpoint e, Instant now, Messages messages) {
        this.id = e.id();
        this.messages = messages;
        update(e, now);
    }

    /** Takes the stored endpoint's values; true when something changed. */
    boolean update(WebhookEndpoint e, Instant now) {
        if (e.equals(endpoint) && !e.rotating(now)) {
            return false;
        }
        endpoint = e;
        url.set(e.url());
        // "completed, failed": the column says "Upload events", the form shows the full names
        events.set(String.join(
                ", ",
                e.events().stream()
                        .map(WebhookEventType::wireName)
                        .map(n -> n.replaceFirst("^upload\\.", ""))
                        .toList()));
        state.set(
                !e.enabled()
                        ? e.disabledReason() != null && e.disabledReason().contains("410")
                                ? messages.get("webhooks.state.gone")
                                : messages.get("webhooks.state.disabled")
                        : e.rotating(now)
                                ? messages.get(
                                        "webhooks.state.rotating",
                                        DeliveryRow.time(e.previousSecretExpiresAt(), messages))
                                : messages.get("webhooks.state.enabled"));
        return true;
    }

    public String id() {
        return id;
    }

    public WebhookEndpoint endpoint() {
        return endpoint;
    }

    public ReadOnlyStringProperty urlProperty() {
        return url.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty eventsProperty() {
        return events.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return id + " " + url.get() + " " + state.get();
    }
}
