package io.obitox.transfer;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A full-object checksum the server returned for what it stored after a single PUT ({@code x-amz-checksum-*}; AWS
 * sends them when the SDK asked for one), compared with the same checksum of the file. Servers that ignore these
 * headers (Ceph RGW) return none, and then there is nothing to compare. The full-object CRC ObitoX itself sends is
 * compared by {@link FullObjectChecksum}; this covers any other one an answer carries (AWS adds CRC64NVME to objects
 * uploaded without a checksum).
 *
 * @param algorithm the name the details show, e.g. "CRC32C"
 * @param base64 the value as the header carries it
 */
record ReturnedChecksum(String algorithm, String base64) {

    static Optional<ReturnedChecksum> of(PutObjectResponse r) {
        if (r.checksumSHA256() != null) {
            return Optional.of(new ReturnedChecksum("SHA-256", r.checksumSHA256()));
        }
        if (r.checksumCRC32C() != null) {
            return Optional.of(new ReturnedChecksum("CRC32C", r.checksumCRC32C()));
        }
        if (r.checksumCRC32() != null) {
            return Optional.of(new ReturnedChecksum("CRC32", r.checksumCRC32()));
        }
        if (r.checksumCRC64NVME() != null) {
            return Optional.of(new ReturnedChecksum("CRC64NVME", r.checksumCRC64NVME()));
        }
        if (r.checksumSHA1() != null) {
            return Optional.of(new ReturnedChecksum("SHA-1", r.checksumSHA1()));
        }
        return Optional.empty();
    }

    /** True when {@code data} has this checksum. */
    boolean matches(byte[] data) {
        return matches(data, data.length);
    }

    /** True when the first {@code length} bytes of {@code data} have this checksum. */
    boolean matches(byte[] data, int length) {
        return base64.trim().equals(of(sink -> sink.accept(java.nio.ByteBuffer.wrap(data, 0, length))));
    }

    /** True when {@code length} bytes of {@code file} from {@code offset} have this checksum. */
    boolean matches(Path file, long offset, long length) {
        return base64.trim().equals(of(file, offset, length));
    }

    private String of(Path file, long offset, long length) {
        return of(sink -> SourceFile.read(file, offset, length, sink));
    }

    /** @param bytes feeds the content to the given sink */
    private String of(java.util.function.Consumer<java.util.function.Consumer<ByteBuffer>> bytes) {
        switch (algorithm) {
            case "CRC64NVME" -> {
                Crc64Nvme crc = new Crc64Nvme();
                bytes.accept(crc::update);
                return Base64.getEncoder()
                        .encodeToString(
                                ByteBuffer.allocate(8).putLong(crc.getValue()).array());
            }
            case "CRC32C", "CRC32" -> {
                Checksum crc = algorithm.equals("CRC32C") ? new CRC32C() : new CRC32();
                bytes.accept(crc::update);
                return Base64.getEncoder()
                        .encodeToString(ByteBuffer.allocate(4)
                                .putInt((int) crc.getValue())
                                .array());
            }
            default -> {
                try {
                    MessageDigest d = MessageDigest.getInstance(algorithm);
                    bytes.accept(d::update);
                    return Base64.getEncoder().encodeToString(d.digest());
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
