package io.obitox.db;

import io.obitox.common.ObitoxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.h2.api.ErrorCode;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;

/**
 * Plain-words translation of database failures, e.g. a full disk, and the sorting of failures at start: only a
 * damaged or unreadable file may be moved aside; a file in use or not accessible is left exactly as it is.
 */
final class DatabaseErrors {
    private static final Set<Integer> DAMAGED_STORE = Set.of(
            DataUtils.ERROR_UNSUPPORTED_FORMAT,
            DataUtils.ERROR_FILE_CORRUPT,
            DataUtils.ERROR_CHUNK_NOT_FOUND,
            DataUtils.ERROR_BLOCK_NOT_FOUND,
            DataUtils.ERROR_TRANSACTION_CORRUPT,
            DataUtils.ERROR_UNKNOWN_DATA_TYPE);

    private DatabaseErrors() {}

    /**
     * @param afterDiskFull whether this database already failed with a full disk: H2 closes its store after such a
     *     failure, so the requests that were in flight at the same moment only see "the store is closed", and the
     *     user should read the same cause and fix on every one of them
     */
    static ObitoxException translate(SQLException e, boolean afterDiskFull) {
        String message = String.valueOf(e.getMessage());
        if (isDiskFull(e) || (afterDiskFull && isClosed(e))) {
            return new ObitoxException(
                    "DISK_FULL",
                    "The disk that holds the ObitoX database is full; the change was not saved.",
                    "Free some space on that disk, then retry.",
                    e);
        }
        if (e.getErrorCode() == ErrorCode.DATABASE_IS_READ_ONLY) {
            return new ObitoxException(
                    "DATABASE_READ_ONLY",
                    "The ObitoX database is read-only; the change was not saved.",
                    "Check the permissions of the app home.",
                    e);
        }
        return new ObitoxException(
                "DATABASE_ERROR",
                "The ObitoX database reported an error: " + firstLine(message) + ".",
                "Retry; if it persists, see the log file.",
                e);
    }

    /** True when the failure, or any cause of it, says the disk is full. */
    static boolean isDiskFull(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("no space left") || m.contains("disk full") || m.contains("not enough space")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isClosed(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException sql && sql.getErrorCode() == ErrorCode.DATABASE_IS_CLOSED) {
                return true;
            }
            String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("store is closed") || m.contains("database has been closed")) {
                return true;
            }
        }
        return false;
    }

    /** The file is damaged or in a format this H2 cannot read: the only failures that move it aside. */
    static boolean isDamaged(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException sql
                    && (sql.getErrorCode() == ErrorCode.FILE_CORRUPTED_1
                            || sql.getErrorCode() == ErrorCode.FILE_VERSION_ERROR_1)) {
                return true;
            }
            if (c instanceof MVStoreException mv && DAMAGED_STORE.contains(mv.getErrorCode())) {
                return true;
            }
        }
        return false;
    }

    /** Another process holds the file (H2's "already in use", or the store's file lock). */
    static boolean isInUse(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException sql && sql.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                return true;
            }
            if (c instanceof MVStoreException mv && mv.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                return true;
            }
        }
        return false;
    }

    static boolean isAccessDenied(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            if (c instanceof AccessDeniedException
                    || m.contains("permission denied")
                    || m.contains("access is denied")) {
                return true;
            }
        }
        return false;
    }

    static ObitoxException inUse(Path directory, Optional<ProcessHandle> holder, Throwable cause) {
        String who = DatabaseHolder.describe(holder);
        return new ObitoxException(
                "DATABASE_IN_USE",
                "The ObitoX database in " + directory + " is in use by " + who + ", which does not share it. "
                        + "ObitoX left it as it was.",
                holder.map(h -> "Close " + who + " (for example kill " + h.pid() + "), then run ObitoX again.")
                        .orElse("Close the other program that has it open, then run ObitoX again."),
                cause);
    }

    static ObitoxException accessDenied(Path directory, Throwable cause) {
        return new ObitoxException(
                "DATABASE_ACCESS_DENIED",
                "ObitoX may not read or write its database in " + directory + ". ObitoX left it as it was.",
                "Give your user back its files (for example: chown -R \"$USER\" " + directory + " && chmod -R u+rwX "
                        + directory + "), or choose another app home with --home.",
                cause);
    }

    static ObitoxException notAnswering(Path directory, Optional<ProcessHandle> holder, Duration waited) {
        String who = DatabaseHolder.describe(holder);
        return new ObitoxException(
                "DATABASE_NOT_ANSWERING",
                (holder.isPresent()
                                ? "The ObitoX database in " + directory + " is held by " + who
                                        + ", which did not answer within " + waited.toSeconds() + " s."
                                : "The ObitoX database in " + directory + " did not open within " + waited.toSeconds()
                                        + " s; another process may hold it and not answer.")
                        + " ObitoX left it as it was.",
                holder.map(h -> "If " + who + " was stopped, continue it (kill -CONT " + h.pid()
                                + ") or close it, then run the command again.")
                        .orElse("Close or restart the ObitoX window, then run the command again."),
                null);
    }

    static ObitoxException passwordWrong(Path directory, Path passwordFile, Throwable cause) {
        return new ObitoxException(
                "DATABASE_PASSWORD_WRONG",
                "The ObitoX database in " + directory + " does not accept the password kept in " + passwordFile
                        + ". ObitoX left both as they were.",
                "Put back the " + passwordFile.getFileName() + " that belongs to this database (e.g. from the backup "
                        + "it came from); or move the folder " + directory + " away to start with an empty database.",
                cause);
    }

    static ObitoxException passwordUnreadable(Path passwordFile, Throwable cause) {
        return new ObitoxException(
                "DATABASE_UNUSABLE",
                "The file with the database password (" + passwordFile + ") cannot be read or created.",
                "Check the permissions of the app home, or choose another with --home.",
                cause);
    }

    /** Any other failure at start: not known to be damage, so nothing is moved. */
    static ObitoxException cannotOpen(Path directory, String reason, Throwable cause) {
        String sentence = reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
        return new ObitoxException(
                "DATABASE_UNUSABLE",
                "The ObitoX database in " + directory + " cannot be opened: " + sentence
                        + ". ObitoX left it as it was.",
                "See the log file for details; check the permissions and free space of the app home.",
                cause);
    }

    static ObitoxException diskFullAtStart(Path directory, Throwable cause) {
        return new ObitoxException(
                "DISK_FULL",
                "The disk that holds the ObitoX database (" + directory + ") is full, so ObitoX cannot open it. "
                        + "Your data is untouched.",
                "Free some space on that disk, then start ObitoX again.",
                cause);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl > 0 ? s.substring(0, nl) : s;
    }

    /** The first line of an H2 failure's message, without H2's error code: what a notice can quote. */
    static String describe(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = m.indexOf('\n');
        m = newline > 0 ? m.substring(0, newline) : m;
        int bracket = m.indexOf(" [");
        return (bracket > 0 ? m.substring(0, bracket) : m).trim();
    }
}
