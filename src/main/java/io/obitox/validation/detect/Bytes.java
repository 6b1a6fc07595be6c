package io.obitox.validation.detect;

import java.nio.charset.StandardCharsets;

/** Reading numbers and signatures out of a file's first bytes; every read is bounds-checked against {@code n}. */
final class Bytes {
    private Bytes() {}

    static boolean at(byte[] b, int n, int off, String ascii) {
        if (off < 0 || off + ascii.length() > n) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[off + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean at(byte[] b, int n, int off, int... sig) {
        if (off < 0 || off + sig.length > n) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if ((b[off + i] & 0xFF) != sig[i]) {
                return false;
            }
        }
        return true;
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int u16le(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    static int u16be(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
    }

    static long u32le(byte[] b, int off) {
        return ((long) u16le(b, off + 2) << 16) | u16le(b, off);
    }

    static long u32be(byte[] b, int off) {
        return ((long) u16be(b, off) << 16) | u16be(b, off + 2);
    }

    static long u64le(byte[] b, int off) {
        return (u32le(b, off + 4) << 32) | u32le(b, off);
    }

    static String ascii(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    /** Index of {@code ascii} in {@code b[from, to)}, or -1. */
    static int indexOf(byte[] b, int from, int to, String ascii) {
        int last = to - ascii.length();
        byte first = (byte) ascii.charAt(0);
        for (int i = Math.max(0, from); i <= last; i++) {
            if (b[i] == first && at(b, to, i, ascii)) {
                return i;
            }
        }
        return -1;
    }
}
