package io.obitox.db;

import io.obitox.common.ObitoxException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import org.h2.api.ErrorCode;

/** Plain-words translation of database failures, e.g. a full disk. */
final class DatabaseErrors {
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
}
