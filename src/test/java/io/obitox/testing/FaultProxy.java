package io.obitox.testing;

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
import java.util.function.Function;

/**
 * An HTTP proxy for tests that sits between ObitoX and an S3 server on 127.0.0.1 and misbehaves on purpose:
 * resets connections (before or in the middle of a body), answers 500/503, stalls, swallows a request (reads its
 * head, never its body, never answers, never closes: a server whose disk filled up), or holds a request (or its
 * response) until the test releases it — the last one lets a test kill the client at an exact point. It can also
 * change what passes: flip a byte of a request body (the server must refuse its Content-MD5), answer like a
 * KMS-encrypted bucket (every ETag a random value of the same shape, plus {@code x-amz-server-side-encryption:
 * aws:kms}), or report one byte less in a HEAD's Content-Length, or rewrite an answer as the test says (a returned
 * checksum or metadata that differs). Records each request's method, target and headers.
 *
 * <p>One request per connection (it adds {@code Connection: close}), so a response simply ends when the server
 * closes. Counts request-body bytes forwarded, so tests can prove how much was sent again after a crash.
 */
public final class FaultProxy implements AutoCloseable {
    /** What to do with one request. */
    public enum Kind {
        FORWARD,
        RESET_BEFORE_BODY,
        RESET_MID_BODY,
        ERROR_500,
        ERROR_503,
        STALL,
        HOLD_REQUEST,
        HOLD_MID_BODY,
        HOLD_RESPONSE,
        /** Reads the head, then neither reads the body nor answers nor closes, until the proxy is closed. */
        BLACK_HOLE,
        /**
         * Forwards the request, then sends the first half of the answer (its head and part of its body) and nothing
         * more, without closing, until the proxy is closed: a download whose server stopped sending.
         */
        BLACK_HOLE_MID_RESPONSE,
        /**
         * As {@link #BLACK_HOLE}, but first answers {@code 100 Continue} to a request that asks for it, so the client
         * sends the body at once (instead of after its 3 s wait for that answer) and is soon stuck: writing once the
         * socket buffers are full, or waiting for an answer when the whole body fitted in them.
         */
        BLACK_HOLE_AFTER_CONTINUE,
        /** Forwards the request with the middle byte of its body inverted. */
        FLIP_BYTE,
        /**
         * Forwards, then answers like SSE-KMS: each 32-hex ETag (header, or {@code <ETag>} in the body) replaced by
         * a random one of the same shape ({@code -N} kept), and {@code x-amz-server-side-encryption: aws:kms} added.
         */
        KMS_ETAG,
        /** As {@link #KMS_ETAG} without the encryption header: what a corrupting server would answer. */
        RANDOM_ETAG,
        /** Forwards, then reports a Content-Length one less than the server's (meant for HEAD, which has no body). */
        SHORT_LENGTH,
        /**
         * As {@link #KMS_ETAG}, then the answer (head and body, as text) goes through the {@link #rewriter}: a header
         * or checksum that says something else than what the server stored.
         */
        KMS_REWRITE,
        /** Forwards, then the answer goes through the {@link #rewriter} only. */
        REWRITE
    }

    /** A request as the rules see it. */
    public record Request(String method, String target, long contentLength, java.util.Map<String, String> headers) {
        public Request(String method, String target, long contentLength) {
            this(method, target, contentLength, java.util.Map.of());
        }

        /** A request header's value (name case-insensitive), or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public boolean isPart() {
            return target.contains("partNumber=");
        }

        public int partNumber() {
            int i = target.indexOf("partNumber=");
            if (i < 0) {
                return -1;
            }
            int end = target.indexOf('&', i);
            return Integer.parseInt(target.substring(i + 11, end < 0 ? target.length() : end));
        }

        public boolean isCreateMultipart() {
            return method.equals("POST") && target.contains("uploads") && !target.contains("uploadId=");
        }

        public boolean isComplete() {
            return method.equals("POST") && target.contains("uploadId=");
        }
    }

    private final URI upstream;
    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Request> seen = new CopyOnWriteArrayList<>();
    private final AtomicLong bodyBytes = new AtomicLong();
    private volatile Function<Request, Kind> rules = r -> Kind.FORWARD;
    private volatile java.util.function.BiFunction<Request, String, String> rewriter = (r, raw) -> raw;
    private volatile CountDownLatch held = new CountDownLatch(1);
    private volatile CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean closed;

    public FaultProxy(URI upstream) throws IOException {
        this(upstream, 0);
    }

    /**
     * @param receiveBuffer SO_RCVBUF of the sockets the proxy accepts (0: the system's, auto-tuned): a small one makes
     *     a {@link Kind#BLACK_HOLE} block the client's write after a few MiB on any OS
     */
    public FaultProxy(URI upstream, int receiveBuffer) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket();
        if (receiveBuffer > 0) {
            server.setReceiveBufferSize(receiveBuffer); // before bind, so the window is agreed with it
        }
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        pool.execute(this::acceptLoop);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Decides per request; the default forwards everything. */
    public void rules(Function<Request, Kind> rules) {
        this.rules = rules;
        this.held = new CountDownLatch(1);
        this.release = new CountDownLatch(1);
    }

