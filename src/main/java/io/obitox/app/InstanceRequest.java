package io.obitox.app;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * What a second launch asks the running GUI of the same app home: add these files to the Upload view, and come to
 * the front. Also the wire format between {@link InstanceClient} and {@link InstanceServer}: binary, length-prefixed
 * (a file name may contain a newline), and bounded everywhere so a local process cannot make the GUI read without
 * end.
 *
 * <pre>
 * request: int MAGIC, byte VERSION, byte[32] token, byte flags (1 = to front), int count, count × (int n, n bytes UTF-8)
 * reply:   byte status (0 ok, 1 refused, 2 invalid, 3 busy), UTF message
 * </pre>
 *
 * @param files absolute paths
 */
public record InstanceRequest(List<Path> files, boolean bringToFront) {
    static final int MAGIC = 0x4F425849; // "OBXI"
    static final byte VERSION = 1;
    static final int TOKEN_BYTES = 32;
    /** Files per request; a client splits longer lists. */
    static final int MAX_FILES = 10_000;
    /** Bytes of one path in UTF-8 (Linux allows 4,096; Windows long paths 32,767 UTF-16 units). */
    static final int MAX_PATH_BYTES = 32_768;
    /** All paths of one request together. */
    static final int MAX_TOTAL_BYTES = 4 * 1024 * 1024;

    static final byte OK = 0;
    static final byte REFUSED = 1;
    static final byte INVALID = 2;
    /** Try again in a moment: the window is not ready yet. */
    static final byte BUSY = 3;

    public InstanceRequest {
        files = List.copyOf(files);
    }

    /** A request the server turns down; {@code status} says whether for the token or for the content. */
    static final class Rejected extends IOException {
        final byte status;

        Rejected(byte status, String message) {
            super(message);
            this.status = status;
        }
    }

    void write(DataOutputStream out, byte[] token) throws IOException {
        out.writeInt(MAGIC);
        out.writeByte(VERSION);
        out.write(token);
        out.writeByte(bringToFront ? 1 : 0);
        out.writeInt(files.size());
        for (Path f : files) {
            byte[] b = f.toString().getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }
        out.flush();
    }

    /**
     * Reads one request, checking the token before anything else is read.
     *
     * @throws Rejected for a wrong token, a foreign protocol or a request beyond the limits
     * @throws IOException when the peer goes away or is too slow (the socket's read timeout)
     */
    static InstanceRequest read(DataInputStream in, byte[] expectedToken) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new Rejected(INVALID, "empty request");
        }
        if (magic != MAGIC) {
            throw new Rejected(INVALID, "not an ObitoX request");
        }
        byte version = in.readByte();
        if (version != VERSION) {
            throw new Rejected(INVALID, "unsupported version " + version);
        }
        byte[] token = new byte[TOKEN_BYTES];
        in.readFully(token);
        if (!MessageDigest.isEqual(token, expectedToken)) {
            throw new Rejected(REFUSED, "wrong token");
        }
        boolean front = (in.readByte() & 1) != 0;
        int count = in.readInt();
        if (count < 0 || count > MAX_FILES) {
            throw new Rejected(INVALID, "file count " + count + " outside 0.." + MAX_FILES);
        }
        List<Path> files = new ArrayList<>(Math.min(count, 256));
        long total = 0;
        for (int i = 0; i < count; i++) {
            int n = in.readInt();
            if (n <= 0 || n > MAX_PATH_BYTES) {
                throw new Rejected(INVALID, "path length " + n + " outside 1.." + MAX_PATH_BYTES);
            }
            total += n;
            if (total > MAX_TOTAL_BYTES) {
                throw new Rejected(INVALID, "request larger than " + MAX_TOTAL_BYTES + " bytes");
            }
            byte[] b = new byte[n];
            in.readFully(b);
            files.add(toPath(b));
        }
        return new InstanceRequest(files, front);
    }

    private static Path toPath(byte[] utf8) throws Rejected {
        String s;
        try {
            s = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Rejected(INVALID, "a path is not valid UTF-8");
        }
        if (s.indexOf('\0') >= 0) {
            throw new Rejected(INVALID, "a path contains a NUL character");
        }
        try {
            Path p = Path.of(s);
            if (!p.isAbsolute()) {
                throw new Rejected(INVALID, "a path is not absolute");
            }
            return p.normalize();
        } catch (InvalidPathException e) {
            throw new Rejected(INVALID, "a path is not valid here");
        }
    }

    static void writeReply(DataOutputStream out, byte status, String message) throws IOException {
        out.writeByte(status);
        out.writeUTF(message.length() > 200 ? message.substring(0, 200) : message);
        out.flush();
    }
}
