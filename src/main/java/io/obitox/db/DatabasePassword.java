package io.obitox.db;

import io.obitox.common.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The database user's password: H2's server mode (AUTO_SERVER, so the CLI can work beside the window) listens on
 * loopback, where any local user, or a web page through DNS rebinding, could connect. The password is random, kept in
 * an owner-only file of the app home, and every ObitoX process of that home reads the same file. Databases of earlier
 * versions had an empty password; {@link Database} sets this one on their first open.
 */
final class DatabasePassword {
    private static final char[] CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private DatabasePassword() {}

    /** The password in {@code file}, made (48 random letters and digits) when the file does not exist yet. */
    static String readOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            StringBuilder fresh = new StringBuilder();
            for (int i = 0; i < 48; i++) {
                fresh.append(CHARS[RANDOM.nextInt(CHARS.length)]);
            }
            try {
                Files.createDirectories(file.getParent());
                OwnerOnly.createFile(file, (fresh + "\n").getBytes(StandardCharsets.US_ASCII));
                return fresh.toString();
            } catch (FileAlreadyExistsException anotherProcessMadeIt) {
                // use theirs
            }
        }
        OwnerOnly.restrictFile(file);
        String password = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (password.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        return password;
    }
}
