package io.obitox.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A real webhook receiver for tests: the JDK's HttpServer on 127.0.0.1, recording every request, answering as the
 * test's behaviour says (status, headers, body, a hang, a huge or a trickling body).
 */
final class Receiver implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-receiver");
        t.setDaemon(true);
        return t;
    });
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicLong bodyBytesWritten = new AtomicLong();
    private volatile Function<Received, Reply> behaviour;

    /** One request as it arrived. */
    record Received(
            String path,
            String id,
            String timestamp,
            String signature,
            String contentType,
            String body,
            Instant at,
            long nanos) {}

    /** How to answer. */
    record Reply(int status, Map<String, String> headers, String body, Mode mode, long size) {
        static Reply status(int code) {
            return new Reply(code, Map.of(), "", Mode.NORMAL, 0);
        }

        static Reply status(int code, String body) {
            return new Reply(code, Map.of(), body, Mode.NORMAL, 0);
        }

        static Reply withHeader(int code, String name, String value) {
            return new Reply(code, Map.of(name, value), "", Mode.NORMAL, 0);
        }

        /** Never answers (until the receiver is closed or {@link #releaseHeld()}). */
        static Reply hang() {
            return new Reply(0, Map.of(), "", Mode.HANG, 0);
        }

        /** Status line at once, then {@code size} bytes of body as fast as the client reads. */
        static Reply huge(int code, long size) {
            return new Reply(code, Map.of(), "", Mode.HUGE, size);
        }

        /** Status line at once, then one byte every 200 ms. */
        static Reply trickle(int code) {
            return new Reply(code, Map.of(), "", Mode.TRICKLE, 0);
        }
    }

    enum Mode {
        NORMAL,
        HANG,
        HUGE,
        TRICKLE
    }

    Receiver(Function<Received, Reply> behaviour) throws IOException {
        this(0, behaviour);
    }

    Receiver(int port, Function<Received, Reply> behaviour) throws IOException {
        this.behaviour = behaviour;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    void behave(Function<Received, Reply> b) {
        this.behaviour = b;
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    long bodyBytesWritten() {
        return bodyBytesWritten.get();
    }

    void releaseHeld() {
        release.countDown();
    }

    private void handle(HttpExchange ex) throws IOException {
        long nanos = System.nanoTime();
        byte[] body = ex.getRequestBody().readAllBytes();
        Received r = new Received(
                ex.getRequestURI().getPath(),
                ex.getRequestHeaders().getFirst("webhook-id"),
                ex.getRequestHeaders().getFirst("webhook-timestamp"),
                ex.getRequestHeaders().getFirst("webhook-signature"),
                ex.getRequestHeaders().getFirst("content-type"),
                new String(body, StandardCharsets.UTF_8),
                Instant.now(),
                nanos);
        received.add(r);
        Reply reply = behaviour.apply(r);
        try {
            switch (reply.mode()) {
                case HANG -> {
                    try {
                        release.await(5, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ex.sendResponseHeaders(200, -1);
                }
                case HUGE -> {
                    ex.sendResponseHeaders(reply.status(), 0);
                    byte[] chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) 'a');
                    try (OutputStream out = ex.getResponseBody()) {
                        for (long sent = 0; sent < reply.size(); sent += chunk.length) {
                            out.write(chunk);
                            bodyBytesWritten.addAndGet(chunk.length);
                        }
                    }
                }
                case TRICKLE -> {
                    ex.sendResponseHeaders(reply.status(), 0);
                    try (OutputStream out = ex.getResponseBody()) {
                        for (int i = 0; i < 300; i++) {
                            out.write('x');
                            out.flush();
                            bodyBytesWritten.incrementAndGet();
                            Thread.sleep(200);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                case NORMAL -> {
                    reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
                    byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
                    ex.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
                    if (out.length > 0) {
                        ex.getResponseBody().write(out);
                    }
                }
            }
        } catch (IOException clientWentAway) {
            // the dispatcher cut the response short: expected for huge, slow and abandoned answers
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
