package io.obitox.app;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first GUI's ear for later launches of the same app home: a loopback-only socket on a random port, announced
 * with a random token in {@link InstanceEndpoint#FILE_NAME}. Requests that arrive before the window is ready are
 * kept and handed over by {@link #deliverTo}.
 *
 * <p>Threading: one daemon thread accepts and serves connections one at a time, each bounded by a deadline (twice
 * the read timeout) and the size limits of {@link InstanceRequest}, so a stuck or hostile client delays the next
 * one by a few seconds at most. The handler is called on that thread and must return quickly (hand the files to the FX thread).
 */
public final class InstanceServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InstanceServer.class);
    static final int READ_TIMEOUT_MS = 5_000;
    /** Requests kept while the window is not ready yet. */
    private static final int MAX_EARLY = 64;

    private final AppHome home;
    private final int readTimeoutMs;
    private final ServerSocket socket;
    private final InstanceEndpoint endpoint;
    private final Thread thread;
    private final List<InstanceRequest> early = new ArrayList<>();
    private Consumer<InstanceRequest> handler;
    private volatile boolean closed;

    private InstanceServer(AppHome home, ServerSocket socket, int readTimeoutMs) throws IOException {
        this.home = home;
        this.readTimeoutMs = readTimeoutMs;
        this.socket = socket;
        this.endpoint = InstanceEndpoint.fresh(socket.getLocalPort());
        endpoint.writeTo(home);
        this.thread = new Thread(this::serve, "obitox-instance");
        thread.setDaemon(true);
    }

    /** Listens on 127.0.0.1 and writes the endpoint file; call while holding the {@link InstanceLock}. */
    public static InstanceServer start(AppHome home) throws IOException {
        return start(home, READ_TIMEOUT_MS);
    }

    /** With another read timeout (tests of slow clients). */
    static InstanceServer start(AppHome home, int readTimeoutMs) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            InstanceServer server = new InstanceServer(home, s, readTimeoutMs);
            server.thread.start();
            log.debug("Listening for other launches on {}", server.endpoint);
            return server;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** From now on requests go to {@code h}; requests that came earlier are delivered at once, in order. */
    public void deliverTo(Consumer<InstanceRequest> h) {
        List<InstanceRequest> waiting;
        synchronized (this) {
            handler = h;
            waiting = new ArrayList<>(early);
            early.clear();
        }
        waiting.forEach(h);
    }

    public int port() {
        return endpoint.port();
    }

    private void serve() {
        while (!closed) {
            try (Socket client = socket.accept()) {
                handle(client);
            } catch (SocketException e) {
                if (!closed) {
                    log.warn("Listening for other launches stopped", e);
                }
                return;
            } catch (IOException | RuntimeException e) {
                log.debug("A launch request failed", e);
            }
        }
    }

    private void handle(Socket client) throws IOException {
        client.setSoTimeout(readTimeoutMs);
        DataInputStream in =
                new DataInputStream(new BufferedInputStream(new Deadline(client.getInputStream(), 2L * readTimeoutMs)));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(client.getOutputStream()));
        InstanceRequest request;
        try {
            request = InstanceRequest.read(in, endpoint.token());
        } catch (InstanceRequest.Rejected e) {
            log.warn("Refused a request from another launch: {}", e.getMessage());
            InstanceRequest.writeReply(out, e.status, e.status == InstanceRequest.REFUSED ? "refused" : "invalid");
            drain(client);
            return;
        }
        if (!dispatch(request)) {
            InstanceRequest.writeReply(out, InstanceRequest.BUSY, "the window is not ready yet");
            return;
        }
        log.info("Another launch handed over {} file(s)", request.files().size());
        InstanceRequest.writeReply(out, InstanceRequest.OK, "ok");
    }

    /** Ends a request that takes longer than its deadline in total (each read alone has the socket's timeout). */
    private static final class Deadline extends FilterInputStream {
        private final long end;

        Deadline(InputStream in, long millis) {
            super(in);
            this.end = System.nanoTime() + millis * 1_000_000L;
        }

        private void check() throws IOException {
            if (System.nanoTime() > end) {
                throw new SocketTimeoutException("request took too long");
            }
        }

        @Override
        public int read() throws IOException {
            check();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check();
            return super.read(b, off, len);
        }
    }

    /**
     * Reads what the refused client still sends (bounded) before closing: closing with unread data resets the
     * connection, and the client would lose the reply.
     */
    private static void drain(Socket client) {
        try {
            client.shutdownOutput();
            client.setSoTimeout(500);
            byte[] buffer = new byte[64 * 1024];
            long left = InstanceRequest.MAX_TOTAL_BYTES * 2L;
            long deadline = System.nanoTime() + 1_000_000_000L; // a drip-feeding client gets one second at most
            var in = client.getInputStream();
            for (int n; left > 0 && System.nanoTime() < deadline && (n = in.read(buffer)) > 0; ) {
                left -= n;
            }
        } catch (IOException ignored) {
            // gone or too slow: close anyway
        }
    }

    private boolean dispatch(InstanceRequest request) {
        Consumer<InstanceRequest> h;
        synchronized (this) {
            h = handler;
            if (h == null) {
                if (early.size() >= MAX_EARLY) {
                    log.warn("Turned a request from another launch away: the window is not ready yet");
                    return false;
                }
                early.add(request);
                return true;
            }
        }
        h.accept(request);
        return true;
    }

    /** Stops listening and removes the endpoint file (if it is still ours). */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        endpoint.deleteFrom(home);
    }
}
