package io.obitox.common;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Turns any failure into a {@link UserMessage}. Features register translators for their own exception types (the
 * S3 translator lives in {@code io.obitox.storage}); anything unknown still gets a readable sentence, never a stack
 * trace.
 */
public final class Errors {
    private Errors() {}

    /** Unwraps the wrappers that executors and futures put around the real cause. */
    public static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException
                        || current instanceof ExecutionException
                        || current instanceof UncheckedIOException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    public static UserMessage describe(Throwable failure) {
        return describe(failure, t -> null);
    }

    /**
     * @param translator tried first on the unwrapped failure; returns null when it does not know the type
     */
    public static UserMessage describe(Throwable failure, Function<Throwable, UserMessage> translator) {
        Throwable t = unwrap(failure);
        UserMessage translated = translator.apply(t);
        if (translated != null) {
            return translated;
        }
        if (t instanceof ObitoxException e) {
            return e.toUserMessage();
        }
        if (t instanceof CancellationException || t instanceof InterruptedException) {
            return new UserMessage("CANCELLED", "Cancelled.", "");
        }
        if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
            return new UserMessage(
                    "FILE_NOT_FOUND",
                    "File not found: " + fileOf(t) + ".",
                    "Check that the file still exists and the path is right.");
        }
        if (t instanceof AccessDeniedException) {
            return new UserMessage(
                    "UNREADABLE",
                    "Permission denied: " + fileOf(t) + ".",
                    "Give your user read access to the file, or pick another one.");
        }
        if (t instanceof FileSystemException fse) {
            String reason = fse.getReason() == null ? "file system error" : fse.getReason();
            return new UserMessage("IO_ERROR", "Could not use " + fileOf(t) + ": " + reason + ".", "");
        }
        if (t instanceof UnknownHostException) {
            return new UserMessage(
                    "ENDPOINT_UNREACHABLE",
                    "Unknown host " + t.getMessage() + ".",
                    "Check the endpoint URL and your network connection.");
        }
        if (t instanceof ConnectException) {
            return new UserMessage(
                    "ENDPOINT_UNREACHABLE",
                    "Could not connect: " + t.getMessage() + ".",
                    "Check that the server is running and the endpoint URL and port are right.");
        }
        if (t instanceof SocketTimeoutException) {
            return new UserMessage(
                    "TIMEOUT", "The server did not answer in time.", "Check your network, then try again.");
        }
        if (t instanceof IOException) {
            return new UserMessage("IO_ERROR", "Input/output error: " + safeMessage(t) + ".", "");
        }
        if (t instanceof IllegalArgumentException) {
            return new UserMessage("INVALID_INPUT", safeMessage(t), "");
        }
        return new UserMessage(
                "UNEXPECTED",
                "Something went wrong: " + safeMessage(t) + ".",
                "Try again; if it keeps happening, see the log file.");
    }

    private static String fileOf(Throwable t) {
        if (t instanceof FileSystemException fse && fse.getFile() != null) {
            return fse.getFile();
        }
        return safeMessage(t);
    }

    private static String safeMessage(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : Redactor.redact(m);
    }
}
