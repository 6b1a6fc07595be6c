package io.obitox.webhook;

import io.obitox.common.ObitoxException;
import io.obitox.db.Database;
import io.obitox.profile.TargetRef;
import io.obitox.storage.S3Target;
import io.obitox.transfer.Owners;
import io.obitox.transfer.TransferRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Webhooks as the UI and the CLI use them: endpoints and their secrets, the delivery log, test events, replay, and
 * the dispatcher's lifecycle. The outbox rows themselves are written by {@link #outboxHook()} inside the transfer
 * engine's transactions.
 *
 * <p>Thread-safe. Every method except {@link #signal()} blocks briefly on the database; call them off the FX
 * thread. Secrets leave this class only through {@link Created}, {@link #rotate} and {@link #secret}.
 */
public final class WebhookService implements AutoCloseable {
    private final EndpointRepository endpoints;
    private final DeliveryRepository deliveries;
    private final SecretBox box;
    private final WebhookSettingsStore store;
    private final Clock clock;
    private final Outbox outbox;
    private final WebhookSender sender;
    private final Dispatcher dispatcher;
    private volatile WebhookSettings settings;

    public WebhookService(
            Database db,
            WebhookSettingsStore store,
            SecretBox box,
            Function<TargetRef, S3Target> targets,
            Clock clock) {
        this.endpoints = new EndpointRepository(db);
        this.deliveries = new DeliveryRepository(db);
        this.box = box;
        this.store = store;
        this.clock = clock;
        this.settings = store.load();
        this.outbox = new Outbox(targets, clock);
        this.sender = new WebhookSender(Duration.ofSeconds(10), clock);
        this.dispatcher = new Dispatcher(
                new DeliveryQueue(db), box, sender, () -> settings, clock, Owners.current(), Owners::alive);
    }

    /** A new endpoint, its signing secret (shown once to the user) and what to know about its URL. */
    public record Created(WebhookEndpoint endpoint, SigningSecret secret, List<String> warnings) {}

    /** A saved endpoint and what to know about its URL. */
    public record Saved(WebhookEndpoint endpoint, List<String> warnings) {}

    // Lifecycle //

    /** The hook to register on the {@link TransferRepository} before the transfer engine starts. */
    public TransferRepository.OutcomeHook outboxHook() {
        return outbox;
    }

    /** Starts delivering (and takes back deliveries a dead process left in flight). Idempotent. */
    public void start() {
        dispatcher.start();
    }

    /** Something may be due now (a transfer finished): wakes the dispatcher. Never blocks. */
    public void signal() {
        dispatcher.signal();
    }

    /**
     * A transfer's outcome (completed or failed) was committed: wakes the dispatcher when that transaction wrote
     * delivery rows, else does nothing. Never blocks.
     */
    public void outcomeCommitted(String transferId) {
        if (outbox.takeWritten(transferId)) {
            dispatcher.signal();
        }
    }

    public WebhookSettings settings() {
        return settings;
    }

    /** Saves and applies new settings (the schedule applies to the next retry of every delivery). */
    public void updateSettings(WebhookSettings s) {
        store.save(s);
        this.settings = s;
        signal();
    }

    /** Applies settings for this process only (tests, benchmarks). */
    public void applySettings(WebhookSettings s) {
        this.settings = s;
        signal();
    }

    // Endpoints //

    public List<WebhookEndpoint> endpoints() {
        return endpoints.list();
    }

    /** An endpoint by id or unique id prefix (with or without {@code ep_}). */
    public WebhookEndpoint endpoint(String idOrPrefix) {
        String p = idOrPrefix.trim();
        Optional<WebhookEndpoint> exact = endpoints.find(p);
        if (exact.isPresent()) {
            return exact.get();
        }
        String prefix = p.startsWith("ep_") ? p : "ep_" + p;
        List<WebhookEndpoint> matches = endpoints().stream()
                .filter(e -> e.id().regionMatches(true, 0, prefix, 0, prefix.length()))
                .toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        throw new ObitoxException(
                "WEBHOOK_NOT_FOUND",
                "There is no webhook endpoint '" + p + "'" + (matches.size() > 1 ? " (the prefix matches several)" : "")
                        + ".",
                "See the ids with 'obitox webhooks list'.");
    }

    public Created add(String url, Set<WebhookEventType> events) {
        EndpointUrls.Checked checked = EndpointUrls.check(url);
        Instant now = clock.instant();
        WebhookEndpoint e = new WebhookEndpoint(
                Ids.endpoint(now.toEpochMilli()),
                checked.uri().toString(),
                subscribable(events),
                true,
                null,
                null,
                now,
                now);
        SigningSecret secret = SigningSecret.generate();
        endpoints.insert(e, box.encrypt(secret.reveal(), e.id()));
        return new Created(e, secret, checked.warnings());
    }

    public Saved edit(String id, String url, Set<WebhookEventType> events) {
        EndpointUrls.Checked checked = EndpointUrls.check(url);
        WebhookEndpoint e = endpoint(id);
        endpoints.update(
                e.id(), checked.uri().toString(), WebhookEventType.format(subscribable(events)), clock.instant());
        return new Saved(endpoint(e.id()), checked.warnings());
    }

    /** Switches an endpoint on or off; waiting deliveries resume when it is switched on again. */
    public WebhookEndpoint setEnabled(String id, boolean enabled) {
        WebhookEndpoint e = endpoint(id);
        endpoints.setEnabled(e.id(), enabled, enabled ? null : "Disabled by you.", clock.instant());
        if (enabled) {
            signal();
        }
        return endpoint(e.id());
    }

    /** Removes an endpoint and its delivery log. */
    public void remove(String id) {
        endpoints.delete(endpoint(id).id());
    }

    /**
     * A new secret for an endpoint. The old one keeps signing (a second {@code v1,} signature) for the configured
     * overlap, so receivers can switch without losing events.
     */
    public SigningSecret rotate(String id) {
        WebhookEndpoint e = endpoint(id);
        EndpointRepository.SealedSecrets sealed = endpoints.secrets(e.id()).orElseThrow();
        SigningSecret fresh = SigningSecret.generate();
        Instant now = clock.instant();
        Duration overlap = settings.rotationOverlap();
        boolean keepOld = !overlap.isZero() && !overlap.isNegative();
        endpoints.rotate(
                e.id(),
                box.encrypt(fresh.reveal(), e.id()),
                keepOld ? sealed.current() : null,
                keepOld ? now.plus(overlap) : null,
                now);
        return fresh;
    }

    /** The endpoint's current signing secret (for "Copy secret" and {@code obitox webhooks secret}). */
    public SigningSecret secret(String id) {
        WebhookEndpoint e = endpoint(id);
        String sealed = endpoints.secrets(e.id()).orElseThrow().current();
        return SigningSecret.parse(box.decrypt(sealed, e.id()));
    }

    private static Set<WebhookEventType> subscribable(Set<WebhookEventType> events) {
        Set<WebhookEventType> s =
                events == null || events.isEmpty() ? WebhookEventType.defaults() : java.util.EnumSet.copyOf(events);
        s.remove(WebhookEventType.WEBHOOK_TEST);
        if (s.isEmpty()) {
            throw new ObitoxException(
                    "NO_WEBHOOK_EVENTS",
                    "Choose at least one event for the endpoint.",
                    "Pick upload.completed, upload.failed or both.");
        }
        return s;
    }

    // Deliveries //

    /** Queues a {@code webhook.test} event for an enabled endpoint and wakes the dispatcher; returns its id. */
    public String sendTest(String endpointId) {
        WebhookEndpoint e = endpoint(endpointId);
        if (!e.enabled()) {
            throw new ObitoxException(
                    "WEBHOOK_DISABLED",
                    "The endpoint " + e.id() + " is disabled"
                            + (e.disabledReason() == null ? "." : ": " + e.disabledReason()),
                    "Enable it first (obitox webhooks enable " + e.id() + ").");
        }
        Instant now = clock.instant();
        String id = Ids.delivery(now.toEpochMilli());
        deliveries.insert(
                List.of(new DeliveryRepository.NewDelivery(
                        id, e.id(), null, WebhookEventType.WEBHOOK_TEST.wireName(), Payloads.test(e.id(), now))),
                now);
        signal();
        return id;
    }

    /** The newest {@code limit} deliveries, newest first. */
    public List<Delivery> log(int limit) {
        return deliveries.recent(limit);
    }

    /** A delivery by id or unique prefix (with or without {@code msg_}). */
    public Delivery delivery(String idOrPrefix) {
        String p = idOrPrefix.trim();
        Optional<Delivery> exact = deliveries.find(p);
        if (exact.isPresent()) {
            return exact.get();
        }
        List<String> ids = deliveries.idsStartingWith(p.startsWith("msg_") ? p : "msg_" + p);
        if (ids.size() == 1) {
            return deliveries.find(ids.get(0)).orElseThrow();
        }
        throw new ObitoxException(
                "DELIVERY_NOT_FOUND",
                "There is no webhook delivery '" + p + "'" + (ids.size() > 1 ? " (the prefix matches several)" : "")
                        + ".",
                "See the ids with 'obitox webhooks log'.");
    }

    public Optional<String> payload(String deliveryId) {
        return deliveries.payload(deliveryId);
    }

    /** The deliveries caused by these transfers (what {@code obitox upload} waits for). */
    public List<Delivery> forTransfers(Collection<String> transferIds) {
        return deliveries.forTransfers(transferIds);
    }

    /** Sends a delivery again with the same webhook-id: a settled one on a fresh schedule, a waiting one now. */
    public Delivery replay(String deliveryId) {
        Delivery d = delivery(deliveryId);
        if (!d.endpointEnabled()) {
            throw new ObitoxException(
                    "WEBHOOK_DISABLED",
                    "The endpoint " + d.endpointId() + " of this delivery is disabled.",
                    "Enable it first (obitox webhooks enable " + d.endpointId() + "), then replay.");
        }
        if (d.status() == DeliveryState.IN_FLIGHT) {
            throw new ObitoxException(
                    "DELIVERY_IN_FLIGHT", "This delivery is being sent right now.", "Wait a moment and look again.");
        }
        deliveries.replay(d.id(), clock.instant());
        signal();
        return deliveries.find(d.id()).orElseThrow();
    }

    /**
     * Sends every dead, disabled or still-retrying delivery created since {@code since} again (of enabled endpoints);
     * returns their ids.
     */
    public List<String> replayFailedSince(Instant since) {
        List<String> ids = deliveries.replayFailedSince(since, clock.instant());
        signal();
        return ids;
    }

    /** The current state of these deliveries (those that still exist). */
    public List<Delivery> deliveries(Collection<String> ids) {
        return ids.stream().map(deliveries::find).flatMap(Optional::stream).toList();
    }

    /**
     * Waits until each delivery {@code rows} returns is settled, or waits for a retry later than the deadline, or
     * the timeout passes. Returns the last rows seen. Polls the database (every 50 ms), so it also sees deliveries
     * another ObitoX process makes.
     */
    public List<Delivery> await(Supplier<List<Delivery>> rows, Duration timeout) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        long end = System.nanoTime() + timeout.toNanos();
        List<Delivery> last = rows.get();
        while (System.nanoTime() < end && !last.stream().allMatch(d -> isDone(d, deadline))) {
            Thread.sleep(50);
            last = rows.get();
        }
        return last;
    }

    private static boolean isDone(Delivery d, Instant deadline) {
        return d.status().isSettled()
                || !d.endpointEnabled()
                || d.status() == DeliveryState.PENDING
                        && d.nextAttemptAt() != null
                        && d.nextAttemptAt().isAfter(deadline);
    }

    @Override
    public void close() {
        dispatcher.close();
        sender.close();
    }
}
