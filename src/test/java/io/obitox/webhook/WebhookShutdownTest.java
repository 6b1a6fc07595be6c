package io.obitox.webhook;

import static io.obitox.webhook.WebhookTesting.add;
import static io.obitox.webhook.WebhookTesting.fast;
import static io.obitox.webhook.WebhookTesting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.TestApp;
import io.obitox.webhook.Receiver.Reply;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Closing ObitoX while a receiver hangs: nothing is lost, nothing is counted, no webhook thread stays behind. */
class WebhookShutdownTest {
    private Receiver receiver;

    @AfterEach
    void tearDown() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void closingWhileAReceiverHangsPutsTheDeliveryBackAndLeavesNoWebhookThreadBehind() throws Exception {
        receiver = new Receiver(r -> Reply.hang());
        Set<Thread> before = webhookThreads();
        TestApp app = TestApp.create("webhooks-close");
        String id;
        long closed;
        try {
            WebhookService hooks = app.context().webhooks();
            hooks.applySettings(fast("0,10s").withTimeout(Duration.ofSeconds(60)));
            hooks.start();
            id = hooks.sendTest(add(hooks, receiver.url("/hang")).endpoint().id());
            waitUntil(
                    "the request hangs at the receiver",
                    Duration.ofSeconds(15),
                    () -> receiver.received().size() == 1);
            assertThat(hooks.delivery(id).status()).isEqualTo(DeliveryState.IN_FLIGHT);
        } finally {
            long t0 = System.nanoTime();
            app.close();
            closed = System.nanoTime() - t0;
        }
        assertThat(Duration.ofNanos(closed))
                .as("close does not wait for the 60 s timeout")
                .isLessThan(Duration.ofSeconds(5));
        waitUntil("the webhook threads end", Duration.ofSeconds(5), () -> {
            Set<Thread> now = webhookThreads();
            now.removeAll(before);
            return now.isEmpty();
        });

        try (TestApp again = TestApp.inDirectory(app.dir())) {
            Delivery d = again.context().webhooks().delivery(id);
            assertThat(d.status()).as("back in the queue for the next start").isEqualTo(DeliveryState.PENDING);
            assertThat(d.attempts())
                    .as("an attempt cut short by shutdown is not counted: " + d)
                    .isZero();
        }
    }

    private static Set<Thread> webhookThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("webhook-"))
                .collect(Collectors.toSet());
    }
}
