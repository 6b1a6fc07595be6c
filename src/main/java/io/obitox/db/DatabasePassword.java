package io.obitox.db;

import io.obitox.common.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database user's password: H2's server mode (AUTO_SERVER, so the CLI can work beside the window) listens on
 * loopback, where any local user, or a web page through DNS rebinding, could connect. The password is random, kept in
 * an owner-only file of the app home, and every ObitoX process of that home reads the same file. Databases of earlier
 * versions had an empty password; {@link Database} sets this one on their first open.
 */
final class DatabasePassword {
    private static final Logger log = LoggerFactory.getLogger(DatabasePassword.class);
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

    /**
     * The first connection; a database of an earlier version (empty password) gets the password of the file first.
     * When neither fits, nothing is changed (a password file made just now is removed again).
     */
    static Connection login(
            JdbcConnectionPool pool,
            String url,
            String password,
            Path directory,
            Database.Waiting waiting,
            boolean hadPassword)
            throws SQLException {
        try {
            return FirstConnection.open(pool, directory, Database.storeFile(directory), waiting);
        } catch (SQLException refused) {
            if (refused.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
                throw refused;
            }
            Path passwordFile = directory.resolveSibling(Database.PASSWORD_FILE);
            try (Connection legacy = DriverManager.getConnection(url, Database.USER, "");
                    Statement st = legacy.createStatement()) {
                // a string literal (H2 takes no parameter here); quotes doubled in case the file was edited by hand
                st.execute("ALTER USER " + Database.USER + " SET PASSWORD '" + password.replace("'", "''") + "'");
                log.info("The database user now has the password kept in {}", passwordFile);
            } catch (SQLException stillRefused) {
                if (stillRefused.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
                    throw stillRefused;
                }
                if (!hadPassword) {
                    deleteQuietly(passwordFile);
                }
                throw DatabaseErrors.passwordWrong(directory, passwordFile, refused);
            }
            return FirstConnection.open(pool, directory, Database.storeFile(directory), waiting);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("could not remove {}", file, e);
        }
    }
}
