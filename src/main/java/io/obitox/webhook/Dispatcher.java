package io.obitox.webhook;

import io.obitox.common.ObitoxException;
import io.obitox.common.Threads;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox. One dispatcher thread claims due rows (compare-and-set PENDING → IN_FLIGHT, so a second
 * ObitoX process on the same home never sends the same attempt), a few ahead of need (see {@link Slots}), and hands
 * them to delivery threads: at most {@code parallelism} at once, at most {@code perEndpoint} per endpoint, no
 * ordering per endpoint.
 *
 * <p>It sleeps until {@link #signal()} (a transfer finished, a test or replay was queued, a delivery ended) or until
 * the next stored {@code next_attempt_at}, never longer than {@code rescan} (rows written by another process, and
 * wall-clock jumps after the machine slept). At start, rows left IN_FLIGHT by a dead process go back to PENDING.
 *
 * <p>Thread-safe. {@link #signal()} never blocks and may be called from any thread.
 */
final class Dispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DeliveryQueue deliveries;
    private final SecretBox box;
    private final WebhookSender sender;
    private final Supplier<WebhookSettings> settings;
    private final Clock clock;
    private final String owner;
    private final Predicate<String> ownerAlive;
    private final ExecutorService workers = Executors.newCachedThreadPool(Threads.daemon("webhook-delivery"));
    private final ResultWriter results;

    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private boolean signalled;

    private final Slots slots = new Slots();
    /** Guarded by {@link #lock}: a delivery ended since the last round. */
    private boolean freed;
    /** Dispatcher thread only: the last full round may have left due rows unclaimed (limits). */
    private boolean backlog;
    /** Dispatcher thread only: endpoints that held all the rows they may at the last full round. */
    private Set<String> backlogged = Set.of();
    /** Dispatcher thread only: {@code System.nanoTime()} when the next stored attempt is due. */
    private long nextWake = Long.MAX_VALUE;

    private volatile boolean closed;
    private Thread thread;

    Dispatcher(
            DeliveryQueue deliveries,
            SecretBox box,
            WebhookSender sender,
            Supplier<WebhookSettings> settings,
            Clock clock,
            String owner,
            Predicate<String> ownerAlive) {
        this.deliveries = deliveries;
        this.box = box;
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
        this.owner = owner;
        this.ownerAlive = ownerAlive;
        this.results = new ResultWriter(deliveries, owner, this::signal);
    }

    synchronized void start() {
        if (thread != null || closed) {
            return;
        }
        int recovered = deliveries.recover(ownerAlive, clock.instant());
        if (recovered > 0) {
            log.info("{} webhook deliveries were in flight when ObitoX stopped; sending them again", recovered);
        }
        results.start();
        thread = new Thread(this::run, "webhook-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Something may be due now (new rows, a replay, a written retry): wake the dispatcher for a full round. */
    void signal() {
        synchronized (lock) {
            signalled = true;
            lock.notifyAll();
        }
    }

    /** A delivery ended: wake the dispatcher to start a claimed row (and to claim more when few are left). */
    private void slotFreed() {
        synchronized (lock) {
            freed = true;
            lock.notifyAll();
        }
    }

    private void run() {
        long backoff = 100;
        boolean full = true;
        while (!closed) {
            try {
                round(full);
                full = sleepUntilWork();
                backoff = 100;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                // e.g. the database is briefly locked by another process: try again, slower each time
                log.warn("Webhook dispatcher: {}", e.getMessage(), e);
                synchronized (lock) {
                    try {
                        lock.wait(backoff);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
                backoff = Math.min(backoff * 2, 10_000);
                full = true;
            }
        }
    }

    /**
     * Starts claimed rows that fit the limits. A full round (new work, a timer, or few claimed rows left while more
     * are due) also claims due rows ahead, starts again and sets the timer for the next stored attempt. Endpoints
     * that are switched off, or already have all the rows they may hold, are left out of the queries, so their
     * backlog never hides another endpoint's due rows.
     */
    private void round(boolean full) {
        WebhookSettings s = settings.get();
        launch(slots.start(s));
        // everything sent and recorded-or-queued: one full round makes sure nothing due was left behind
        if (!full && !(backlog && slots.runningLow(s, backlogged)) && !slots.idle()) {
            return;
        }
        Set<String> disabled = deliveries.disabledEndpoints();
        List<DeliveryQueue.Outgoing> dropped = slots.dropWaiting(disabled);
        if (!dropped.isEmpty()) {
            deliveries.release(dropped.stream().map(DeliveryQueue.Outgoing::id).toList(), owner, clock.instant());
        }
        Set<String> saturatedBefore = slots.saturated(s);
        Set<String> excluded = new HashSet<>(disabled);
        excluded.addAll(saturatedBefore);
        // the due rows of endpoints left out as saturated were not even looked at: assume there are more
        boolean moreDue = !saturatedBefore.isEmpty();
        if (slots.canClaim(s) && !closed) {
            List<DeliveryQueue.Due> due = deliveries.due(clock.instant(), 4 * s.parallelism(), excluded);
            List<String> chosen = slots.choose(due, s);
            if (!chosen.isEmpty()) {
                slots.claimed(deliveries.claim(chosen, owner, clock.instant()));
            }
            moreDue |= due.size() > chosen.size();
            launch(slots.start(s));
        }
        // saturated now (deliveries may have ended during this round, so not necessarily the same set as above)
        backlogged = slots.saturated(s);
        // a saturated endpoint may have more due rows than it could take: claim again once its waiting rows run low
        backlog = moreDue || !backlogged.isEmpty() || !slots.canClaim(s);
        Set<String> skip = new HashSet<>(disabled);
        skip.addAll(backlogged);
        // the next stored attempt of an endpoint that can take it wakes the dispatcher (a row due "now" is looked at
        // again shortly, never busily); with every slot claimed, a finishing delivery does
        nextWake = !slots.canClaim(s)
                ? Long.MAX_VALUE
                : deliveries
                        .nextDue(skip)
                        .map(at -> System.nanoTime()
                                + TimeUnit.MILLISECONDS.toNanos(Math.max(
                                        10,
                                        Duration.between(clock.instant(), at).toMillis())))
                        .orElse(Long.MAX_VALUE);
    }

    private void launch(List<DeliveryQueue.Outgoing> rows) {
        for (DeliveryQueue.Outgoing o : rows) {
            try {
                workers.execute(() -> deliver(o));
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                slots.finished(o.endpointId()); // stays IN_FLIGHT until close() puts it back to PENDING
            }
        }
    }

    /**
     * Sleeps until woken, until the next stored attempt is due, or at most {@code rescan} (rows other processes
     * wrote; wall-clock jumps after the machine slept). True when the next round must be a full one.
     */
    private boolean sleepUntilWork() throws InterruptedException {
        long rescan = TimeUnit.NANOSECONDS.convert(settings.get().rescan());
        long wakeAt = Math.min(nextWake, System.nanoTime() + rescan);
        synchronized (lock) {
            long left = wakeAt - System.nanoTime();
            if (!signalled && !freed && !closed && left > 0) {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            // a timer that is due makes a full round even when deliveries keep ending (else it could be starved)
            boolean full = signalled || !freed || wakeAt - System.nanoTime() <= 0;
            signalled = false;
            freed = false;
            return full;
        }
    }

    private void deliver(DeliveryQueue.Outgoing o) {
        try {
            Attempt a = attempt(o);
            if (a.stopped()) {
                return; // shutting down: close() puts the row back to PENDING for the next start
            }
            record(o, a);
        } catch (RuntimeException e) {
            log.warn("Webhook delivery {} could not be recorded: {}", o.id(), e.getMessage(), e);
        } finally {
            slots.finished(o.endpointId());
            slotFreed();
        }
    }

    private Attempt attempt(DeliveryQueue.Outgoing o) {
        List<SigningSecret> secrets;
        try {
            secrets = secrets(o);
        } catch (ObitoxException e) {
            return new Attempt(null, 0, e.getMessage(), null);
        }
        long timestamp = clock.instant().getEpochSecond();
        byte[] body = o.payload().getBytes(StandardCharsets.UTF_8);
        String signature = Signatures.header(o.id(), timestamp, body, secrets);
        return sender.send(
                new WebhookSender.Request(URI.create(o.url()), o.id(), timestamp, body, signature),
                settings.get().timeout());
    }

    private List<SigningSecret> secrets(DeliveryQueue.Outgoing o) {
        List<SigningSecret> out = new ArrayList<>();
        out.add(SigningSecret.parse(box.decrypt(o.secrets().current(), o.endpointId())));
        Instant expires = o.secrets().previousExpiresAt();
        if (o.secrets().previous() != null && expires != null && expires.isAfter(clock.instant())) {
            out.add(SigningSecret.parse(box.decrypt(o.secrets().previous(), o.endpointId())));
        }
        return out;
    }

    private void record(DeliveryQueue.Outgoing o, Attempt a) {
        Instant now = clock.instant();
        String where = host(o.url());
        if (a.succeeded()) {
            results.submit(
                    new DeliveryQueue.Result(o.id(), o.endpointId(), DeliveryState.DELIVERED, a, null, null, now));
            log.debug("Webhook {} delivered to {} ({} in {} ms)", o.id(), where, a.responseCode(), a.latencyMillis());
            return;
        }
        if (a.gone()) {
            results.submit(new DeliveryQueue.Result(
                    o.id(),
                    o.endpointId(),
                    DeliveryState.DISABLED,
                    a,
                    null,
                    "The receiver answered 410 Gone on " + now + "; enable the endpoint again to resume.",
                    now));
            log.info("Webhook endpoint {} ({}) answered 410 Gone and was disabled", o.endpointId(), where);
            return;
        }
        int failed = o.attempts() + 1;
        Optional<Duration> delay = settings.get().schedule().nextDelay(failed);
        if (delay.isEmpty()) {
            results.submit(new DeliveryQueue.Result(o.id(), o.endpointId(), DeliveryState.DEAD, a, null, null, now));
            log.info("Webhook {} to {} gave up after {} attempts: {}", o.id(), where, failed, a.error());
            return;
        }
        Duration wait = delay.get();
        if (a.retryAfter() != null && a.retryAfter().compareTo(wait) > 0) {
            wait = a.retryAfter();
        }
        results.submit(
                new DeliveryQueue.Result(o.id(), o.endpointId(), DeliveryState.PENDING, a, now.plus(wait), null, now));
        log.info(
                "Webhook {} to {} failed (attempt {}): {}; next in {} ms",
                o.id(),
                where,
                failed,
                a.error(),
                wait.toMillis());
    }

    /** Host and port only: a URL's path or query may carry something the user would not want in a log. */
    private static String host(String url) {
        try {
            URI u = URI.create(url);
            return u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }

    /**
     * Stops claiming, aborts attempts in flight and puts them back to PENDING. Waits up to about 2 s. Threads are
     * never interrupted: they may be inside H2, whose file channel an interrupt would close.
     */
    @Override
    public void close() {
        closed = true;
        signal();
        sender.abortAll();
        workers.shutdown();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
            if (t != null) {
                t.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        results.close(); // what was delivered is recorded before the rest goes back to PENDING
        try {
            deliveries.releaseOwned(owner, clock.instant());
        } catch (RuntimeException e) {
            log.warn("Could not put in-flight webhook deliveries back: {}", e.getMessage());
        }
    }
}
