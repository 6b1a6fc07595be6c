package io.obitox.transfer;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * The full-object checksum of one upload ({@code x-amz-checksum-type: FULL_OBJECT}) on providers that verify one
 * ({@code ProviderCapabilities.fullObjectChecksum}): a single PUT carries the file's CRC; a multipart upload is
 * created with the algorithm and {@code FULL_OBJECT}, every part carries its own CRC (computed over the same bytes
 * as its Content-MD5), and Complete carries the whole file's CRC, combined from the parts' CRCs without reading the
 * file again. The server checks the parts against it and returns the object's CRC, which the final check compares.
 *
 * <p>Values are sent as headers computed here, never by the SDK (whose CRC64NVME needs the CRT, and whose trailers
 * some servers refuse). CRC32C and CRC-64/NVME both start and end with all ones, so one combination rule fits both.
 *
 * <p>Thread-safe: part threads record their CRCs at once; the coordinator reads them at Complete.
 */
final class FullObjectChecksum {
    /** Reflected CRC-32C (Castagnoli) polynomial. */
    private static final long CRC32C_POLY = 0x82f63b78L;

    private final ChecksumAlgorithm algorithm;
    private final Map<Integer, Long> parts = new ConcurrentHashMap<>();

    FullObjectChecksum(ChecksumAlgorithm algorithm) {
        if (algorithm != ChecksumAlgorithm.CRC32_C && algorithm != ChecksumAlgorithm.CRC64_NVME) {
            throw new IllegalArgumentException("not a full-object CRC: " + algorithm);
        }
        this.algorithm = algorithm;
    }

    /** "CRC32C" or "CRC64NVME", as the details show it. */
    String name() {
        return algorithm == ChecksumAlgorithm.CRC32_C ? "CRC32C" : "CRC64NVME";
    }

    ChecksumAlgorithm algorithm() {
        return algorithm;
    }

    Checksum newChecksum() {
        return algorithm == ChecksumAlgorithm.CRC32_C ? new CRC32C() : new Crc64Nvme();
    }

    long of(byte[] data, int offset, int length) {
        Checksum c = newChecksum();
        c.update(data, offset, length);
        return c.getValue();
    }

    /** The CRC of {@code length} bytes of {@code file} at {@code offset} (one read). */
    long of(Path file, long offset, long length) {
        Checksum c = newChecksum();
        SourceFile.read(file, offset, length, (ByteBuffer b) -> c.update(b));
        return c.getValue();
    }

