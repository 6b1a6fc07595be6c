package io.obitox.webhook;

import io.obitox.testing.TestSecrets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** Small helpers for webhook tests: bounded waits and compressed settings. */
final class WebhookTesting {
    private WebhookTesting() {}

    /** Fast settings: 2 s timeout, the given compressed schedule. */
    static WebhookSettings fast(String schedule) {
        return WebhookSettings.defaults()
                .withTimeout(Duration.ofSeconds(2))
                .withSchedule(RetrySchedule.parse(schedule));
    }

    /** Adds an endpoint and registers its secret with the leak check. */
    static WebhookService.Created add(WebhookService service, String url, WebhookEventType... events) {
        WebhookService.Created c =
                service.add(url, events.length == 0 ? null : java.util.EnumSet.of(events[0], events));
        TestSecrets.register(c.secret().reveal());
        return c;
    }

    static void waitUntil(String what, Duration max, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out after " + max.toMillis() + " ms waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    static Delivery awaitDelivery(WebhookService service, String id, Duration max, Predicate<Delivery> condition)
            throws InterruptedException {
        Delivery[] last = new Delivery[1];
        try {
            waitUntil("delivery " + id + " reaches the expected state", max, () -> {
                last[0] = service.delivery(id);
                return condition.test(last[0]);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last seen: " + last[0], e);
        }
        return last[0];
    }

    static Delivery awaitStatus(WebhookService service, String id, DeliveryState state, Duration max)
            throws InterruptedException {
        return awaitDelivery(service, id, max, d -> d.status() == state);
    }
}
