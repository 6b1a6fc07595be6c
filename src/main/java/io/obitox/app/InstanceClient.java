package io.obitox.app;

import io.obitox.common.TextRef;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A second launch of the GUI: hands its files to the GUI that already runs with the same app home (see
 * {@link InstanceServer}) instead of opening another window. Blocking, for at most the given patience.
 */
public final class InstanceClient {
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int REPLY_TIMEOUT_MS = 10_000;
    private static final long RETRY_MS = 100;

    private InstanceClient() {}

    /**
     * What happened: {@code delivered}, or why not in words for the user ({@code reason}, rendered in the user's
     * language by whoever shows it; {@link #message()} is its English).
     */
    public record Result(boolean delivered, TextRef reason) {
        public String message() {
            return reason.english();
        }
    }

    /**
     * Sends {@code files} (made absolute) and a bring-to-front request. Waits up to {@code patience} for the running
     * GUI to announce itself (it may be starting right now), then gives up with a reason.
     */
    public static Result forward(AppHome home, List<Path> files, Duration patience) {
        List<Path> absolute = files.stream()
                .map(p -> p.toAbsolutePath().normalize())
                .distinct()
                .toList();
        List<InstanceRequest> requests = split(absolute);
        long deadline = System.nanoTime() + patience.toNanos();
        TextRef lastProblem = TextRef.of("app.instance.noEndpoint", InstanceEndpoint.FILE_NAME, home.root());
        int sent = 0;
        while (sent < requests.size()) {
            Optional<InstanceEndpoint> endpoint = InstanceEndpoint.read(home);
            if (endpoint.isPresent()) {
                try {
                    send(endpoint.get(), requests.get(sent));
                    sent++;
                    continue;
                } catch (Refused e) {
                    if (e.status != InstanceRequest.BUSY) {
                        return new Result(false, TextRef.of("app.instance.refused", String.valueOf(e.getMessage())));
                    }
                    lastProblem = TextRef.of("app.instance.notReady", String.valueOf(e.getMessage()));
                } catch (IOException e) {
                    // the port as text: a number would be grouped (39,807)
                    lastProblem = TextRef.of(
                            "app.instance.noAnswer",
                            String.valueOf(endpoint.get().port()),
                            String.valueOf(e.getMessage()));
                }
            }
            if (System.nanoTime() > deadline) {
                return new Result(false, lastProblem);
            }
            try {
                Thread.sleep(RETRY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(false, TextRef.of("app.instance.interrupted"));
            }
        }
        return new Result(
                true,
                absolute.isEmpty()
                        ? TextRef.of("app.instance.broughtToFront")
                        : TextRef.of("app.instance.handedOver", String.valueOf(absolute.size())));
    }

    /** Lists longer than one request allows go in several; only the first asks for the window. */
    static List<InstanceRequest> split(List<Path> files) {
        List<InstanceRequest> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i += InstanceRequest.MAX_FILES) {
            out.add(new InstanceRequest(
                    files.subList(i, Math.min(files.size(), i + InstanceRequest.MAX_FILES)), i == 0));
        }
        if (out.isEmpty()) {
            out.add(new InstanceRequest(List.of(), true));
        }
        return out;
    }

    private static final class Refused extends IOException {
        final byte status;

        Refused(byte status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static void send(InstanceEndpoint endpoint, InstanceRequest request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.port()), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(REPLY_TIMEOUT_MS);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
            request.write(out, endpoint.token());
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            byte status = in.readByte();
            String message = in.readUTF();
            if (status != InstanceRequest.OK) {
                throw new Refused(status, message);
            }
        }
    }
}