    /** Base64 of the big-endian value, as the header carries it (4 bytes for CRC32C, 8 for CRC64NVME). */
    String encode(long value) {
        ByteBuffer b = algorithm == ChecksumAlgorithm.CRC32_C
                ? ByteBuffer.allocate(4).putInt((int) value)
                : ByteBuffer.allocate(8).putLong(value);
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** The value of a header, or null when it is absent or not one of ours. */
    Long decode(String base64) {
        if (base64 == null || base64.isBlank()) {
            return null;
        }
        try {
            byte[] raw = Base64.getDecoder().decode(base64.trim());
            int width = algorithm == ChecksumAlgorithm.CRC32_C ? 4 : 8;
            if (raw.length != width) {
                return null;
            }
            return width == 4
                    ? ByteBuffer.wrap(raw).getInt() & 0xffffffffL
                    : ByteBuffer.wrap(raw).getLong();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Records part {@code n}'s CRC (sent with it, or as the server listed it at resume). */
    void part(int n, long crc) {
        parts.put(n, crc);
    }

    Long part(int n) {
        return parts.get(n);
    }

    /** The whole content's CRC from the parts' CRCs in order; every part must be recorded. */
    long whole(PartPlan plan) {
        long crc = 0;
        for (int n = 1; n <= plan.partCount(); n++) {
            Long p = parts.get(n);
            if (p == null) {
                throw new IllegalStateException("no CRC for part " + n);
            }
            crc = n == 1 ? p : combine(crc, p, plan.length(n));
        }
        return crc;
    }

    /** The CRC of A followed by B, from CRC(A), CRC(B) and B's length. */
    long combine(long crcA, long crcB, long lengthB) {
        return algorithm == ChecksumAlgorithm.CRC32_C
                ? Crc32Math.combine(crcA, crcB, lengthB)
                : Crc64Math.combine(crcA, crcB, lengthB);
    }

    // --- what goes on the requests ---

    PutObjectRequest.Builder put(PutObjectRequest.Builder b, long crc) {
        return algorithm == ChecksumAlgorithm.CRC32_C
                ? b.checksumCRC32C(encode(crc))
                : b.checksumCRC64NVME(encode(crc));
    }

    CreateMultipartUploadRequest.Builder create(CreateMultipartUploadRequest.Builder b) {
        return b.checksumAlgorithm(algorithm).checksumType(ChecksumType.FULL_OBJECT);
    }

    UploadPartRequest.Builder part(UploadPartRequest.Builder b, long crc) {
        return algorithm == ChecksumAlgorithm.CRC32_C
                ? b.checksumCRC32C(encode(crc))
                : b.checksumCRC64NVME(encode(crc));
    }

    CompletedPart.Builder completed(CompletedPart.Builder b, int n) {
        String v = encode(parts.get(n));
        return algorithm == ChecksumAlgorithm.CRC32_C ? b.checksumCRC32C(v) : b.checksumCRC64NVME(v);
    }

    CompleteMultipartUploadRequest.Builder complete(CompleteMultipartUploadRequest.Builder b, long whole) {
        b.checksumType(ChecksumType.FULL_OBJECT);
        return algorithm == ChecksumAlgorithm.CRC32_C
                ? b.checksumCRC32C(encode(whole))
                : b.checksumCRC64NVME(encode(whole));
    }

    // --- what comes back ---

    /** The object's CRC a single PUT's answer returned, or null. */
    Long returned(PutObjectResponse r) {
        return decode(algorithm == ChecksumAlgorithm.CRC32_C ? r.checksumCRC32C() : r.checksumCRC64NVME());
    }

    /**
     * The whole object's CRC Complete returned, or null when the server returned none or a composite one (a
     * checksum of checksums, {@code -N}): only a {@code FULL_OBJECT} value is the content's.
     */
    Long returned(CompleteMultipartUploadResponse r) {
        if (r.checksumType() == ChecksumType.COMPOSITE) {
            return null;
        }
        String v = algorithm == ChecksumAlgorithm.CRC32_C ? r.checksumCRC32C() : r.checksumCRC64NVME();
        return v == null || v.contains("-") ? null : decode(v);
    }

    /** A listed part's CRC, or null. */
    Long listed(Part p) {
        return decode(algorithm == ChecksumAlgorithm.CRC32_C ? p.checksumCRC32C() : p.checksumCRC64NVME());
    }

    /**
     * Whether a resumed upload was created with this algorithm as a full-object checksum: what ListParts says (AWS
     * names the upload's algorithm and type, and one created without a checksum as CRC64NVME or not at all), else
     * whether its listed parts carry our CRCs; null when the server says neither (S3Proxy lists parts without
     * checksums): then the caller takes it as created by this version, which always uses the provider's checksum.
     */
    Boolean usedBy(ListPartsResponse first, Iterable<Part> parts) {
        if (first != null && first.checksumAlgorithm() != null) {
            return first.checksumAlgorithm() == algorithm
                    && (first.checksumType() == null || first.checksumType() == ChecksumType.FULL_OBJECT);
        }
        for (Part p : parts) {
            if (listed(p) != null) {
                return true;
            }
            if (p.checksumCRC32() != null
                    || p.checksumCRC32C() != null
                    || p.checksumCRC64NVME() != null
                    || p.checksumSHA1() != null
                    || p.checksumSHA256() != null) {
                return false; // another algorithm's
            }
        }
        return null;
    }

    /** CRC combination over GF(2) for a reflected 32-bit CRC (zlib's method: multiply by x^(8·len) mod P). */
    static final class Crc32Math {
        private static final long[] X2N = table();

        private Crc32Math() {}

        static long combine(long crcA, long crcB, long lengthB) {
            return (multModP(x8nModP(lengthB), crcA) ^ crcB) & 0xffffffffL;
        }

        private static long multModP(long a, long b) {
            long m = 1L << 31;
            long p = 0;
            for (; ; ) {
                if ((a & m) != 0) {
                    p ^= b;
                    if ((a & (m - 1)) == 0) {
                        break;
                    }
                }
                m >>>= 1;
                b = (b & 1) != 0 ? (b >>> 1) ^ CRC32C_POLY : b >>> 1;
            }
            return p;
        }

        private static long x8nModP(long n) {
            long p = 1L << 31; // x^0
            int k = 3;
            while (n != 0) {
                if ((n & 1) != 0) {
                    p = multModP(X2N[k], p);
                }
                n >>>= 1;
                k++;
            }
            return p;
        }

        private static long[] table() {
            long[] t = new long[70];
            long p = 1L << 30; // x^1
            t[0] = p;
            for (int k = 1; k < t.length; k++) {
                p = multModP(p, p);
                t[k] = p;
            }
            return t;
        }
    }

    /** The same for CRC-64/NVME. */
    static final class Crc64Math {
        private static final long[] X2N = table();

        private Crc64Math() {}

        static long combine(long crcA, long crcB, long lengthB) {
            return multModP(x8nModP(lengthB), crcA) ^ crcB;
        }

        private static long multModP(long a, long b) {
            long m = 1L << 63;
            long p = 0;
            for (; ; ) {
                if ((a & m) != 0) {
                    p ^= b;
                    if ((a & (m - 1)) == 0) {
                        break;
                    }
                }
                m >>>= 1;
                b = (b & 1) != 0 ? (b >>> 1) ^ Crc64Nvme.POLY : b >>> 1;
            }
            return p;
        }

        private static long x8nModP(long n) {
            long p = 1L << 63; // x^0
            int k = 3;
            while (n != 0) {
                if ((n & 1) != 0) {
                    p = multModP(X2N[k], p);
                }
                n >>>= 1;
                k++;
            }
            return p;
        }

        private static long[] table() {
            long[] t = new long[70];
            long p = 1L << 62; // x^1
            t[0] = p;
            for (int k = 1; k < t.length; k++) {
                p = multModP(p, p);
                t[k] = p;
            }
            return t;
        }
    }
}
