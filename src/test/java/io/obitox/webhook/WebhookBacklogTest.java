package io.obitox.webhook;

import static io.obitox.webhook.WebhookTesting.add;
import static io.obitox.webhook.WebhookTesting.fast;
import static io.obitox.webhook.WebhookTesting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.obitox.testing.TestApp;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A backlog (events queued while the dispatcher was stopped) drains without waiting for the periodic rescan, with
 * several endpoints in parallel, never more in flight than the limits allow, each event exactly once.
 */
class WebhookBacklogTest {
    private final Map<String, AtomicInteger> inFlightByPath = new ConcurrentHashMap<>();
    private final Map<String, Integer> maxByPath = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer receiver;
    private ExecutorService receiverThreads;
    private TestApp app;

    @BeforeEach
    void setUp() throws Exception {
        receiverThreads = Executors.newFixedThreadPool(16);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        receiver.setExecutor(receiverThreads);
        receiver.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            AtomicInteger mine = inFlightByPath.computeIfAbsent(path, p -> new AtomicInteger());
            maxByPath.merge(path, mine.incrementAndGet(), Math::max);
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                ex.getRequestBody().readAllBytes();
                Thread.sleep(5); // long enough for requests to overlap
                ids.add(ex.getRequestHeaders().getFirst("webhook-id"));
                requests.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                mine.decrementAndGet();
                inFlight.decrementAndGet();
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        app = TestApp.create("webhooks-backlog");
    }

    @AfterEach
    void tearDown() {
        app.close();
        receiver.stop(0);
        receiverThreads.shutdownNow();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    @Test
    void aBacklogForOneEndpointDrainsWithoutWaitingForTheRescan() throws Exception {
        WebhookService hooks = app.context().webhooks();
        hooks.applySettings(fast("0,1s").withParallelism(4, 2).withRescan(Duration.ofMinutes(5)));
        String ep = add(hooks, url("/one")).endpoint().id();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            sent.add(hooks.sendTest(ep));
        }

        hooks.start();
        waitUntil(
                "150 deliveries recorded",
                Duration.ofSeconds(30),
                () -> hooks.deliveries(sent).stream().allMatch(d -> d.status() == DeliveryState.DELIVERED));

        assertThat(ids).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(requests.get()).as("each event once").isEqualTo(150);
        assertThat(maxByPath.get("/one")).as("per-endpoint limit").isBetween(1, 2);
    }

    @Test
    void severalEndpointsDrainInParallelWithinTheLimits() throws Exception {
        WebhookService hooks = app.context().webhooks();
        hooks.applySettings(fast("0,1s").withParallelism(4, 2).withRescan(Duration.ofMinutes(5)));
        List<String> endpoints = List.of(
                add(hooks, url("/a")).endpoint().id(),
                add(hooks, url("/b")).endpoint().id(),
                add(hooks, url("/c")).endpoint().id());
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 180; i++) {
            sent.add(hooks.sendTest(endpoints.get(i % 3)));
        }

        hooks.start();
        waitUntil(
                "180 deliveries recorded",
                Duration.ofSeconds(30),
                () -> hooks.deliveries(sent).stream().allMatch(d -> d.status() == DeliveryState.DELIVERED));

        assertThat(ids).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(requests.get()).as("each event once").isEqualTo(180);
        assertThat(maxInFlight.get()).as("parallel, within the overall limit").isBetween(2, 4);
        assertThat(maxByPath.values())
                .as("per-endpoint limit")
                .allSatisfy(n -> assertThat(n).isBetween(1, 2));
    }
}
