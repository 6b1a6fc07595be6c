package io.obitox.webhook;

import io.obitox.common.Threads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * Sends one signed POST and says what happened. HTTP/1.1, redirects not followed, at most {@value #MAX_RESPONSE_BYTES}
 * bytes of the response read (a huge answer is cut off, never buffered), and the whole exchange bounded by the
 * timeout: a receiver that never answers, or trickles its answer, costs the caller at most that long.
 *
 * <p>Thread-safe; {@link #send} blocks the calling thread for at most the timeout (plus scheduling noise).
 */
final class WebhookSender implements AutoCloseable {
    static final int MAX_RESPONSE_BYTES = 4096;
    private static final String USER_AGENT = "ObitoX-Webhooks/1";

    private final ExecutorService executor = Executors.newCachedThreadPool(Threads.daemon("webhook-http"));
    /** Exchanges in progress, so that shutdown can abort them without interrupting threads that may use H2. */
    private final Set<CompletableFuture<?>> active = ConcurrentHashMap.newKeySet();

    private volatile boolean closed;
    private final Duration connectTimeout;
    private final Clock clock;
    // Built on the first send: the JDK client sets up TLS (reads the CA certificates), a quarter of a second that
    // the window's start and commands that send nothing should not pay. Guarded by this.
    private HttpClient client;

    WebhookSender(Duration connectTimeout, Clock clock) {
        this.connectTimeout = connectTimeout;
        this.clock = clock;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(connectTimeout)
                    .executor(executor)
                    .build();
        }
        return client;
    }

    /** The signed request for one attempt of delivery {@code id}. */
    record Request(URI url, String id, long timestampSeconds, byte[] body, String signature) {}

    Attempt send(Request r, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(r.url())
                .timeout(timeout)
                .header("content-type", "application/json")
                .header("user-agent", USER_AGENT)
                .header("webhook-id", r.id())
                .header("webhook-timestamp", Long.toString(r.timestampSeconds()))
                .header("webhook-signature", r.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(r.body()))
                .build();
        AtomicInteger status = new AtomicInteger(-1);
        long start = System.nanoTime();
        if (closed) {
            return Attempt.stopped(0);
        }
        CompletableFuture<HttpResponse<byte[]>> future = client().sendAsync(request, info -> {
            status.set(info.statusCode());
            return new BoundedBody(MAX_RESPONSE_BYTES);
        });
        active.add(future);
        try {
            HttpResponse<byte[]> response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return judge(response, millisSince(start));
        } catch (TimeoutException e) {
            future.cancel(true); // aborts the exchange and closes the connection
            int code = status.get();
            if (code >= 200 && code < 300) {
                // the receiver accepted it; only its response body was slow
                return new Attempt(code, millisSince(start), null, null);
            }
            return new Attempt(
                    code < 0 ? null : code,
                    millisSince(start),
                    code < 0
                            ? "No response within " + seconds(timeout) + "."
                            : "HTTP " + code + ", and the response did not finish within " + seconds(timeout) + ".",
                    null);
        } catch (ExecutionException e) {
            if (closed) {
                // abortAll(): the JDK fails a cancelled exchange with IOException "Request cancelled", not a
                // CancellationException; the attempt was cut short by shutdown, not answered
                return Attempt.stopped(millisSince(start));
            }
            return new Attempt(null, millisSince(start), describe(e.getCause(), r.url(), timeout), null);
        } catch (CancellationException e) {
            return Attempt.stopped(millisSince(start));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return Attempt.stopped(millisSince(start));
        } finally {
            active.remove(future);
        }
    }

    private Attempt judge(HttpResponse<byte[]> response, long millis) {
        int code = response.statusCode();
        if (code >= 200 && code < 300) {
            return new Attempt(code, millis, null, null);
        }
        String error;
        if (code >= 300 && code < 400) {
            error = "HTTP " + code + " redirect"
                    + response.headers()
                            .firstValue("location")
                            .map(l -> " to " + oneLine(l, 200))
                            .orElse("")
                    + " not followed: webhooks are not redirected. Change the endpoint URL.";
        } else if (code == 410) {
            error = "Gone: endpoint disabled.";
        } else {
            String body = oneLine(new String(response.body(), StandardCharsets.UTF_8), 200);
            error = "HTTP " + code + (body.isEmpty() ? "" : ": " + body);
        }
        Duration retryAfter = null;
        if (code == 429 || code == 503) {
            retryAfter = RetryAfter.parse(
                            response.headers().firstValue("retry-after").orElse(null), clock.instant())
                    .orElse(null);
        }
        return new Attempt(code, millis, error, retryAfter);
    }

    static String describe(Throwable t, URI url, Duration timeout) {
        String where = url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        // the JDK wraps an unresolved name in a ConnectException: look for it through the whole chain first
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
                return "Unknown host " + url.getHost() + ": the name does not resolve.";
            }
        }
        Throwable c = t;
        while (c != null) {
            if (c instanceof HttpConnectTimeoutException) {
                return "Could not connect to " + where + " within " + seconds(timeout) + ".";
            }
            if (c instanceof HttpTimeoutException) {
                return "No response within " + seconds(timeout) + ".";
            }
            if (c instanceof ConnectException) {
                return "Connection to " + where + " refused: nothing accepts connections there.";
            }
            if (c instanceof SSLException) {
                return "TLS with " + where + " failed: " + oneLine(String.valueOf(c.getMessage()), 160);
            }
            c = c.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return (t instanceof IOException ? "Network error with " : "Error with ") + where + ": "
                + oneLine(message, 160);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static String oneLine(String s, int max) {
        String t =
                s.replaceAll("[\\r\\n\\t]+", " ").replaceAll("\\p{Cntrl}", "").trim();
        return t.length() <= max ? t : t.substring(0, max) + "…";
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Aborts every exchange in progress; their {@link #send} calls return a stopped attempt at once. */
    void abortAll() {
        closed = true;
        for (CompletableFuture<?> f : active) {
            f.cancel(true);
        }
    }

    @Override
    public void close() {
        abortAll();
        executor.shutdownNow();
    }

    /**
     * Keeps the first {@code limit} bytes of a response body, then cancels the subscription (the client closes the
     * connection), so a receiver cannot make ObitoX read or hold a large answer.
     */
    static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                int n = Math.min(b.remaining(), limit - kept.size());
                if (n > 0) {
                    byte[] chunk = new byte[n];
                    b.get(chunk);
                    kept.write(chunk, 0, n);
                }
            }
            if (kept.size() >= limit) {
                subscription.cancel();
                result.complete(kept.toByteArray());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(kept.toByteArray());
        }
    }
}
