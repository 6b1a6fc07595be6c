package io.obitox.transfer;

import io.obitox.common.ObitoxException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * The local side of a transfer: what the file is now (size, mtime, a fingerprint of sampled blocks) and the MD5 of
 * any byte range. The fingerprint lets a resume notice a file that changed in place while keeping its size and
 * mtime (copy tools that preserve timestamps).
 */
public final class SourceFile {
    private static final int SAMPLE = 64 * 1024;

    private SourceFile() {}

    /** Size, modification time and fingerprint of a file as it is now. */
    public record Identity(long size, long mtime, String fingerprint) {}

    public static Identity identify(Path path) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attrs.isRegularFile()) {
                throw new ObitoxException(
                        "NOT_A_FILE",
                        "'" + path + "' is not a regular file.",
                        "Pick a file; folders are expanded into their files.");
            }
            long size = attrs.size();
            long mtime = attrs.lastModifiedTime().toMillis();
            // CRC32C, not a cryptographic hash: the fingerprint only tells "changed in place" from "same file", and
            // CRC32C runs as a CPU instruction even before the JIT warms up (SHA-256 over the samples was a third of
            // the CPU of queueing a thousand small files).
            CRC32C crc = new CRC32C();
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(SAMPLE, Math.max(1, size)));
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                sample(ch, 0, buf, crc);
                if (size > 2L * SAMPLE) {
                    sample(ch, size / 2 - SAMPLE / 2, buf, crc);
                    sample(ch, size - SAMPLE, buf, crc);
                } else if (size > SAMPLE) {
                    sample(ch, SAMPLE, buf, crc);
                }
            }
            String hash = String.format("%08x", crc.getValue());
            return new Identity(size, mtime, size + ":" + mtime + ":" + hash);
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    /** Content-MD5 (base64) and raw digest of {@code length} bytes at {@code offset}. */
    public static byte[] md5(Path path, long offset, long length) {
        MessageDigest md5 = md5();
        read(path, offset, length, md5::update);
        return md5.digest();
    }

    /** The first {@code length} bytes of the file, read once (a small file's whole body). */
    static byte[] readAll(Path path, int length) {
        ByteBuffer all = ByteBuffer.allocate(length);
        read(path, 0, length, all::put);
        return all.array();
    }

    /**
     * Reads {@code length} bytes at {@code offset} into the start of {@code into} (one read of the file; a part's
     * body is then hashed and sent from memory). At most 1 MiB per system call: the JDK copies a heap buffer's read
     * through a temporary direct buffer of the same size, cached per thread, so one call per part would pin a
     * part-sized native buffer on every part thread.
     */
    static void readInto(Path path, long offset, byte[] into, int length) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            int pos = 0;
            while (pos < length) {
                int n = ch.read(ByteBuffer.wrap(into, pos, Math.min(1 << 20, length - pos)), offset + pos);
                if (n > 0) {
                    pos += n;
                } else if (n < 0) {
                    throw new ObitoxException(
                            "SOURCE_CHANGED",
                            "'" + path.getFileName() + "' became shorter while it was being read.",
                            "Wait until the file is completely written, then retry.");
                }
            }
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    /** Feeds {@code length} bytes at {@code offset} to {@code sink}, one buffer of at most 1 MiB at a time. */
    static void read(Path path, long offset, long length, java.util.function.Consumer<ByteBuffer> sink) {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(1, length)));
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long pos = offset;
            long end = offset + length;
            while (pos < end) {
                buf.clear();
                buf.limit((int) Math.min(buf.capacity(), end - pos));
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new ObitoxException(
                            "SOURCE_CHANGED",
                            "'" + path.getFileName() + "' became shorter while " + "it was being read.",
                            "Wait until the file is completely written, then retry.");
                }
                buf.flip();
                sink.accept(buf);
                pos += n;
            }
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    public static String base64(byte[] digest) {
        return Base64.getEncoder().encodeToString(digest);
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    private static void sample(FileChannel ch, long pos, ByteBuffer buf, CRC32C crc) throws IOException {
        buf.clear();
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                break;
            }
        }
        buf.flip();
        crc.update(buf);
    }

    /** The plain-words failure for a source file that cannot be read. */
    public static ObitoxException unreadable(Path path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new ObitoxException(
                    "FILE_NOT_FOUND",
                    "'" + path + "' no longer exists (deleted or moved after it " + "was queued).",
                    "Put the file back, or remove it from the queue.",
                    e);
        }
        if (e instanceof AccessDeniedException) {
            return new ObitoxException(
                    "UNREADABLE",
                    "'" + path + "' cannot be read: permission denied.",
                    "Give your user read access to the file.",
                    e);
        }
        return new ObitoxException(
                "UNREADABLE",
                "'" + path + "' cannot be read: " + e.getMessage() + ".",
                "Check the disk and the file, then retry.",
                e);
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
