package io.obitox.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP proxy on 127.0.0.1 in front of RGW that counts the response-body bytes it passes on, per request and in
 * total: the server's side of a download, which is what "bytes fetched again after a kill" has to be measured on
 * (RGW's usage log is off here, and the killed client's own records die with it). {@link FaultProxy} counts request
 * bodies only, which is what an upload needs.
 *
 * <p>It can also freeze every answer once a number of body bytes has passed ({@link #freezeAt}), so a test can change
 * the object on the server while a download is at a known point, then let it go on ({@link #thaw}).
 *
 * <p>One request per connection ({@code Connection: close} on the way up), so an answer ends when the server closes.
 */
final class CountingProxy implements AutoCloseable {
    /** One request: its method, target and {@code Range} header (or null), and the body bytes answered so far. */
    record Exchange(String method, String target, String range, AtomicLong bytes) {}

    private final URI upstream;
    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "counting-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong total = new AtomicLong();
    private final Object gate = new Object();
    private long freezeAt = Long.MAX_VALUE;
    private boolean frozen;
    private volatile CountDownLatch reached = new CountDownLatch(1);
    private volatile boolean closed;

    CountingProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        pool.execute(this::acceptLoop);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Response-body bytes passed on since the proxy started. */
    long bodyBytes() {
        return total.get();
    }

    List<Exchange> exchanges() {
        return new ArrayList<>(exchanges);
    }

    /** From the moment {@code totalBytes} body bytes have passed, every answer stops until {@link #thaw}. */
    void freezeAt(long totalBytes) {
        synchronized (gate) {
            freezeAt = totalBytes;
            reached = new CountDownLatch(1);
        }
    }

    boolean awaitFrozen(long seconds) throws InterruptedException {
        return reached.await(seconds, TimeUnit.SECONDS);
    }

    void thaw() {
        synchronized (gate) {
            freezeAt = Long.MAX_VALUE;
            frozen = false;
            gate.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                pool.execute(() -> handle(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client;
                Socket up = new Socket(upstream.getHost(), upstream.getPort())) {
            sockets.add(up);
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String[] first = lines[0].split(" ");
            long length = 0;
            String range = null;
            StringBuilder forwarded = new StringBuilder(lines[0]).append("\r\n");
            for (int i = 1; i < lines.length; i++) {
                String lower = lines[i].toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lines[i].substring(15).trim());
                } else if (lower.startsWith("range:")) {
                    range = lines[i].substring(6).trim();
                }
                if (!lower.startsWith("connection:")) {
                    forwarded.append(lines[i]).append("\r\n");
                }
            }
            forwarded.append("Connection: close\r\n\r\n");
            Exchange exchange = new Exchange(first[0], first[1], range, new AtomicLong());
            exchanges.add(exchange);
            OutputStream toServer = up.getOutputStream();
            toServer.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
            byte[] buf = new byte[64 * 1024];
            for (long left = length; left > 0; ) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (r < 0) {
                    return;
                }
                toServer.write(buf, 0, r);
                left -= r;
            }
            toServer.flush();
            InputStream fromServer = up.getInputStream();
            OutputStream toClient = client.getOutputStream();
            String answerHead = readHead(fromServer);
            if (answerHead == null) {
                return;
            }
            toClient.write((answerHead + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            for (int r; (r = fromServer.read(buf)) > 0; ) {
                waitWhileFrozen();
                toClient.write(buf, 0, r);
                exchange.bytes.addAndGet(r);
                passed(total.addAndGet(r));
            }
            toClient.flush();
        } catch (IOException | InterruptedException e) {
            // the client went away (killed on purpose) or the proxy closed
        }
    }

    private void passed(long now) {
        synchronized (gate) {
            if (now >= freezeAt && !frozen) {
                frozen = true;
                reached.countDown();
            }
        }
    }

    private void waitWhileFrozen() throws InterruptedException {
        synchronized (gate) {
            while (frozen && !closed) {
                gate.wait(1000);
            }
        }
    }

    /** The head of a request or answer without its final empty line; null when the stream ends first. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1
                    : b == '\r' ? 1 : 0;
            if (head.size() > 64 * 1024) {
                throw new IOException("head too large");
            }
        }
        String s = head.toString(StandardCharsets.ISO_8859_1);
        return s.substring(0, s.length() - 4);
    }

    @Override
    public void close() {
        closed = true;
        thaw();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        pool.shutdownNow();
    }
}
