package io.obitox.webhook;

import static io.obitox.webhook.WebhookTesting.add;
import static io.obitox.webhook.WebhookTesting.awaitDelivery;
import static io.obitox.webhook.WebhookTesting.awaitStatus;
import static io.obitox.webhook.WebhookTesting.fast;
import static io.obitox.webhook.WebhookTesting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obitox.common.ObitoxException;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestSecrets;
import io.obitox.webhook.Receiver.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dispatcher against real local receivers: headers, signatures, retries, 410, Retry-After, dead letters. */
class WebhookDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);

    private TestApp app;
    private WebhookService service;
    private Receiver receiver;

    @BeforeEach
    void setUp() {
        app = TestApp.create("webhooks");
        service = app.context().webhooks();
        service.applySettings(fast("0,200ms,200ms"));
        service.start();
    }

    @AfterEach
    void tearDown() {
        app.close();
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void deliversATestEventAtOnceWithStandardHeadersAndASignatureTheSpecVerifies() throws Exception {
        receiver = new Receiver(r -> Reply.status(204));
        WebhookService.Created ep = add(service, receiver.url("/hooks"));
        assertThat(ep.secret().reveal()).startsWith("whsec_");

        long before = Instant.now().getEpochSecond();
        String id = service.sendTest(ep.endpoint().id());
        Delivery d = awaitStatus(service, id, DeliveryState.DELIVERED, WAIT);

        Receiver.Received r = receiver.received().get(0);
        assertThat(r.id()).isEqualTo(id).matches("msg_[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(Long.parseLong(r.timestamp()))
                .isBetween(before - 1, Instant.now().getEpochSecond() + 1);
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.signature()).startsWith("v1,").doesNotContain(" ");
        assertThat(SpecSignature.verifies(ep.secret().reveal(), r.id(), r.timestamp(), r.body(), r.signature()))
                .as("signature checked by an independent implementation of the spec")
                .isTrue();
        assertThat(SpecSignature.verifies(ep.secret().reveal(), r.id(), r.timestamp(), r.body() + " ", r.signature()))
                .as("a changed body fails")
                .isFalse();
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("event").asText()).isEqualTo("webhook.test");
        assertThat(body.get("endpointId").asText()).isEqualTo(ep.endpoint().id());
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.lastResponseCode()).isEqualTo(204);
        assertThat(d.lastLatencyMillis()).isNotNull().isLessThan(5000);
        assertThat(d.deliveredAt()).isNotNull();
        assertThat(d.lastError()).isNull();
    }

    @Test
    void signsWithBothSecretsDuringARotationAndWithTheNewOneAfterIt() throws Exception {
        receiver = new Receiver(r -> Reply.status(200));
        WebhookService.Created ep = add(service, receiver.url("/"));
        String old = ep.secret().reveal();
        String fresh = TestSecrets.register(service.rotate(ep.endpoint().id()).reveal());
        assertThat(fresh).isNotEqualTo(old).startsWith("whsec_");
        assertThat(service.secret(ep.endpoint().id()).reveal()).isEqualTo(fresh);

        awaitStatus(service, service.sendTest(ep.endpoint().id()), DeliveryState.DELIVERED, WAIT);
        Receiver.Received during = receiver.received().get(0);
        assertThat(during.signature().split(" ")).hasSize(2);
        assertThat(SpecSignature.matchCount(old, during.id(), during.timestamp(), during.body(), during.signature()))
                .isEqualTo(1);
        assertThat(SpecSignature.matchCount(fresh, during.id(), during.timestamp(), during.body(), during.signature()))
                .isEqualTo(1);

        service.applySettings(service.settings().withRotationOverlap(Duration.ZERO));
        String third = TestSecrets.register(service.rotate(ep.endpoint().id()).reveal());
        awaitStatus(service, service.sendTest(ep.endpoint().id()), DeliveryState.DELIVERED, WAIT);
        Receiver.Received after = receiver.received().get(1);
        assertThat(after.signature().split(" ")).hasSize(1);
        assertThat(SpecSignature.verifies(third, after.id(), after.timestamp(), after.body(), after.signature()))
                .isTrue();
        assertThat(SpecSignature.verifies(fresh, after.id(), after.timestamp(), after.body(), after.signature()))
                .isFalse();
    }

    @Test
    void aReceiverThatIsDownGetsTheEventOnTheNextScheduledAttemptOnceItIsUp() throws Exception {
        int port;
        try (Receiver probe = new Receiver(r -> Reply.status(200))) {
            port = probe.port(); // a port where nothing listens once closed
        }
        service.applySettings(fast("0,1500ms,1500ms"));
        WebhookService.Created ep = add(service, "http://127.0.0.1:" + port + "/down");
        String id = service.sendTest(ep.endpoint().id());

        Delivery failed = awaitDelivery(service, id, WAIT, d -> d.attempts() == 1);
        assertThat(failed.status()).isEqualTo(DeliveryState.PENDING);
        assertThat(failed.lastError()).contains("refused");
        assertThat(failed.lastResponseCode()).isNull();
        assertThat(failed.nextAttemptAt()).isAfter(failed.lastAttemptAt());

        receiver = new Receiver(port, r -> Reply.status(200));
        Delivery d = awaitStatus(service, id, DeliveryState.DELIVERED, WAIT);
        assertThat(d.attempts()).isEqualTo(2);
        Receiver.Received r = receiver.received().get(0);
        assertThat(r.id()).isEqualTo(id);
        assertThat(r.at()).isAfterOrEqualTo(failed.nextAttemptAt().minusMillis(50));
    }

    @Test
    void aReceiverThatAnswers410DisablesItsEndpointUntilItIsEnabledAgain() throws Exception {
        receiver = new Receiver(r -> Reply.status(410));
        WebhookService.Created ep = add(service, receiver.url("/gone"));
        String id = service.sendTest(ep.endpoint().id());

        Delivery d = awaitStatus(service, id, DeliveryState.DISABLED, WAIT);
        assertThat(d.lastResponseCode()).isEqualTo(410);
        assertThat(d.lastError()).isEqualTo("Gone: endpoint disabled.");
        WebhookEndpoint e = service.endpoint(ep.endpoint().id());
        assertThat(e.enabled()).isFalse();
        assertThat(e.disabledReason()).contains("410");
        assertThatThrownBy(() -> service.sendTest(e.id()))
                .isInstanceOf(ObitoxException.class)
                .hasMessageContaining("disabled");
        Thread.sleep(500);
        assertThat(receiver.received()).as("no retry after 410").hasSize(1);

        receiver.behave(r -> Reply.status(200));
        service.setEnabled(e.id(), true);
        service.replay(id);
        Delivery replayed = awaitStatus(service, id, DeliveryState.DELIVERED, WAIT);
        assertThat(replayed.lastResponseCode()).isEqualTo(200);
        assertThat(receiver.received()).extracting(Receiver.Received::id).containsExactly(id, id);
    }

    @Test
    void honoursRetryAfterInSecondsOn429AndAsAnHttpDateOn503() throws Exception {
        AtomicInteger n = new AtomicInteger();
        receiver = new Receiver(r -> switch (n.incrementAndGet()) {
            case 1 -> Reply.withHeader(429, "Retry-After", "2");
            case 2 ->
                Reply.withHeader(
                        503,
                        "Retry-After",
                        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)
                                        .plusSeconds(3)));
            default -> Reply.status(200);
        });
        service.applySettings(fast("0,100ms,100ms,100ms"));
        WebhookService.Created ep = add(service, receiver.url("/busy"));
        String id = service.sendTest(ep.endpoint().id());

        Delivery d = awaitStatus(service, id, DeliveryState.DELIVERED, Duration.ofSeconds(20));
        List<Receiver.Received> got = receiver.received();
        assertThat(got).hasSize(3);
        assertThat(Duration.ofNanos(got.get(1).nanos() - got.get(0).nanos()))
                .as("waited for Retry-After: 2 instead of the 100 ms schedule")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1950));
        assertThat(Duration.ofNanos(got.get(2).nanos() - got.get(1).nanos()))
                .as("waited until the Retry-After date (second precision)")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(d.attempts()).isEqualTo(3);
    }

    @Test
    void reachesTheDeadLetterStateAfterTheScheduleAndAReplayDeliversWithTheSameId() throws Exception {
        receiver = new Receiver(r -> Reply.status(500, "database on fire\nline two"));
        WebhookService.Created ep = add(service, receiver.url("/flaky"));
        String id = service.sendTest(ep.endpoint().id());

        Delivery dead = awaitStatus(service, id, DeliveryState.DEAD, WAIT);
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastResponseCode()).isEqualTo(500);
        assertThat(dead.lastError()).isEqualTo("HTTP 500: database on fire line two");
        assertThat(dead.nextAttemptAt()).isNull();
        Thread.sleep(500);
        assertThat(receiver.received()).hasSize(3);

        receiver.behave(r -> Reply.status(200));
        service.replay(id.substring(0, 20));
        Delivery d = awaitStatus(service, id, DeliveryState.DELIVERED, WAIT);
        assertThat(d.attempts()).as("a replay starts a fresh schedule").isEqualTo(1);
        assertThat(receiver.received()).extracting(Receiver.Received::id).containsOnly(id);
    }

    @Test
    void replayFailedSinceSendsDeadOnesAgainButNotDeliveredOnes() throws Exception {
        receiver = new Receiver(r -> r.path().equals("/bad") ? Reply.status(400) : Reply.status(200));
        WebhookService.Created bad = add(service, receiver.url("/bad"));
        WebhookService.Created good = add(service, receiver.url("/good"));
        Instant since = Instant.now().minusSeconds(1);
        String dead1 = service.sendTest(bad.endpoint().id());
        String dead2 = service.sendTest(bad.endpoint().id());
        String ok = service.sendTest(good.endpoint().id());
        awaitStatus(service, dead1, DeliveryState.DEAD, WAIT);
        awaitStatus(service, dead2, DeliveryState.DEAD, WAIT);
        awaitStatus(service, ok, DeliveryState.DELIVERED, WAIT);

        assertThat(service.replayFailedSince(Instant.now().plusSeconds(60))).isEmpty();
        receiver.behave(r -> Reply.status(200));
        assertThat(service.replayFailedSince(since)).containsExactlyInAnyOrder(dead1, dead2);
        awaitStatus(service, dead1, DeliveryState.DELIVERED, WAIT);
        awaitStatus(service, dead2, DeliveryState.DELIVERED, WAIT);
        assertThat(receiver.received().stream().filter(r -> r.id().equals(ok))).hasSize(1);
    }

    @Test
    void aRedirectIsAFailureAndIsNotFollowed() throws Exception {
        receiver = new Receiver(r -> r.path().equals("/moved")
                ? Reply.withHeader(302, "Location", receiver.url("/new"))
                : Reply.status(200));
        service.applySettings(fast("0"));
        WebhookService.Created ep = add(service, receiver.url("/moved"));
        Delivery d = awaitStatus(service, service.sendTest(ep.endpoint().id()), DeliveryState.DEAD, WAIT);

        assertThat(d.lastResponseCode()).isEqualTo(302);
        assertThat(d.lastError()).contains("redirect").contains("/new").contains("not followed");
        assertThat(receiver.received()).extracting(Receiver.Received::path).containsExactly("/moved");
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutWithoutHoldingUpOtherEndpoints() throws Exception {
        receiver = new Receiver(r -> r.path().equals("/hang") ? Reply.hang() : Reply.status(200));
        service.applySettings(fast("0,10s").withTimeout(Duration.ofSeconds(1)).withParallelism(4, 2));
        WebhookService.Created hang = add(service, receiver.url("/hang"));
        WebhookService.Created ok = add(service, receiver.url("/ok"));
        List<String> stuck = List.of(
                service.sendTest(hang.endpoint().id()),
                service.sendTest(hang.endpoint().id()),
                service.sendTest(hang.endpoint().id()));
        waitUntil("two requests hang", WAIT, () -> receiver.received().size() >= 2);

        long t0 = System.nanoTime();
        String fine = service.sendTest(ok.endpoint().id());
        awaitStatus(service, fine, DeliveryState.DELIVERED, WAIT);
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
                .as("the other endpoint is not held up by the hanging one")
                .isLessThan(Duration.ofMillis(900));

        for (String id : stuck) {
            Delivery d = awaitDelivery(service, id, WAIT, x -> x.attempts() == 1);
            assertThat(d.status()).isEqualTo(DeliveryState.PENDING);
            assertThat(d.lastError()).isEqualTo("No response within 1 s.");
            assertThat(d.lastLatencyMillis()).isBetween(900L, 2500L);
        }
        // the slots came back: more work still flows
        awaitStatus(service, service.sendTest(ok.endpoint().id()), DeliveryState.DELIVERED, WAIT);
    }

    @Test
    void aHugeResponseIsCutOffAndNeverBuffered() throws Exception {
        long oneGiB = 1L << 30;
        receiver = new Receiver(r -> Reply.huge(r.path().equals("/ok") ? 200 : 500, oneGiB));
        WebhookService.Created ok = add(service, receiver.url("/ok"));
        WebhookService.Created err = add(service, receiver.url("/err"));
        service.applySettings(fast("0"));

        long t0 = System.nanoTime();
        Delivery good = awaitStatus(service, service.sendTest(ok.endpoint().id()), DeliveryState.DELIVERED, WAIT);
        Delivery bad = awaitStatus(service, service.sendTest(err.endpoint().id()), DeliveryState.DEAD, WAIT);

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(good.lastResponseCode()).isEqualTo(200);
        assertThat(bad.lastError()).startsWith("HTTP 500: ").hasSizeLessThan(260);
        Thread.sleep(300);
        assertThat(receiver.bodyBytesWritten())
                .as("bytes the receiver managed to send")
                .isLessThan(oneGiB / 8);
    }

    @Test
    void aSlowResponseEndsAtTheTimeoutWithAClearStatus() throws Exception {
        receiver = new Receiver(r -> Reply.trickle(r.path().equals("/accepted") ? 202 : 500));
        service.applySettings(fast("0").withTimeout(Duration.ofSeconds(1)));
        WebhookService.Created accepted = add(service, receiver.url("/accepted"));
        WebhookService.Created failing = add(service, receiver.url("/failing"));

        Delivery a = awaitStatus(service, service.sendTest(accepted.endpoint().id()), DeliveryState.DELIVERED, WAIT);
        Delivery f = awaitStatus(service, service.sendTest(failing.endpoint().id()), DeliveryState.DEAD, WAIT);

        assertThat(a.lastResponseCode())
                .as("the status line came in time; the body does not matter")
                .isEqualTo(202);
        assertThat(f.lastResponseCode()).isEqualTo(500);
        assertThat(f.lastError()).isEqualTo("HTTP 500, and the response did not finish within 1 s.");
        assertThat(f.lastLatencyMillis()).isBetween(900L, 2500L);
    }

    @Test
    void anUnreachableHostFailsWithAClearMessageWithinTheTimeout() throws Exception {
        service.applySettings(fast("0").withTimeout(Duration.ofSeconds(2)));
        WebhookService.Created refused = add(service, "http://127.0.0.1:1/hook");
        WebhookService.Created unknown = add(service, "https://no-such-host.invalid/hook");

        Delivery r = awaitStatus(service, service.sendTest(refused.endpoint().id()), DeliveryState.DEAD, WAIT);
        Delivery u = awaitStatus(service, service.sendTest(unknown.endpoint().id()), DeliveryState.DEAD, WAIT);

        assertThat(r.lastError()).isEqualTo("Connection to 127.0.0.1:1 refused: nothing accepts connections there.");
        assertThat(u.lastError())
                .satisfiesAnyOf(
                        e -> assertThat(e).isEqualTo("Unknown host no-such-host.invalid: the name does not resolve."),
                        e -> assertThat(e).contains("within 2 s"));
        assertThat(u.lastLatencyMillis()).isLessThan(3000);
    }
}
