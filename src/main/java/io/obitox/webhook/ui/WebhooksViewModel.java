package io.obitox.webhook.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.StatusLine;
import io.obitox.common.ui.UiTasks;
import io.obitox.storage.S3Errors;
import io.obitox.webhook.Delivery;
import io.obitox.webhook.WebhookEndpoint;
import io.obitox.webhook.WebhookEventType;
import io.obitox.webhook.WebhookService;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Webhooks view: endpoints (add, edit, enable/disable, rotate and copy the secret, send a test event, remove)
 * and the delivery log, polled from the database once a second in the background (it also shows what other ObitoX
 * processes deliver), with replay of one delivery or of every failed one since a time. FX thread only.
 */
public final class WebhooksViewModel {
    private static final int LOG_SIZE = 200;

    private final WebhookService service;
    private final UiTasks tasks;
    private final Clock clock;

    // Properties //
    private final ObservableList<EndpointRow> endpoints = FXCollections.observableArrayList();
    private final ObjectProperty<EndpointRow> selectedEndpoint = new SimpleObjectProperty<>(this, "selectedEndpoint");
    private final StringProperty url = new SimpleStringProperty(this, "url", "");
    private final BooleanProperty completedEvents = new SimpleBooleanProperty(this, "completedEvents", true);
    private final BooleanProperty failedEvents = new SimpleBooleanProperty(this, "failedEvents", true);
    private final DeliveryLog log;
    private final ObjectProperty<DeliveryRow> selectedDelivery = new SimpleObjectProperty<>(this, "selectedDelivery");
    private final ObjectProperty<ReplaySince> replaySince =
            new SimpleObjectProperty<>(this, "replaySince", ReplaySince.DAY);
    private final StatusLine status = new StatusLine(this, this::describe);
    private final ReadOnlyStringWrapper toggleLabel = new ReadOnlyStringWrapper(this, "toggleLabel", "");
    private final BooleanBinding hasEndpoint = selectedEndpoint.isNotNull();
    private final Messages messages;
    private final Timeline poll;
    private boolean polling;

