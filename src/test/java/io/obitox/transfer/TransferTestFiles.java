package io.obitox.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

/** Files with known, seeded random content, and SHA-256 helpers, for transfer tests. */
final class TransferTestFiles {
    private TransferTestFiles() {}

    /**
     * The fault tests' engine: parts of {@code part} bytes (also the multipart threshold), 4 requests in flight, and
     * {@code retries} retries backing off from 50 ms to {@code maxBackoff}, so that an injected fault is retried fast.
     */
    static void faultTestSettings(TransferEngine engine, long part, int retries, Duration maxBackoff) {
        engine.updateSettings(engine.settings()
                .withPartSize(part)
                .withMultipartThreshold(part)
                .withRetries(retries, Duration.ofMillis(50), maxBackoff)
                .withConcurrency(4));
    }

    static Path random(Path dir, String name, long size, long seed) {
        try {
            Files.createDirectories(dir);
            Path f = dir.resolve(name);
            Random r = new Random(seed);
            byte[] buf = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(f)) {
                long left = size;
                while (left > 0) {
                    r.nextBytes(buf);
                    int n = (int) Math.min(buf.length, left);
                    out.write(buf, 0, n);
                    left -= n;
                }
            }
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