    /**
     * What {@link Kind#KMS_REWRITE} and {@link Kind#REWRITE} do to an answer (the raw HTTP response after the 100 Continue, head and body);
     * the rewriter keeps the Content-Length right.
     */
    public void rewriter(java.util.function.BiFunction<Request, String, String> rewriter) {
        this.rewriter = rewriter;
    }

    /** Waits until a request is being held (HOLD_*), so the test can act at that exact point. */
    public boolean awaitHeld(long seconds) throws InterruptedException {
        return held.await(seconds, TimeUnit.SECONDS);
    }

    /** Lets held requests go on. */
    public void releaseHeld() {
        release.countDown();
    }

    public long bodyBytesForwarded() {
        return bodyBytes.get();
    }

    public List<Request> requests() {
        return new ArrayList<>(seen);
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
            client.setSoTimeout(120_000);
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String[] first = lines[0].split(" ");
            long length = 0;
            java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
            StringBuilder rewritten = new StringBuilder(lines[0]).append("\r\n");
            for (int i = 1; i < lines.length; i++) {
                String lower = lines[i].toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lines[i].substring(15).trim());
                }
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.merge(
                            lower.substring(0, colon).trim(),
                            lines[i].substring(colon + 1).trim(),
                            (a, b) -> a + "," + b);
                }
                if (!lower.startsWith("connection:")) {
                    rewritten.append(lines[i]).append("\r\n");
                }
            }
            rewritten.append("Connection: close\r\n\r\n");
            Request request = new Request(first[0], first[1], length, java.util.Map.copyOf(headers));
            seen.add(request);
            Kind kind = rules.apply(request);
            OutputStream toClient = client.getOutputStream();
            switch (kind) {
                case RESET_BEFORE_BODY -> {
                    client.setSoLinger(true, 0);
                    return;
                }
                case ERROR_500, ERROR_503 -> {
                    drain(in, length);
                    int code = kind == Kind.ERROR_500 ? 500 : 503;
                    String body = "<Error><Code>" + (code == 500 ? "InternalError" : "SlowDown")
                            + "</Code><Message>injected</Message></Error>";
                    toClient.write(("HTTP/1.1 " + code + " Injected\r\nContent-Type: application/xml\r\n"
                                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                            .getBytes(StandardCharsets.US_ASCII));
                    toClient.flush();
                    return;
                }
                case STALL -> {
                    Thread.sleep(20_000);
                    return;
                }
                case BLACK_HOLE -> {
                    closing.await(); // close() ends the wait and closes both sockets
                    return;
                }
                case BLACK_HOLE_AFTER_CONTINUE -> {
                    if ("100-continue".equalsIgnoreCase(request.header("Expect"))) {
                        toClient.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        toClient.flush();
                    }
                    closing.await();
                    return;
                }
                case HOLD_REQUEST -> hold();
                default -> {
                    // forward below
                }
            }
            OutputStream toServer = up.getOutputStream();
            String forwarded = rewritten.toString();
            if ("100-continue".equalsIgnoreCase(request.header("Expect"))) {
                // A server answers "100 Continue" before the client sends the body; this proxy reads the upstream's
                // answer only after the body, so it answers for the server and does not forward the expectation.
                // Left to the client, each such request waited for its 3 s timeout before sending its body.
                toClient.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                toClient.flush();
                forwarded = forwarded.replaceAll("(?im)^expect:[^\r\n]*\r\n", "");
            }
            toServer.write(forwarded.getBytes(StandardCharsets.ISO_8859_1));
            long half = kind == Kind.RESET_MID_BODY || kind == Kind.HOLD_MID_BODY || kind == Kind.FLIP_BYTE
                    ? length / 2
                    : length;
            copy(in, toServer, half);
            if (kind == Kind.FLIP_BYTE && length > 0) {
                int b = in.read();
                toServer.write(~b & 0xff);
                bodyBytes.incrementAndGet();
                copy(in, toServer, length - half - 1);
            }
            if (kind == Kind.RESET_MID_BODY) {
                client.setSoLinger(true, 0);
                return;
            }
            if (kind == Kind.HOLD_MID_BODY) {
                hold();
                copy(in, toServer, length - half);
            }
            toServer.flush();
            InputStream fromServer = up.getInputStream();
            if (kind == Kind.BLACK_HOLE_MID_RESPONSE) {
                byte[] response = fromServer.readAllBytes(); // the upstream closes after one response
                toClient.write(response, 0, response.length / 2);
                toClient.flush();
                closing.await();
                return;
            }
            if (kind == Kind.HOLD_RESPONSE) {
                ByteArrayOutputStream response = new ByteArrayOutputStream();
                fromServer.transferTo(response);
                hold();
                toClient.write(response.toByteArray());
            } else if (kind == Kind.KMS_ETAG
                    || kind == Kind.RANDOM_ETAG
                    || kind == Kind.SHORT_LENGTH
                    || kind == Kind.KMS_REWRITE
                    || kind == Kind.REWRITE) {
                ByteArrayOutputStream response = new ByteArrayOutputStream();
                fromServer.transferTo(response); // the upstream closes after one response (Connection: close)
                String raw = response.toString(StandardCharsets.ISO_8859_1);
                String interim = "";
                while (raw.startsWith("HTTP/1.1 1") && raw.contains("\r\n\r\n")) { // 100 Continue comes first
                    int end = raw.indexOf("\r\n\r\n") + 4;
                    interim += raw.substring(0, end);
                    raw = raw.substring(end);
                }
                String answer = kind == Kind.SHORT_LENGTH
                        ? shortLength(raw)
                        : kind == Kind.REWRITE ? raw : etags(raw, kind == Kind.KMS_ETAG || kind == Kind.KMS_REWRITE);
                if (kind == Kind.KMS_REWRITE || kind == Kind.REWRITE) {
                    answer = rewriter.apply(request, answer);
                }
                toClient.write((interim + answer).getBytes(StandardCharsets.ISO_8859_1));
            } else {
                fromServer.transferTo(toClient);
            }
            toClient.flush();
        } catch (IOException | InterruptedException e) {
            // the client went away (it may have been killed on purpose)
        }
    }

    private static final java.util.regex.Pattern HEX32 = java.util.regex.Pattern.compile("[0-9a-fA-F]{32}");

    /** Same length in, same length out: chunk sizes and Content-Length stay right. */
    private static String etags(String raw, boolean kmsHeader) {
        int end = raw.indexOf("\r\n\r\n");
        if (end < 0) {
            return raw;
        }
        String head = raw.substring(0, end);
        String body = raw.substring(end + 4);
        StringBuilder h = new StringBuilder();
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("etag:")) {
                line = randomHex(line);
            } else if (kmsHeader && lower.startsWith("x-amz-server-side-encryption:")) {
                continue; // replaced below (S3Proxy says AES256)
            }
            h.append(line).append("\r\n");
        }
        h.append(kmsHeader ? "x-amz-server-side-encryption: aws:kms\r\n\r\n" : "\r\n");
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("<ETag>(.*?)</ETag>").matcher(body);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(
                    b, java.util.regex.Matcher.quoteReplacement("<ETag>" + randomHex(m.group(1)) + "</ETag>"));
        }
        m.appendTail(b);
        return h + b.toString();
    }

    private static String randomHex(String text) {
        java.util.regex.Matcher m = HEX32.matcher(text);
        StringBuilder out = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        while (m.find()) {
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 32; i++) {
                hex.append(Character.forDigit(r.nextInt(16), 16));
            }
            m.appendReplacement(out, hex.toString());
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String shortLength(String raw) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?im)^(content-length:\\s*)(\\d+)")
                .matcher(raw);
        if (!m.find()) {
            return raw;
        }
        long n = Long.parseLong(m.group(2));
        return raw.substring(0, m.start(2)) + Math.max(0, n - 1) + raw.substring(m.end(2));
    }

    private void hold() throws InterruptedException {
        held.countDown();
        release.await(120, TimeUnit.SECONDS);
    }

    private void copy(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new IOException("client closed mid-body");
            }
            out.write(buf, 0, r);
            bodyBytes.addAndGet(r);
            left -= r;
        }
    }

    private static void drain(InputStream in, long n) throws IOException {
        in.skipNBytes(n);
    }

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
                throw new IOException("request head too large");
            }
        }
        String s = head.toString(StandardCharsets.ISO_8859_1);
        return s.substring(0, s.length() - 4);
    }

    @Override
    public void close() {
        closed = true;
        closing.countDown();
        release.countDown();
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