    public WebhooksViewModel(WebhookService service, UiTasks tasks, Clock clock, Messages messages) {
        this.service = service;
        this.tasks = tasks;
        this.clock = clock;
        this.messages = messages;
        this.log = new DeliveryLog(messages);
        toggleLabel.set(messages.get("webhooks.toggleButton"));
        selectedEndpoint.addListener((o, old, row) -> {
            fillForm(row);
            updateToggleLabel();
        });
        poll = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> refreshLog()));
        poll.setCycleCount(Timeline.INDEFINITE);
    }

    public ObservableList<EndpointRow> endpoints() {
        return endpoints;
    }

    public ObjectProperty<EndpointRow> selectedEndpointProperty() {
        return selectedEndpoint;
    }

    /** True when an endpoint is selected (the per-endpoint commands apply). */
    public BooleanBinding hasEndpointProperty() {
        return hasEndpoint;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public BooleanProperty completedEventsProperty() {
        return completedEvents;
    }

    public BooleanProperty failedEventsProperty() {
        return failedEvents;
    }

    public ObservableList<DeliveryRow> deliveries() {
        return log.rows();
    }

    public ObjectProperty<DeliveryRow> selectedDeliveryProperty() {
        return selectedDelivery;
    }

    public ObjectProperty<ReplaySince> replaySinceProperty() {
        return replaySince;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.messageProperty();
    }

    public ReadOnlyBooleanProperty statusIsErrorProperty() {
        return status.errorProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return status.busyProperty();
    }

    /** "Enable" for a disabled endpoint, else "Disable". */
    public ReadOnlyStringProperty toggleLabelProperty() {
        return toggleLabel.getReadOnlyProperty();
    }

    // Commands //

    /** Loads the endpoints and the log and starts polling the log (when the view is shown). */
    public void start() {
        loadEndpoints(null);
        refreshLog();
        poll.play();
    }

    public void stop() {
        poll.stop();
    }

    /** Clears the form for a new endpoint. */
    public void newEndpoint() {
        selectedEndpoint.set(null);
    }

    /** Adds a new endpoint, or saves the selected one's URL and events. */
    public void save() {
        Set<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
        if (completedEvents.get()) {
            events.add(WebhookEventType.UPLOAD_COMPLETED);
        }
        if (failedEvents.get()) {
            events.add(WebhookEventType.UPLOAD_FAILED);
        }
        if (events.isEmpty()) {
            status.fail(messages.get("webhooks.chooseEvent"));
            return;
        }
        String text = url.get();
        EndpointRow editing = selectedEndpoint.get();
        if (editing == null) {
            tasks.run(() -> service.add(text, events))
                    .tracking(status)
                    .onSuccess(c -> {
                        loadEndpoints(c.endpoint().id());
                        status.show(messages.get("webhooks.added") + warnings(c.warnings()));
                    })
                    .start();
        } else {
            tasks.run(() -> service.edit(editing.id(), text, events))
                    .tracking(status)
                    .onSuccess(s -> {
                        loadEndpoints(s.endpoint().id());
                        status.show(messages.get("webhooks.saved") + warnings(s.warnings()));
                    })
                    .start();
        }
    }

    public void toggleEnabled() {
        EndpointRow row = selectedEndpoint.get();
        if (row == null) {
            return;
        }
        boolean enable = !row.endpoint().enabled();
        tasks.run(() -> service.setEnabled(row.id(), enable))
                .tracking(status)
                .onSuccess(e -> {
                    loadEndpoints(e.id());
                    status.show(messages.get(enable ? "webhooks.enabled" : "webhooks.disabled"));
                })
                .start();
    }

    /** A new secret, handed to {@code onSecret} (the view copies it); the old one keeps signing for the overlap. */
    public void rotateSecret(Consumer<String> onSecret) {
        EndpointRow row = selectedEndpoint.get();
        if (row == null) {
            return;
        }
        tasks.run(() -> service.rotate(row.id()).reveal())
                .tracking(status)
                .onSuccess(secret -> {
                    onSecret.accept(secret);
                    loadEndpoints(row.id());
                    status.show(messages.get("webhooks.secretRotated"));
                })
                .start();
    }

    /** Hands the selected endpoint's secret to {@code onSecret} (the view copies it); it never sits in a property. */
    public void copySecret(Consumer<String> onSecret) {
        EndpointRow row = selectedEndpoint.get();
        if (row == null) {
            return;
        }
        tasks.run(() -> service.secret(row.id()).reveal())
                .onSuccess(secret -> {
                    onSecret.accept(secret);
                    status.show(messages.get("webhooks.secretCopied"));
                })
                .onError(status::fail)
                .start();
    }

    public void sendTest() {
        EndpointRow row = selectedEndpoint.get();
        if (row == null) {
            return;
        }
        tasks.run(() -> service.sendTest(row.id()))
                .tracking(status)
                .onSuccess(id -> {
                    status.show(messages.get("webhooks.testSent", row.endpoint().url()));
                    refreshLog();
                })
                .start();
    }

    public void remove() {
        EndpointRow row = selectedEndpoint.get();
        if (row == null) {
            return;
        }
        tasks.run(() -> service.remove(row.id()))
                .tracking(status)
                .onSuccess(v -> {
                    loadEndpoints(null);
                    refreshLog();
                    status.show(messages.get("webhooks.removed", row.endpoint().url()));
                })
                .start();
    }

    /** Sends the selected delivery again with its original webhook-id. */
    public void replaySelected() {
        DeliveryRow row = selectedDelivery.get();
        if (row == null) {
            status.show(messages.get("webhooks.selectDelivery"));
            return;
        }
        tasks.run(() -> service.replay(row.id()))
                .onSuccess(d -> {
                    status.show(messages.get("webhooks.resending", d.eventType(), d.endpointUrl()));
                    refreshLog();
                })
                .onError(status::fail)
                .start();
    }

    /** Sends every dead, disabled or retrying delivery of {@link #replaySinceProperty()} again. */
    public void replayFailed() {
        ReplaySince since = replaySince.get();
        tasks.run(() -> service.replayFailedSince(clock.instant().minus(since.span())))
                .onSuccess(ids -> {
                    status.show(
                            ids.isEmpty()
                                    ? messages.get("webhooks.noFailed", messages.get(since.key()))
                                    : messages.get("webhooks.resendingFailed", ids.size(), messages.get(since.key())));
                    refreshLog();
                })
                .onError(status::fail)
                .start();
    }

    /**
     * Reads the newest deliveries and the endpoints in the background (the dispatcher may have disabled one after a
     * 410) and updates the rows in place.
     */
    public void refreshLog() {
        if (polling) {
            return;
        }
        polling = true;
        try {
            tasks.run(() -> new Snapshot(service.log(LOG_SIZE), service.endpoints()))
                    .onSuccess(snapshot -> {
                        log.apply(snapshot.deliveries());
                        showEndpoints(snapshot.endpoints(), null);
                    })
                    .onFinally(() -> polling = false)
                    .start();
        } catch (java.util.concurrent.RejectedExecutionException appClosing) {
            // the app's background pool is gone (closing): stop polling quietly
            poll.stop();
            polling = false;
        }
    }

    private record Snapshot(List<Delivery> deliveries, List<WebhookEndpoint> endpoints) {}

    // Helpers //

    private void loadEndpoints(String select) {
        tasks.run(service::endpoints)
                .onSuccess(list -> showEndpoints(list, select))
                .onError(status::fail)
                .start();
    }

    /** Shows {@code list}: rows updated in place, the selection kept (or moved to {@code select}). */
    private void showEndpoints(List<WebhookEndpoint> list, String select) {
        Instant now = clock.instant();
        Map<String, EndpointRow> byId = new HashMap<>();
        endpoints.forEach(r -> byId.put(r.id(), r));
        Set<String> present = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            WebhookEndpoint e = list.get(i);
            present.add(e.id());
            EndpointRow row = byId.get(e.id());
            if (row == null) {
                endpoints.add(Math.min(i, endpoints.size()), new EndpointRow(e, now, messages));
            } else {
                row.update(e, now);
            }
        }
        endpoints.removeIf(r -> !present.contains(r.id()));
        if (select != null) {
            endpoints.stream().filter(r -> r.id().equals(select)).findFirst().ifPresent(selectedEndpoint::set);
        } else if (selectedEndpoint.get() != null
                && !present.contains(selectedEndpoint.get().id())) {
            selectedEndpoint.set(null);
        }
        updateToggleLabel();
    }

    private void updateToggleLabel() {
        EndpointRow row = selectedEndpoint.get();
        toggleLabel.set(
                messages.get(row != null && !row.endpoint().enabled() ? "webhooks.enable" : "webhooks.toggleButton"));
    }

    private void fillForm(EndpointRow row) {
        WebhookEndpoint e = row == null ? null : row.endpoint();
        url.set(e == null ? "" : e.url());
        completedEvents.set(e == null || e.events().contains(WebhookEventType.UPLOAD_COMPLETED));
        failedEvents.set(e == null || e.events().contains(WebhookEventType.UPLOAD_FAILED));
    }

    private String warnings(List<String> warnings) {
        return warnings.isEmpty() ? "" : " " + messages.get("webhooks.note", String.join(" ", warnings));
    }

    /** A failure in words in the user's language (S3Errors says it in English with the keys to translate it). */
    private String describe(Throwable failure) {
        return messages.oneLine(S3Errors.describe(failure));
    }
}
