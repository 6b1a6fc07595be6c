package io.obitox.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.testing.TestPaths;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The second-launch channel: a loopback socket, a private endpoint file, a token, and limits on everything. */
class InstanceChannelTest {
    private final List<InstanceServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(InstanceServer::close);
    }

    private AppHome home(String name) {
        return new AppHome(TestPaths.newDir(name).resolve("home")).create();
    }

    private InstanceServer start(AppHome home, List<InstanceRequest> received) throws IOException {
        return start(home, received, 500);
    }

    private InstanceServer start(AppHome home, List<InstanceRequest> received, int readTimeoutMs) throws IOException {
        InstanceServer s = InstanceServer.start(home, readTimeoutMs);
        servers.add(s);
        s.deliverTo(received::add);
        return s;
    }

    @Test
    void handsFilesOverToTheRunningInstanceAsAbsolutePaths() throws IOException {
        AppHome home = home("instance-forward");
        List<InstanceRequest> received = new CopyOnWriteArrayList<>();
        start(home, received);
        Path absolute = TestPaths.newDir("instance-forward-files").resolve("photo one.jpg");
        Path relative = Path.of("relative dir", "notes\nwith newline.txt");

        InstanceClient.Result r = InstanceClient.forward(home, List.of(absolute, relative), Duration.ofSeconds(5));

        assertThat(r.delivered()).as(r.message()).isTrue();
        assertThat(r.message()).isEqualTo("2 file(s) handed over");
        assertThat(Messages.of(Locale.GERMAN).render(r.reason())).isEqualTo("2 Datei(en) übergeben");
        assertThat(received).hasSize(1);
        assertThat(received.get(0).bringToFront()).isTrue();
        assertThat(received.get(0).files())
                .containsExactly(absolute, relative.toAbsolutePath().normalize());
    }

    @Test
    void aLaunchWithoutFilesOnlyBringsTheWindowToTheFront() throws IOException {
        AppHome home = home("instance-front");
        List<InstanceRequest> received = new CopyOnWriteArrayList<>();
        start(home, received);

        InstanceClient.Result r = InstanceClient.forward(home, List.of(), Duration.ofSeconds(5));

        assertThat(r.delivered()).isTrue();
        assertThat(received).containsExactly(new InstanceRequest(List.of(), true));
    }

    @Test
    void requestsBeforeTheWindowIsReadyWaitAndArriveInOrder() throws IOException {
        AppHome home = home("instance-early");
        InstanceServer server = InstanceServer.start(home, 500);
        servers.add(server);
        Path a = Path.of("/data/a.bin");
        Path b = Path.of("/data/b.bin");
        assertThat(InstanceClient.forward(home, List.of(a), Duration.ofSeconds(5))
                        .delivered())
                .isTrue();
        assertThat(InstanceClient.forward(home, List.of(b), Duration.ofSeconds(5))
                        .delivered())
                .isTrue();

        List<Path> got = new ArrayList<>();
        server.deliverTo(r -> got.addAll(r.files()));

        assertThat(got).containsExactly(a, b);
    }

    @Test
    void theEndpointFileIsReadableByTheUserOnlyAndGoesAwayWithTheServer() throws IOException {
        AppHome home = home("instance-file");
        InstanceServer server = start(home, new ArrayList<>());
        Path file = InstanceEndpoint.file(home);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String text = Files.readString(file);
        assertThat(text).contains("port=" + server.port()).containsPattern("token=[0-9a-f]{64}");
        assertThat(InstanceEndpoint.read(home).orElseThrow().port()).isEqualTo(server.port());
        try (var leftovers = Files.list(home.root())) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }

        server.close();
        assertThat(file).doesNotExist();
    }

    @Test
    void theServerListensOnLoopbackOnly() throws IOException {
        AppHome home = home("instance-loopback");
        InstanceServer server = start(home, new ArrayList<>());
        // reachable through loopback, refused on every other address of this machine
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            assertThat(s.getInetAddress().isLoopbackAddress()).isTrue();
        }
        for (var nic : Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (var address : Collections.list(nic.getInetAddresses())) {
                if (address.isLoopbackAddress() || address.isLinkLocalAddress()) {
                    continue;
                }
                try (Socket s = new Socket()) {
                    s.connect(new java.net.InetSocketAddress(address, server.port()), 500);
                    throw new AssertionError("reachable on " + address);
                } catch (IOException expected) {
                    // refused: not listening there
                }
            }
        }
    }

    @Test
    void aWrongTokenIsRefusedBeforeAnyPathIsRead() throws IOException {
        AppHome home = home("instance-token");
        List<InstanceRequest> received = new CopyOnWriteArrayList<>();
        InstanceServer server = start(home, received);
        byte[] wrong = new byte[InstanceRequest.TOKEN_BYTES];
        wrong[0] = 1;

        byte status = exchange(
                server.port(),
                out -> new InstanceRequest(List.of(Path.of("/etc/passwd")), true)
                        .write(new DataOutputStream(out), wrong));

        assertThat(status).isEqualTo(InstanceRequest.REFUSED);
        assertThat(received).isEmpty();
        // the right token still works afterwards
        assertThat(InstanceClient.forward(home, List.of(Path.of("/ok")), Duration.ofSeconds(5))
                        .delivered())
                .isTrue();
        assertThat(received).hasSize(1);
    }

    @Test
    void garbageIsRefusedAndTheServerKeepsServing() throws IOException {
        AppHome home = home("instance-garbage");
        List<InstanceRequest> received = new CopyOnWriteArrayList<>();
        InstanceServer server = start(home, received);

        byte status = exchange(
                server.port(),
                out -> out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(status).isEqualTo(InstanceRequest.INVALID);
        assertThat(exchange(server.port(), out -> {})).as("an empty request").isEqualTo(InstanceRequest.INVALID);

        assertThat(InstanceClient.forward(home, List.of(Path.of("/ok")), Duration.ofSeconds(5))
                        .delivered())
                .isTrue();
        assertThat(received).hasSize(1);
    }

    @Test
    void requestsBeyondTheLimitsAreRefused() throws IOException {
        AppHome home = home("instance-limits");
        List<InstanceRequest> received = new CopyOnWriteArrayList<>();
        InstanceServer server = start(home, received, 10_000); // time enough to read 4 MB on a busy machine
        byte[] token = InstanceEndpoint.read(home).orElseThrow().token();

        // too many files announced
        assertThat(exchange(server.port(), out -> header(out, token, InstanceRequest.MAX_FILES + 1)))
                .isEqualTo(InstanceRequest.INVALID);
        // a negative count
        assertThat(exchange(server.port(), out -> header(out, token, -1))).isEqualTo(InstanceRequest.INVALID);
        // one path longer than allowed: refused from its length, before its bytes are read
        assertThat(exchange(server.port(), out -> {
                    DataOutputStream d = header(out, token, 1);
                    d.writeInt(InstanceRequest.MAX_PATH_BYTES + 1);
                }))
                .isEqualTo(InstanceRequest.INVALID);
        // many long paths: refused once the total passes the limit
        byte[] longPath = ("/" + "x".repeat(InstanceRequest.MAX_PATH_BYTES - 1)).getBytes(StandardCharsets.UTF_8);
        int count = InstanceRequest.MAX_TOTAL_BYTES / longPath.length + 2;
        assertThat(exchange(server.port(), out -> {
                    DataOutputStream d = header(out, token, count);
                    for (int i = 0; i < count; i++) {
                        d.writeInt(longPath.length);
                        d.write(longPath);
                    }
                }))
                .isEqualTo(InstanceRequest.INVALID);
        // a relative path, a NUL and bytes that are not UTF-8
        for (byte[] bad : new byte[][] {
            "relative/path".getBytes(StandardCharsets.UTF_8),
            "/a\0b".getBytes(StandardCharsets.UTF_8),
            new byte[] {'/', (byte) 0xC3, (byte) 0x28}
        }) {
            assertThat(exchange(server.port(), out -> {
                        DataOutputStream d = header(out, token, 1);
                        d.writeInt(bad.length);
                        d.write(bad);
                    }))
                    .isEqualTo(InstanceRequest.INVALID);
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aClientThatDripFeedsItsRequestIsCutOffAtTheDeadline() throws Exception {
        AppHome home = home("instance-drip");
        List<InstanceRequest> received = new CopyOnWriteArrayList<>();
        InstanceServer server = start(home, received); // 500 ms per read, 1 s per request
        byte[] token = InstanceEndpoint.read(home).orElseThrow().token();
        Thread drip = new Thread(() -> {
            // one byte every 300 ms: each read comes in time, the request as a whole does not
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                DataOutputStream d = header(s.getOutputStream(), token, 1);
                d.writeInt(100);
                d.flush();
                for (int i = 0; i < 30; i++) {
                    d.write('/');
                    d.flush();
                    Thread.sleep(300);
                }
            } catch (IOException | InterruptedException cut) {
                // the server closed the connection
            }
        });
        drip.start();
        try {
            Thread.sleep(300);
            // while the drip-feeding client is still connected, a real second launch gets through
            InstanceClient.Result r = InstanceClient.forward(home, List.of(Path.of("/ok")), Duration.ofSeconds(3));
            assertThat(r.delivered()).as(r.message()).isTrue();
            assertThat(drip.isAlive())
                    .as("the drip-feeding client is still sending")
                    .isTrue();
            assertThat(received).extracting(InstanceRequest::files).containsExactly(List.of(Path.of("/ok")));
        } finally {
            drip.interrupt();
            drip.join(10_000);
        }
    }

    @Test
    void aClientThatSendsNothingIsDroppedAfterTheReadTimeout() throws IOException {
        AppHome home = home("instance-slow");
        List<InstanceRequest> received = new CopyOnWriteArrayList<>();
        InstanceServer server = start(home, received);
        try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            idle.setSoTimeout(5_000);
            long start = System.nanoTime();
            // the server gives up on the silent client (500 ms in this test) and closes the connection
            assertThat(idle.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        } catch (java.net.SocketException reset) {
            // also fine: the server closed it
        }
        assertThat(InstanceClient.forward(home, List.of(Path.of("/ok")), Duration.ofSeconds(5))
                        .delivered())
                .isTrue();
    }

    @Test
    void withoutARunningInstanceTheSecondLaunchSaysWhy() throws IOException {
        AppHome home = home("instance-none");
        InstanceClient.Result none = InstanceClient.forward(home, List.of(Path.of("/a")), Duration.ofMillis(300));
        assertThat(none.delivered()).isFalse();
        assertThat(none.message()).contains("has not said where it listens").contains("gui.port");

        // an endpoint file of an instance that is gone: its port refuses
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        InstanceEndpoint.fresh(deadPort).writeTo(home);
        InstanceClient.Result dead = InstanceClient.forward(home, List.of(Path.of("/a")), Duration.ofMillis(300));
        assertThat(dead.delivered()).isFalse();
        assertThat(dead.message()).contains("did not answer on port " + deadPort);
        // the start-up dialog in German: the reason too, the port not grouped as a number
        Messages german = Messages.of(Locale.GERMAN);
        assertThat(german.get("app.alert.alreadyRunningText", home.root(), german.render(dead.reason())))
                .startsWith("ObitoX läuft bereits mit dem Datenordner " + home.root() + ", aber es hat auf Port "
                        + deadPort + " nicht geantwortet (");
    }

    @Test
    void aStaleEndpointFileIsReplacedByTheNextInstance() throws IOException {
        AppHome home = home("instance-stale");
        InstanceEndpoint.fresh(1).writeTo(home);
        List<InstanceRequest> received = new CopyOnWriteArrayList<>();
        start(home, received);
        assertThat(InstanceClient.forward(home, List.of(Path.of("/x")), Duration.ofSeconds(5))
                        .delivered())
                .isTrue();
        assertThat(received).hasSize(1);
    }

    @Test
    void longListsGoInSeveralRequestsAndOnlyTheFirstRaisesTheWindow() {
        List<Path> many = IntStream.range(0, 2 * InstanceRequest.MAX_FILES + 5)
                .mapToObj(i -> Path.of("/f/" + i))
                .toList();
        List<InstanceRequest> parts = InstanceClient.split(many);
        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).bringToFront()).isTrue();
        assertThat(parts.get(1).bringToFront()).isFalse();
        assertThat(parts.stream().mapToInt(p -> p.files().size()).sum()).isEqualTo(many.size());
        assertThat(parts.get(2).files()).hasSize(5);
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static DataOutputStream header(OutputStream out, byte[] token, int count) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(InstanceRequest.MAGIC);
        d.writeByte(InstanceRequest.VERSION);
        d.write(token);
        d.writeByte(0);
        d.writeInt(count);
        return d;
    }

    /** Sends raw bytes and returns the server's status byte. */
    private static byte exchange(int port, Writer writer) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            try {
                writer.write(out);
                out.flush();
                s.shutdownOutput();
            } catch (IOException closedEarly) {
                // the server may refuse and close before everything is written
            }
            return new DataInputStream(s.getInputStream()).readByte();
        }
    }
}
