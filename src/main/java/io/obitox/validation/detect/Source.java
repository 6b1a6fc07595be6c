package io.obitox.validation.detect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Random access to the bytes of one file, for the few formats whose type is written away from the head. */
interface Source {
    long size();

    /** Reads up to {@code len} bytes at {@code position}; returns how many were read (less only at end of file). */
    int read(long position, byte[] dst, int off, int len) throws IOException;

    /** Reads {@code len} bytes at {@code position} into a new array, shorter only when the file ends first. */
    default byte[] readAt(long position, int len) throws IOException {
        if (position < 0 || position >= size() || len <= 0) {
            return new byte[0];
        }
        int want = (int) Math.min(len, size() - position);
        byte[] out = new byte[want];
        int got = read(position, out, 0, want);
        return got == want ? out : java.util.Arrays.copyOf(out, Math.max(0, got));
    }

    static Source of(FileChannel channel, long size) {
        return new Source() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public int read(long position, byte[] dst, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(dst, off, len);
                long pos = position;
                while (buf.hasRemaining()) {
                    int r = channel.read(buf, pos);
                    if (r < 0) {
                        break;
                    }
                    pos += r;
                }
                return (int) (pos - position);
            }
        };
    }

    static Source of(byte[] data) {
        return new Source() {
            @Override
            public long size() {
                return data.length;
            }

            @Override
            public int read(long position, byte[] dst, int off, int len) {
                if (position >= data.length) {
                    return 0;
                }
                int n = (int) Math.min(len, data.length - position);
                System.arraycopy(data, (int) position, dst, off, n);
                return n;
            }
        };
    }
}
