package io.obitox.sync;

import io.obitox.transfer.PartPlan;
import io.obitox.transfer.SourceFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The ETag an MD5-making S3 server gives a file uploaded with a given part plan, and the SHA-256 of its content, in
 * one read of the file: the content's MD5 for a single PUT; for a multipart upload the MD5 of the concatenated part
 * MD5s plus {@code -N}. The part plan must be the one the upload used (or would use): the same bytes cut differently
 * give a different multipart ETag. Stateless; safe from any thread.
 */
public final class LocalEtag {
    private static final int BUFFER = 1 << 20;

    private LocalEtag() {}

    /**
     * What one read of the file gave.
     *
     * @param etag the S3-style ETag without quotes, lower-case hex ({@code -N} suffix for multipart)
     * @param md5 the MD5 of the whole content (equals {@code etag} for a single PUT)
     * @param sha256 the SHA-256 of the whole content, lower-case hex (what {@code x-amz-meta-sha256} carries)
     */
    public record Digests(long size, String etag, String md5, String sha256, int parts) {}

    /** The digests for the file as the engine would upload it with {@code plan} ({@link PartPlan#of}). */
    public static Digests compute(Path file, PartPlan plan) {
        return compute(file, plan.multipart(), plan.partSize());
    }

    /**
     * The digests for {@code file} cut into parts of {@code partSize} bytes when {@code multipart}, else as one PUT.
     * The size is what was read, so a file that grows while it is read gives digests of what was there.
     */
    public static Digests compute(Path file, boolean multipart, long partSize) {
        if (multipart && partSize <= 0) {
            throw new IllegalArgumentException("part size must be positive for multipart: " + partSize);
        }
        MessageDigest whole = digest("MD5");
        MessageDigest sha = digest("SHA-256");
        MessageDigest part = digest("MD5");
        MessageDigest ofParts = digest("MD5");
        int parts = 0;
        long inPart = 0;
        long size = 0;
        ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (true) {
                buf.clear();
                if (multipart) {
                    // never let one buffer straddle a part boundary
                    buf.limit((int) Math.min(BUFFER, partSize - inPart));
                }
                int n = ch.read(buf);
                if (n < 0) {
                    break;
                }
                buf.flip();
                whole.update(buf.duplicate());
                sha.update(buf.duplicate());
                if (multipart) {
                    part.update(buf);
                    inPart += n;
                    if (inPart == partSize) {
                        ofParts.update(part.digest());
                        parts++;
                        inPart = 0;
                    }
                }
                size += n;
            }
        } catch (IOException e) {
            throw SourceFile.unreadable(file, e);
        }
        String md5 = hex(whole.digest());
        if (!multipart) {
            return new Digests(size, md5, md5, hex(sha.digest()), 1);
        }
        if (inPart > 0 || parts == 0) {
            // the last, shorter part (or the one empty part of an empty multipart upload)
            ofParts.update(part.digest());
            parts++;
        }
        return new Digests(size, hex(ofParts.digest()) + "-" + parts, md5, hex(sha.digest()), parts);
    }

    /** An ETag as compared: without the quotes S3 puts around it, lower case. Null stays null. */
    public static String normalize(String etag) {
        if (etag == null) {
            return null;
        }
        String t = etag.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        return t.toLowerCase(Locale.ROOT);
    }

    /** Whether an ETag has the shape of an MD5 ({@code 32 hex}) or of md5-of-md5s ({@code 32 hex-N}). */
    public static boolean isMd5Shaped(String etag) {
        String t = normalize(etag);
        if (t == null || t.length() < 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            if (Character.digit(t.charAt(i), 16) < 0) {
                return false;
            }
        }
        if (t.length() == 32) {
            return true;
        }
        if (t.charAt(32) != '-' || t.length() == 33) {
            return false;
        }
        for (int i = 33; i < t.length(); i++) {
            if (!Character.isDigit(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String hex(byte[] d) {
        return HexFormat.of().formatHex(d);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
