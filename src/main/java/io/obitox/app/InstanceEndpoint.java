package io.obitox.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the running GUI of an app home listens for a second launch: a loopback port and a random token, in the file
 * {@code gui.port} that only the user can read (0600 in the 0700 app home). Knowing the token proves the caller is
 * the same user, so other local users cannot push paths into someone's upload list.
 */
record InstanceEndpoint(int port, byte[] token, long pid) {
    static final String FILE_NAME = "gui.port";
    private static final SecureRandom RANDOM = new SecureRandom();

    static InstanceEndpoint fresh(int port) {
        byte[] token = new byte[InstanceRequest.TOKEN_BYTES];
        RANDOM.nextBytes(token);
        return new InstanceEndpoint(port, token, ProcessHandle.current().pid());
    }

    static Path file(AppHome home) {
        return home.root().resolve(FILE_NAME);
    }

    /** Writes the file readable by the owner only, atomically, so a reader never sees half of it. */
    void writeTo(AppHome home) throws IOException {
        Path target = file(home);
        Path tmp = target.resolveSibling(FILE_NAME + "." + pid + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp); // Windows: the user's profile folder is private already
        } catch (FileAlreadyExistsException e) {
            throw new IOException("Temporary file " + tmp + " appeared while writing it", e);
        }
        String text = "port=" + port + "\ntoken=" + HexFormat.of().formatHex(token) + "\npid=" + pid + "\n";
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The endpoint in the file, or empty when there is none or it is not one of ours (cut short, edited). */
    static Optional<InstanceEndpoint> read(AppHome home) {
        Path f = file(home);
        try {
            if (Files.size(f) > 1024) {
                return Optional.empty();
            }
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(f, StandardCharsets.US_ASCII)) {
                p.load(r);
            }
            int port = Integer.parseInt(p.getProperty("port", "").trim());
            byte[] token = HexFormat.of().parseHex(p.getProperty("token", "").trim());
            long pid = Long.parseLong(p.getProperty("pid", "0").trim());
            if (port < 1 || port > 65535 || token.length != InstanceRequest.TOKEN_BYTES) {
                return Optional.empty();
            }
            return Optional.of(new InstanceEndpoint(port, token, pid));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Removes the file if it still describes this endpoint (a newer GUI may have replaced it). */
    void deleteFrom(AppHome home) {
        Optional<InstanceEndpoint> current = read(home);
        if (current.isPresent() && java.util.Arrays.equals(current.get().token, token)) {
            try {
                Files.deleteIfExists(file(home));
            } catch (IOException ignored) {
                // the next GUI overwrites it; a reader only finds a port that refuses
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceEndpoint e
                && e.port == port
                && e.pid == pid
                && java.util.Arrays.equals(e.token, token);
    }

    @Override
    public int hashCode() {
        return 31 * Integer.hashCode(port) + java.util.Arrays.hashCode(token);
    }

    @Override
    public String toString() {
        return "InstanceEndpoint[port=" + port + ", pid=" + pid + "]"; // never the token
    }
}
