package io.obitox.transfer;

import java.nio.ByteBuffer;
import java.util.zip.Checksum;

/**
 * CRC-64/NVME (the {@code x-amz-checksum-crc64nvme} S3 and R2 verify): reflected polynomial {@code
 * 0x9a6c9329ac4bc9b5}, initial value and final xor all ones; check value of "123456789" {@code 0xae8b14860a799888}.
 * The JDK has none and the AWS SDK's needs the CRT, so this is a table-driven one (slicing by 8, about 1–2 GB/s on
 * one core).
 *
 * <p>Not thread-safe (like {@link java.util.zip.CRC32C}): one per stream of bytes.
 */
final class Crc64Nvme implements Checksum {
    /** The polynomial, reflected (bit 63 is x^0). */
    static final long POLY = 0x9a6c9329ac4bc9b5L;

    private static final long[][] TABLE = new long[8][256];

    static {
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
            }
            TABLE[0][n] = c;
        }
        for (int n = 0; n < 256; n++) {
            long c = TABLE[0][n];
            for (int t = 1; t < 8; t++) {
                c = TABLE[0][(int) (c & 0xff)] ^ (c >>> 8);
                TABLE[t][n] = c;
            }
        }
    }

    private long crc = ~0L;

    @Override
    public void update(int b) {
        crc = TABLE[0][(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
    }

    @Override
    public void update(byte[] b, int off, int len) {
        long c = crc;
        int i = off;
        int end = off + len;
        while (end - i >= 8) {
            long v = (b[i] & 0xffL)
                    | (b[i + 1] & 0xffL) << 8
                    | (b[i + 2] & 0xffL) << 16
                    | (b[i + 3] & 0xffL) << 24
                    | (b[i + 4] & 0xffL) << 32
                    | (b[i + 5] & 0xffL) << 40
                    | (b[i + 6] & 0xffL) << 48
                    | (b[i + 7] & 0xffL) << 56;
            c ^= v;
            c = TABLE[7][(int) (c & 0xff)]
                    ^ TABLE[6][(int) ((c >>> 8) & 0xff)]
                    ^ TABLE[5][(int) ((c >>> 16) & 0xff)]
                    ^ TABLE[4][(int) ((c >>> 24) & 0xff)]
                    ^ TABLE[3][(int) ((c >>> 32) & 0xff)]
                    ^ TABLE[2][(int) ((c >>> 40) & 0xff)]
                    ^ TABLE[1][(int) ((c >>> 48) & 0xff)]
                    ^ TABLE[0][(int) (c >>> 56)];
            i += 8;
        }
        while (i < end) {
            c = TABLE[0][(int) ((c ^ b[i++]) & 0xff)] ^ (c >>> 8);
        }
        crc = c;
    }

    @Override
    public void update(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            int pos = buffer.position();
            update(buffer.array(), buffer.arrayOffset() + pos, buffer.remaining());
            buffer.position(buffer.limit());
            return;
        }
        byte[] chunk = new byte[Math.min(buffer.remaining(), 64 * 1024)];
        while (buffer.hasRemaining()) {
            int n = Math.min(chunk.length, buffer.remaining());
            buffer.get(chunk, 0, n);
            update(chunk, 0, n);
        }
    }

    /** The CRC as an unsigned 64-bit value (in a long). */
    @Override
    public long getValue() {
        return ~crc;
    }

    @Override
    public void reset() {
        crc = ~0L;
    }
}
