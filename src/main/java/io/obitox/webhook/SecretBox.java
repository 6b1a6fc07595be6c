package io.obitox.webhook;

import io.obitox.common.ObitoxException;
import io.obitox.common.OwnerOnly;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts webhook signing secrets before they go into H2 (AES-256-GCM, a random 96-bit nonce per value, the
 * endpoint id as associated data so a value cannot be moved to another row). The key is 32 random bytes in a file in
 * the app home that only the user can read. This keeps secrets out of the database file, its backups and support
 * bundles; it does not protect against someone who can read the user's files (see docs/webhooks.md). Thread-safe.
 */
public final class SecretBox {
    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final String FORMAT = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecretKey key;
    private final Path keyFile;

    private SecretBox(SecretKey key, Path keyFile) {
        this.key = key;
        this.keyFile = keyFile;
    }

    /** Reads the key file, or creates it (owner-only) with a fresh random key. Safe against a second process. */
    public static SecretBox open(Path keyFile) {
        try {
            if (!Files.exists(keyFile)) {
                create(keyFile);
            }
            restrict(keyFile);
            byte[] raw = Base64.getDecoder()
                    .decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim());
            if (raw.length != 32) {
                throw new IllegalArgumentException("key length " + raw.length);
            }
            return new SecretBox(new SecretKeySpec(raw, "AES"), keyFile);
        } catch (IOException | IllegalArgumentException e) {
            throw new ObitoxException(
                    "WEBHOOK_KEY_UNUSABLE",
                    "The key file that protects webhook secrets (" + keyFile + ") cannot be read or created.",
                    "Check the permissions of the app home. If the file is damaged, move it away and rotate the "
                            + "secret of every webhook endpoint.",
                    e);
        }
    }

    private static void create(Path keyFile) throws IOException {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        Files.createDirectories(keyFile.getParent());
        Path tmp = keyFile.resolveSibling(
                keyFile.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException noPosix) {
            Files.createFile(tmp);
            OwnerOnly.restrictFile(tmp); // Windows: an ACL for the owner only
        }
        try {
            Files.writeString(tmp, Base64.getEncoder().encodeToString(raw) + "\n", StandardCharsets.US_ASCII);
            try {
                // a hard link fails if the file exists, so two processes starting at once agree on one key
                Files.createLink(keyFile, tmp);
            } catch (FileAlreadyExistsException otherProcessWon) {
                // use theirs
            } catch (UnsupportedOperationException | IOException noLinks) {
                if (!Files.exists(keyFile)) {
                    Files.move(tmp, keyFile);
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void restrict(Path keyFile) {
        try {
            if (!Files.getPosixFilePermissions(keyFile).equals(OWNER_ONLY)) {
                log.warn("{} was readable by others; restricted it to the owner", keyFile.getFileName());
                Files.setPosixFilePermissions(keyFile, OWNER_ONLY);
            }
        } catch (UnsupportedOperationException noPosix) {
            try {
                OwnerOnly.restrictFile(keyFile); // Windows: an ACL for the owner only
            } catch (IOException | UnsupportedOperationException ignored) {
                // neither POSIX modes nor ACLs (FAT): nothing to set
            }
        } catch (IOException ignored) {
            // read below reports an unusable file
        }
    }

    public Path keyFile() {
        return keyFile;
    }

    /** {@code v1:} + base64(nonce ‖ ciphertext ‖ tag), bound to {@code context} (the endpoint id). */
    public String encrypt(String plain, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return FORMAT
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The plain value; fails with {@code WEBHOOK_SECRET_UNREADABLE} for another key, another row or a damaged value. */
    public String decrypt(String sealed, String context) {
        try {
            if (sealed == null || !sealed.startsWith(FORMAT)) {
                throw new GeneralSecurityException("unknown format");
            }
            byte[] all = Base64.getDecoder().decode(sealed.substring(FORMAT.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ObitoxException(
                    "WEBHOOK_SECRET_UNREADABLE",
                    "The signing secret of webhook endpoint " + context + " cannot be decrypted (the key file "
                            + keyFile + " was replaced or the value is damaged).",
                    "Rotate the endpoint's secret (obitox webhooks rotate " + context
                            + ") and give the new one to the receiver.",
                    e);
        }
    }
}
