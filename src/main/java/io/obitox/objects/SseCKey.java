package io.obitox.objects;

import io.obitox.common.ObitoxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A customer-provided key for SSE-C: 256 bits, read from a file holding either the 32 raw bytes, or them in base64
 * (as {@code openssl rand -base64 32} writes) or hex. Not a record, so that no {@code toString}, log line or JSON can
 * ever show the key; only {@link #md5Base64()} (the fingerprint S3 also receives) may be shown or stored.
 */
public final class SseCKey {
    private final byte[] key;
    private final String md5;

    private SseCKey(byte[] key) {
        this.key = key.clone();
        this.md5 = Base64.getEncoder().encodeToString(md5(key));
    }

    public static SseCKey of(byte[] key) {
        if (key.length != 32) {
            throw ObjectSettingsErrors.invalid(
                    "An SSE-C key must be 256 bits (32 bytes); this one has " + key.length + " bytes.",
                    "Make one with: openssl rand -base64 32 > sse-c.key");
        }
        return new SseCKey(key);
    }

    public static SseCKey read(Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ObitoxException(
                    "SSE_C_KEY_UNREADABLE",
                    "The SSE-C key file '" + file + "' cannot be read ("
                            + e.getClass().getSimpleName() + ").",
                    "Check the path and that you may read it.",
                    e);
        }
        if (raw.length == 32) {
            return of(raw);
        }
        String text = new String(raw, StandardCharsets.US_ASCII).strip();
        try {
            if (text.matches("[0-9a-fA-F]{64}")) {
                return of(HexFormat.of().parseHex(text));
            }
            return of(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            // the message says nothing of the content: it may be a key in a format we do not read
            throw ObjectSettingsErrors.invalid(
                    "The SSE-C key file '" + file + "' holds neither 32 raw bytes nor a base64 or hex 256-bit key.",
                    "Make one with: openssl rand -base64 32 > sse-c.key");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** The key in base64, for the {@code x-amz-server-side-encryption-customer-key} header only. */
    public String base64() {
        return Base64.getEncoder().encodeToString(key);
    }

    /** The base64 MD5 of the key: {@code x-amz-server-side-encryption-customer-key-MD5}, and what is stored. */
    public String md5Base64() {
        return md5;
    }

    @Override
    public String toString() {
        return "SseCKey[md5=" + md5 + "]";
    }

    private static byte[] md5(byte[] b) {
        try {
            return MessageDigest.getInstance("MD5").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
