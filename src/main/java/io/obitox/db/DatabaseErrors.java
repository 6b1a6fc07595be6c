package io.obitox.db;

import io.obitox.common.ObitoxException;
import java.sql.SQLException;
import org.h2.api.ErrorCode;

/** Plain-words translation of database failures, e.g. a full disk. */
final class DatabaseErrors {
    private DatabaseErrors() {}

    static ObitoxException translate(SQLException e) {
        String message = String.valueOf(e.getMessage());
        boolean diskFull = message.toLowerCase(java.util.Locale.ROOT).contains("no space left")
                || message.toLowerCase(java.util.Locale.ROOT).contains("disk full")
                || causeSays(e, "No space left");
        if (diskFull) {
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

    private static boolean causeSays(Throwable t, String text) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && c.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl > 0 ? s.substring(0, nl) : s;
    }
}
