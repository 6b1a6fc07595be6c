package io.obitox.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.testing.TestPaths;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.TlsTrustManagersProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * The guard against request bodies a server stops reading, on the real Apache client and real loopback sockets: it
 * ends a write that nothing else would end, and leaves slow but moving bodies alone.
 */
class BodyStallGuardTest {
    private static final int MIB = 1 << 20;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch testOver = new CountDownLatch(1);
    private ServerSocket server;
    private BodyStallGuard guard;

    @AfterEach
    void tearDown() throws IOException {
        testOver.countDown();
        if (guard != null) {
            guard.close();
        }
        if (server != null) {
            server.close();
        }
        threads.shutdownNow();
    }

    @Test
    void abortsARequestWhoseBodyTheServerStopsReading() throws Exception {
        start(this::blackHole);
        guard = guard(Duration.ofSeconds(1), Duration.ofSeconds(30));
        long started = System.nanoTime();

        assertThatThrownBy(() -> put(guard, bytes(16 * MIB)))
                .isInstanceOf(StalledBodyException.class)
                .hasMessage("The storage server stopped taking the data: nothing could be sent for 1 s.");

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    @Test
    void abortsAStalledBodyOverTls() throws Exception {
        // Most endpoints are https: closing an SSLSocket while another thread is blocked writing to it must not wait
        // for that writer (Apache sets SO_LINGER 0 before closing, so the SSL close does not queue behind it).
        Tls tls = selfSignedTls();
        startTls(tls.context(), this::blackHole);
        guard = guard(Duration.ofSeconds(1), Duration.ofSeconds(30), tls::trust);
        long started = System.nanoTime();

        assertThatThrownBy(() -> put(guard, bytes(16 * MIB), "https")).isInstanceOf(StalledBodyException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    @Test
    void letsASlowButSteadyBodyThroughLongAfterTheStallLimit() throws Exception {
        start(socket -> slowReader(socket, 2 * MIB));
        // a 2 s limit: with 1 s, a reader thread starved for a second on a loaded machine (load 26, two test JVMs)
        // looked like a stall
        guard = guard(Duration.ofSeconds(2), Duration.ofSeconds(10));
        long started = System.nanoTime();

        HttpExecuteResponse r = put(guard, bytes(10 * MIB));

        assertThat(r.httpResponse().statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("the body took more than two stall limits to arrive")
                .isGreaterThan(Duration.ofSeconds(4));
    }

    @Test
    void doesNotCountTimeTheSenderSpendsProducingTheBody() throws Exception {
        start(socket -> slowReader(socket, 0));
        guard = guard(Duration.ofSeconds(1), Duration.ofSeconds(10));
        // like the bandwidth limiter: two reads each take 1.5 s, longer than the stall limit
        ContentStreamProvider paced = () -> new PacedStream(2 * MIB, 1_500);

        HttpExecuteResponse r = put(guard, paced, 2 * MIB);

        assertThat(r.httpResponse().statusCode()).isEqualTo(200);
    }

    @Test
    void interruptingTheCallerEndsABlockedWrite() throws Exception {
        start(this::blackHole);
        guard = guard(Duration.ofSeconds(60), Duration.ofSeconds(60));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ended = new CountDownLatch(1);
        Thread caller = new Thread(() -> {
            try {
                put(guard, bytes(16 * MIB));
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                ended.countDown();
            }
        });
        caller.start();
        Thread.sleep(1_000); // blocked in the write by now: 16 MiB do not fit in the socket buffers
        assertThat(ended.getCount()).as("still writing").isEqualTo(1);

        caller.interrupt();

        assertThat(ended.await(5, TimeUnit.SECONDS)).as("the write ended").isTrue();
        assertThat(failure.get()).isInstanceOf(InterruptedIOException.class);
    }

    @Test
    void abortingItsGroupEndsABlockedWriteAtOnceWithoutInterruptingTheCaller() throws Exception {
        start(this::blackHole);
        guard = guard(Duration.ofSeconds(60), Duration.ofSeconds(60));
        RequestGroup group = new RequestGroup();
        Caller caller = new Caller(() -> group.run(() -> put(guard, bytes(16 * MIB))));
        Thread.sleep(1_000); // blocked in the write by now: 16 MiB do not fit in the socket buffers
        assertThat(caller.ended.getCount()).as("still writing").isEqualTo(1);

        group.abort();

        assertThat(caller.ended.await(5, TimeUnit.SECONDS))
                .as("the write ended")
                .isTrue();
        assertThat(caller.failure.get())
                .isInstanceOf(InterruptedIOException.class)
                .hasMessage("request aborted: its transfer was stopped");
        assertThat(caller.interrupted.get())
                .as("the caller's thread was not interrupted")
                .isFalse();
    }

    @Test
    void abortingItsGroupEndsAnAnswerThatStoppedComing() throws Exception {
        start(this::halfAnswer);
        guard = guard(Duration.ofSeconds(60), Duration.ofSeconds(60));
        RequestGroup group = new RequestGroup();
        AtomicLong read = new AtomicLong();
        Caller caller = new Caller(() -> group.run(() -> {
            try (InputStream in = get(guard).responseBody().orElseThrow()) {
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    read.addAndGet(n);
                }
            }
            return null;
        }));
        Thread.sleep(1_000); // the first MiB is read by now, the rest never comes
        assertThat(caller.ended.getCount()).as("still reading").isEqualTo(1);

        group.abort();

        assertThat(caller.ended.await(5, TimeUnit.SECONDS)).as("the read ended").isTrue();
        assertThat(caller.failure.get()).isInstanceOf(IOException.class);
        assertThat(read.get()).isEqualTo(MIB);
        assertThat(caller.interrupted.get())
                .as("the caller's thread was not interrupted")
                .isFalse();
    }

    @Test
    void aRequestOfAnAbortedGroupIsNeverSentAndOthersAreNotTouched() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        start(socket -> {
            connections.incrementAndGet();
            slowReader(socket, 0);
        });
        guard = guard(Duration.ofSeconds(60), Duration.ofSeconds(60));
        RequestGroup group = new RequestGroup();

        group.abort();

        assertThatThrownBy(() -> group.run(() -> put(guard, bytes(1024)))).isInstanceOf(InterruptedIOException.class);
        assertThatThrownBy(() -> group.run(() -> get(guard))).isInstanceOf(InterruptedIOException.class);
        assertThat(put(guard, bytes(1024)).httpResponse().statusCode())
                .as("a request outside the group")
                .isEqualTo(200);
        assertThat(connections.get())
                .as("only the request outside the group was sent")
                .isEqualTo(1);
    }

    /** Runs {@code call} on a thread of its own, recording how it ended. */
    private static final class Caller {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicBoolean interrupted = new AtomicBoolean();
        final CountDownLatch ended = new CountDownLatch(1);

        Caller(java.util.concurrent.Callable<?> call) {
            Thread t = new Thread(() -> {
                try {
                    call.call();
                } catch (Throwable e) {
                    failure.set(e);
                } finally {
                    interrupted.set(Thread.currentThread().isInterrupted());
                    ended.countDown();
                }
            });
            t.setDaemon(true);
            t.start();
        }
    }

    private static BodyStallGuard guard(Duration stall, Duration read) {
        return guard(stall, read, () -> null);
    }

    /** The same Apache client as StorageClients (deprecated in SDK 2.57 in favour of the Apache 5 one). */
    @SuppressWarnings("deprecation")
    private static BodyStallGuard guard(Duration stall, Duration read, TlsTrustManagersProvider trust) {
        SdkHttpClient apache = ApacheHttpClient.builder()
                .socketTimeout(read)
                .connectionTimeout(Duration.ofSeconds(2))
                .expectContinueEnabled(false)
                .tlsTrustManagersProvider(trust)
                .build();
        return new BodyStallGuard(apache, stall, read);
    }

    private HttpExecuteResponse put(BodyStallGuard client, byte[] body) throws IOException {
        return put(client, body, "http");
    }

    private HttpExecuteResponse put(BodyStallGuard client, byte[] body, String scheme) throws IOException {
        return put(client, () -> new ByteArrayInputStream(body), body.length, scheme);
    }

    private HttpExecuteResponse put(BodyStallGuard client, ContentStreamProvider body, long length) throws IOException {
        return put(client, body, length, "http");
    }

    private HttpExecuteResponse put(BodyStallGuard client, ContentStreamProvider body, long length, String scheme)
            throws IOException {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.PUT)
                .uri(URI.create(scheme + "://127.0.0.1:" + server.getLocalPort() + "/bucket/key"))
                .putHeader("Content-Length", Long.toString(length))
                .build();
        ExecutableHttpRequest call = client.prepareRequest(HttpExecuteRequest.builder()
                .request(request)
                .contentStreamProvider(body)
                .build());
        HttpExecuteResponse r = call.call();
        r.responseBody().ifPresent(b -> {
            try {
                b.close();
            } catch (IOException ignored) {
                // nothing to read
            }
        });
        return r;
    }

    private HttpExecuteResponse get(BodyStallGuard client) throws IOException {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/bucket/key"))
                .build();
        return client.prepareRequest(
                        HttpExecuteRequest.builder().request(request).build())
                .call();
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private interface Handler {
        void handle(Socket socket) throws Exception;
    }

    /** One loopback server with a small receive window, so a client's write blocks after a few MiB. */
    private void start(Handler handler) throws IOException {
        serve(new ServerSocket(), handler);
    }

    private void startTls(SSLContext tls, Handler handler) throws IOException {
        serve(tls.getServerSocketFactory().createServerSocket(), handler);
    }

    private void serve(ServerSocket socket, Handler handler) throws IOException {
        server = socket;
        server.setReceiveBufferSize(64 * 1024);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.submit(() -> {
            while (!server.isClosed()) {
                Socket s = server.accept();
                threads.submit(() -> {
                    try (s) {
                        handler.handle(s);
                    }
                    return null;
                });
            }
            return null;
        });
    }

    /** A TLS context with a fresh self-signed certificate for 127.0.0.1 (made by the JDK's keytool). */
    private static Tls selfSignedTls() throws Exception {
        Path dir = TestPaths.newDir("stall-tls");
        Path store = dir.resolve("server.p12");
        char[] password = "stall-test".toCharArray();
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "SAN=ip:127.0.0.1",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        new String(password))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool.out").toFile())
                .start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as("keytool, see " + dir).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return new Tls(ctx, tmf.getTrustManagers());
    }

    private record Tls(SSLContext context, TrustManager[] trust) {}

    /** Reads the head, then neither the body nor answers nor closes, until the test is over. */
    private void blackHole(Socket socket) throws Exception {
        readHead(socket.getInputStream());
        testOver.await();
    }

    /** Answers 200 with a body of 8 MiB, sends its first MiB, then nothing more until the test is over. */
    private void halfAnswer(Socket socket) throws Exception {
        readHead(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + 8 * MIB + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes(MIB));
        out.flush();
        testOver.await();
    }

    /** Reads the whole body at {@code bytesPerSecond} (0: as fast as it comes), then answers 200. */
    private void slowReader(Socket socket, int bytesPerSecond) throws Exception {
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        long length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            }
        }
        byte[] buf = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                return;
            }
            left -= n;
            if (bytesPerSecond > 0) {
                Thread.sleep(n * 1000L / bytesPerSecond);
            }
        }
        OutputStream out = socket.getOutputStream();
        out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the head ended");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** A body whose reads at the start and half way each take {@code pauseMillis}, as a bandwidth limiter's may. */
    private static final class PacedStream extends InputStream {
        private final long length;
        private long position;
        private int pauses;
        private final long pauseMillis;

        PacedStream(long length, long pauseMillis) {
            this.length = length;
            this.pauseMillis = pauseMillis;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= length) {
                return -1;
            }
            if (pauses < 2 && position >= pauses * (length / 2)) {
                pauses++;
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                }
            }
            int n = (int) Math.min(len, length - position);
            position += n;
            return n;
        }
    }
}
