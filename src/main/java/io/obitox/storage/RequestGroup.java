package io.obitox.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;

/**
 * The requests one owner (a transfer's job) has in flight through the bulk client, so that the owner can end them
 * all at once: {@link #abort()} aborts each running request the way {@link BodyStallGuard} aborts a stalled one
 * ({@link ExecutableHttpRequest#abort()}, which shuts the connection down), and every request started after it fails
 * before it is sent.
 *
 * <p>Why: pause and cancel must take effect within a moment even while a request hangs (a server that stopped
 * reading a part's body or never answers, a download whose answer stopped coming). A stop flag the body stream
 * polls is not enough: a thread blocked in a socket write or read never gets to look at it, so a pause would wait for
 * the stall limit or the read timeout. Interrupting the request's thread is no way out either: it does not end a
 * blocked socket write, and it closes any {@code FileChannel} the thread touches (a download's part file, the
 * database's file).
 *
 * <p>How a request joins: the owner runs the code that sends it inside {@link #run}, on the thread that calls the
 * SDK's synchronous client (the SDK prepares and executes the HTTP request on the calling thread). {@link
 * BodyStallGuard} reads {@link #current()} when the request is prepared and {@link #track tracks} it: from the moment
 * it is executed until its answer's body is closed (a download's GET streams for as long as its range takes), or
 * until it fails. An aborted request fails with an {@link InterruptedIOException}, which the SDK reports as a client
 * error; the owner is expected to have recorded its stop before it aborts, so it reads the failure as the stop.
 *
 * <p>Threading: {@link #run} is called from any number of threads at once (the group is bound to the calling thread
 * for the call only); {@link #abort()} from any thread, without blocking beyond closing sockets. A request tracked
 * while the group aborts is either aborted by {@link #abort()} or refused when it starts: never missed.
 */
public final class RequestGroup {
    private static final Logger log = LoggerFactory.getLogger(RequestGroup.class);
    private static final ThreadLocal<RequestGroup> CURRENT = new ThreadLocal<>();

    private final Set<Runnable> running = ConcurrentHashMap.newKeySet();
    private volatile boolean aborted;

    /** Runs {@code call} with this group as the calling thread's group: bulk requests it sends join it. */
    public <T> T run(Callable<T> call) throws Exception {
        RequestGroup outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return call.call();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** Aborts every request of this group now and every one started from now on. Idempotent. */
    public void abort() {
        aborted = true; // before reading the set: a request joining now sees the flag or is in the set (see join)
        for (Runnable r : running) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.warn("Could not abort a request of a stopped transfer", e); // abort the others all the same
            }
        }
    }

    /** The calling thread's group, or null outside {@link #run}. */
    static RequestGroup current() {
        return CURRENT.get();
    }

    /**
     * {@code request} as a member of this group: aborted with it while it executes and while its answer's body is
     * open. A failure of a request the group aborted is reported as {@link #stopped}.
     */
    ExecutableHttpRequest track(ExecutableHttpRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                // idempotent (Apache's abort is once only); after the answer it shuts the connection the answer's
                // body streams from, as the SDK's own ResponseInputStream.abort() does
                Runnable abort = request::abort;
                if (!join(abort)) {
                    throw stopped(null);
                }
                boolean handedOver = false;
                try {
                    HttpExecuteResponse response;
                    try {
                        response = request.call();
                    } catch (IOException | RuntimeException e) {
                        if (aborted) {
                            throw stopped(e);
                        }
                        throw e;
                    }
                    if (response.responseBody().isPresent()) {
                        handedOver = true; // stays abortable until the body is closed
                        return untilClosed(response, () -> running.remove(abort));
                    }
                    return response;
                } finally {
                    if (!handedOver) {
                        running.remove(abort);
                    }
                }
            }

            @Override
            public void abort() {
                request.abort();
            }
        };
    }

    /** Adds {@code abort} to the running requests; false (and not added) when the group was aborted already. */
    private boolean join(Runnable abort) {
        running.add(abort);
        if (aborted) {
            running.remove(abort);
            return false;
        }
        return true;
    }

    static InterruptedIOException stopped(Throwable cause) {
        InterruptedIOException e = new InterruptedIOException("request aborted: its transfer was stopped");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** {@code response} whose body runs {@code closed} once it is closed (still abortable as before). */
    private static HttpExecuteResponse untilClosed(HttpExecuteResponse response, Runnable closed) {
        AbortableInputStream body = response.responseBody().orElseThrow();
        InputStream watched = new FilterInputStream(body) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    closed.run();
                }
            }
        };
        return HttpExecuteResponse.builder()
                .response(response.httpResponse())
                .responseBody(AbortableInputStream.create(watched, body))
                .build();
    }
}
