package io.obitox.webhook.ui;

import io.obitox.common.Messages;
import io.obitox.webhook.Delivery;
import io.obitox.webhook.DeliveryState;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One row of the delivery log, updated in place when the log is polled. FX thread only. */
public final class DeliveryRow {
    private static final DateTimeFormatter TODAY =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final String id;
    private final ReadOnlyStringWrapper created = new ReadOnlyStringWrapper(this, "created");
    private final ReadOnlyStringWrapper event = new ReadOnlyStringWrapper(this, "event");
    private final ReadOnlyStringWrapper endpoint = new ReadOnlyStringWrapper(this, "endpoint");
    private final ReadOnlyObjectWrapper<DeliveryState> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyStringWrapper attempts = new ReadOnlyStringWrapper(this, "attempts");
    private final ReadOnlyStringWrapper response = new ReadOnlyStringWrapper(this, "response");
    private final ReadOnlyStringWrapper next = new ReadOnlyStringWrapper(this, "next");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final Messages messages;
    private Delivery delivery;

    DeliveryRow(Delivery d, Messages messages) {
        this.id = d.id();
        this.messages = messages;
        update(d);
    }

    void update(Delivery d) {
        if (d.equals(delivery)) {
            return;
        }
        delivery = d;
        created.set(time(d.createdAt(), messages));
        event.set(d.eventType());
        endpoint.set(shortUrl(d.endpointUrl()));
        status.set(d.status());
        attempts.set(Integer.toString(d.attempts()));
        response.set(
                d.lastResponseCode() == null && d.lastLatencyMillis() == null
                        ? ""
                        : (d.lastResponseCode() == null
                                        ? "—"
                                        : d.lastResponseCode().toString())
                                + (d.lastLatencyMillis() == null ? "" : " · " + d.lastLatencyMillis() + " ms"));
        next.set(
                d.status() != DeliveryState.PENDING
                        ? ""
                        : !d.endpointEnabled()
                                ? messages.get("webhooks.row.paused")
                                : time(d.nextAttemptAt(), messages));
        error.set(d.status() == DeliveryState.DELIVERED || d.lastError() == null ? "" : d.lastError());
    }

    /** The URL without its scheme ({@code example.com/hooks}): the log's column is narrow; the tooltip has it all. */
    static String shortUrl(String url) {
        if (url == null) {
            return "";
        }
        int i = url.indexOf("://");
        return i < 0 ? url : url.substring(i + 3);
    }

    /** Today's times as {@code 14:03:07}, other days as {@code Mar 2 14:03} (the month in the user's language). */
    static String time(Instant i, Messages messages) {
        if (i == null) {
            return "";
        }
        boolean today = java.time.LocalDate.ofInstant(i, ZoneId.systemDefault())
                .equals(java.time.LocalDate.now(ZoneId.systemDefault()));
        return (today
                        ? TODAY
                        : DateTimeFormatter.ofPattern("MMM d HH:mm", messages.locale())
                                .withZone(ZoneId.systemDefault()))
                .format(i);
    }

    public String id() {
        return id;
    }

    public Delivery delivery() {
        return delivery;
    }

    public ReadOnlyStringProperty createdProperty() {
        return created.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty eventProperty() {
        return event.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty endpointProperty() {
        return endpoint.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DeliveryState> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty attemptsProperty() {
        return attempts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty responseProperty() {
        return response.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nextProperty() {
        return next.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
