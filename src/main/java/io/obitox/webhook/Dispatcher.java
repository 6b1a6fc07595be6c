package io.obitox.webhook;

import io.obitox.common.ObitoxException;
import io.obitox.common.Threads;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox. One dispatcher thread claims due rows (compare-and-set PENDING → IN_FLIGHT, so a second
 * ObitoX process on the same home never sends the same attempt) and hands them to delivery threads: at most
 * {@code parallelism} at once, at most {@code perEndpoint} per endpoint, no ordering per endpoint.
 *
 * <p>It sleeps until {@link #signal()} (a transfer finished, a test or replay was queued, a delivery ended) or until
 * the next stored {@code next_attempt_at}, never longer than {@code rescan} (rows written by another process, and
 * wall-clock jumps after the machine slept). At start, rows left IN_FLIGHT by a dead process go back to PENDING.
 *
 * <p>Thread-safe. {@link #signal()} never blocks and may be called from any thread.
 */
final class Dispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DeliveryRepository deliveries;
    private final SecretBox box;
    private final WebhookSender sender;
    private final Supplier<WebhookSettings> settings;
    private final Clock clock;
    private final String owner;
    private final Predicate<String> ownerAlive;
    private final ExecutorService workers = Executors.newCachedThreadPool(Threads.daemon("webhook-delivery"));

    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private boolean signalled;
    /** Guarded by {@link #lock}. */
    private int inFlight;
    /** Guarded by {@link #lock}: deliveries in flight per endpoint id. */
    private final Map<String, Integer> perEndpoint = new HashMap<>();

    private volatile boolean closed;
    private Thread thread;

    Dispatcher(
            DeliveryRepository deliveries,
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
    }

    synchronized void start() {
        if (thread != null || closed) {
            return;
        }
        int recovered = deliveries.recover(ownerAlive, clock.instant());
        if (recovered > 0) {
            log.info("{} webhook deliveries were in flight when ObitoX stopped; sending them again", recovered);
        }
        thread = new Thread(this::run, "webhook-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    boolean isStarted() {
        return thread != null;
    }

    /** Something may be due now: wake the dispatcher. */
    void signal() {
        synchronized (lock) {
            signalled = true;
            lock.notifyAll();
        }
    }

    private void run() {
        long backoff = 100;
        while (!closed) {
            try {
                boolean waitingForSlots = dispatchDue();
                sleepUntilWork(waitingForSlots);
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
            }
        }
    }

    /** Claims and starts what is due and fits the limits; true when due rows had to wait for a free slot. */
    private boolean dispatchDue() {
        WebhookSettings s = settings.get();
        int free;
        Map<String, Integer> busy;
        synchronized (lock) {
            signalled = false;
            free = s.parallelism() - inFlight;
            busy = new HashMap<>(perEndpoint);
        }
        if (free <= 0) {
            return true;
        }
        List<DeliveryRepository.Due> due = deliveries.due(clock.instant(), free + s.parallelism() * 4);
        List<String> chosen = new ArrayList<>();
        for (DeliveryRepository.Due d : due) {
            if (chosen.size() >= free) {
                break;
            }
            int n = busy.getOrDefault(d.endpointId(), 0);
            if (n < s.perEndpoint()) {
                busy.put(d.endpointId(), n + 1);
                chosen.add(d.id());
            }
        }
        if (!chosen.isEmpty() && !closed) {
            for (DeliveryRepository.Outgoing o : deliveries.claim(chosen, owner, clock.instant())) {
                synchronized (lock) {
                    inFlight++;
                    perEndpoint.merge(o.endpointId(), 1, Integer::sum);
                }
                try {
                    workers.execute(() -> deliver(o));
                } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                    synchronized (lock) {
                        inFlight--;
                        perEndpoint.computeIfPresent(o.endpointId(), (k, n) -> n <= 1 ? null : n - 1);
                    }
                    // stays IN_FLIGHT until close() puts it back to PENDING
                }
            }
        }
        return due.size() > chosen.size();
    }

    private void sleepUntilWork(boolean waitingForSlots) throws InterruptedException {
        WebhookSettings s = settings.get();
        long wait = s.rescan().toMillis();
        if (!waitingForSlots) {
            Optional<Instant> next = deliveries.nextDue();
            if (next.isPresent()) {
                long until = Duration.between(clock.instant(), next.get()).toMillis();
                // never a busy loop: a row due "now" that was not claimable is looked at again shortly
                wait = Math.min(wait, Math.max(10, until));
            }
        }
        synchronized (lock) {
            if (!signalled && !closed) {
                lock.wait(wait);
            }
        }
    }

    private void deliver(DeliveryRepository.Outgoing o) {
        try {
            Attempt a = attempt(o);
            if (a.stopped()) {
                return; // shutting down: close() puts the row back to PENDING for the next start
            }
            record(o, a);
        } catch (RuntimeException e) {
            log.warn("Webhook delivery {} could not be recorded: {}", o.id(), e.getMessage(), e);
        } finally {
            synchronized (lock) {
                inFlight--;
                perEndpoint.computeIfPresent(o.endpointId(), (k, n) -> n <= 1 ? null : n - 1);
                signalled = true;
                lock.notifyAll();
            }
        }
    }

    private Attempt attempt(DeliveryRepository.Outgoing o) {
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

    private List<SigningSecret> secrets(DeliveryRepository.Outgoing o) {
        List<SigningSecret> out = new ArrayList<>();
        out.add(SigningSecret.parse(box.decrypt(o.secrets().current(), o.endpointId())));
        Instant expires = o.secrets().previousExpiresAt();
        if (o.secrets().previous() != null && expires != null && expires.isAfter(clock.instant())) {
            out.add(SigningSecret.parse(box.decrypt(o.secrets().previous(), o.endpointId())));
        }
        return out;
    }

    private void record(DeliveryRepository.Outgoing o, Attempt a) {
        Instant now = clock.instant();
        String where = host(o.url());
        if (a.succeeded()) {
            deliveries.finish(o.id(), owner, DeliveryState.DELIVERED, a, null, null, now);
            log.debug("Webhook {} delivered to {} ({} in {} ms)", o.id(), where, a.responseCode(), a.latencyMillis());
            return;
        }
        if (a.gone()) {
            deliveries.finish(
                    o.id(),
                    owner,
                    DeliveryState.DISABLED,
                    a,
                    null,
                    "The receiver answered 410 Gone on " + now + "; enable the endpoint again to resume.",
                    now);
            log.info("Webhook endpoint {} ({}) answered 410 Gone and was disabled", o.endpointId(), where);
            return;
        }
        int failed = o.attempts() + 1;
        Optional<Duration> delay = settings.get().schedule().nextDelay(failed);
        if (delay.isEmpty()) {
            deliveries.finish(o.id(), owner, DeliveryState.DEAD, a, null, null, now);
            log.info("Webhook {} to {} gave up after {} attempts: {}", o.id(), where, failed, a.error());
            return;
        }
        Duration wait = delay.get();
        if (a.retryAfter() != null && a.retryAfter().compareTo(wait) > 0) {
            wait = a.retryAfter();
        }
        deliveries.finish(o.id(), owner, DeliveryState.PENDING, a, now.plus(wait), null, now);
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
        try {
            deliveries.releaseOwned(owner, clock.instant());
        } catch (RuntimeException e) {
            log.warn("Could not put in-flight webhook deliveries back: {}", e.getMessage());
        }
    }
}
