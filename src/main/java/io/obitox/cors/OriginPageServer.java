package io.obitox.cors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.obitox.common.Json;
import io.obitox.common.Threads;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The web server of the origins being checked, for one browser check: serves the check page under a random token and
 * takes the page's step reports. Binds 127.0.0.1 only, on a random port per scheme (the browser's host mapping sends
 * the origin's host name here); {@code https} presents the {@link ThrowawayCertificate}. Anything but the token's
 * paths gets 404. Thread-safe: pages are registered before the browser starts, reports arrive on the server thread and
 * are taken from {@link #nextReport}.
 */
final class OriginPageServer implements AutoCloseable {
    private static final String PREFIX = "/.obitox-browser-check/";
    private static final int MAX_REPORT_BYTES = 64 * 1024;

    private final String token;
    private final ObjectMapper json = Json.newMapper();
    private final Map<String, byte[]> pages = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonNode> reports = new LinkedBlockingQueue<>();
    /**
     * A thread per connection: the JDK's HTTPS server reads each request, TLS handshake included, on an executor
     * thread, and Chromium opens spare connections it may leave idle, which would hold a single thread forever. The
     * browser opens at most six per host, and everything ends with the check.
     */
    private final ExecutorService executor = Executors.newCachedThreadPool(Threads.daemon("obitox-origin-page"));

    private HttpServer http;
    private HttpsServer https;

    OriginPageServer(String token) {
        this.token = token;
    }

    /** Starts the server of {@code scheme} if it is not running; {@code certificate} is needed for https. */
    synchronized int port(String scheme, ThrowawayCertificate certificate) {
        try {
            if (scheme.equals("https")) {
                if (https == null) {
                    https = HttpsServer.create(loopback(), 16);
                    https.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
                    start(https);
                }
                return https.getAddress().getPort();
            }
            if (http == null) {
                http = HttpServer.create(loopback(), 16);
                start(http);
            }
            return http.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the check page's server on 127.0.0.1", e);
        }
    }

    /** The path of page {@code index} (same on every origin). */
    String pagePath(int index) {
        return PREFIX + token + "/" + index;
    }

    String reportPath() {
        return PREFIX + token + "/report";
    }

    void addPage(int index, String html) {
        pages.put(pagePath(index), html.getBytes(StandardCharsets.UTF_8));
    }

    /** The next report of the page, or null when none came before {@code deadline}. */
    JsonNode nextReport(Instant deadline) throws InterruptedException {
        long ms = Duration.between(Instant.now(), deadline).toMillis();
        return ms <= 0 ? reports.poll() : reports.poll(ms, TimeUnit.MILLISECONDS);
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private void start(HttpServer server) {
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            byte[] page = pages.get(path);
            if (page != null && ex.getRequestMethod().equals("GET")) {
                ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                ex.getResponseHeaders().set("Cache-Control", "no-store");
                ex.sendResponseHeaders(200, page.length);
                ex.getResponseBody().write(page);
            } else if (path.equals(reportPath()) && ex.getRequestMethod().equals("POST")) {
                byte[] body = readAtMost(ex.getRequestBody());
                try {
                    reports.add(json.readTree(body));
                    ex.sendResponseHeaders(204, -1);
                } catch (IOException e) {
                    ex.sendResponseHeaders(400, -1);
                }
            } else {
                ex.sendResponseHeaders(404, -1);
            }
        }
    }

    private static byte[] readAtMost(InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_REPORT_BYTES + 1);
        if (b.length > MAX_REPORT_BYTES) {
            throw new IOException("report too large");
        }
        return b;
    }

    @Override
    public synchronized void close() {
        if (http != null) {
            http.stop(0);
        }
        if (https != null) {
            https.stop(0);
        }
        executor.shutdownNow();
    }
}
