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
import java.util.Map;
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
            return UserMessage.of("CANCELLED", t("svc.err.cancelled"), null);
        }
        if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
            return UserMessage.of(
                    "FILE_NOT_FOUND", t("svc.err.fileNotFound", fileOf(t)), t("svc.err.fileNotFound.fix"));
        }
        if (t instanceof AccessDeniedException) {
            return UserMessage.of(
                    "UNREADABLE", t("svc.err.permissionDenied", fileOf(t)), t("svc.err.permissionDenied.fix"));
        }
        if (t instanceof FileSystemException fse) {
            Object reason = fse.getReason() == null ? t("svc.err.fileSystemError") : reason(fse.getReason());
            return UserMessage.of("IO_ERROR", t("svc.err.couldNotUse", fileOf(t), reason), null);
        }
        if (t instanceof UnknownHostException) {
            return UserMessage.of(
                    "ENDPOINT_UNREACHABLE",
                    t("svc.err.unknownHost", String.valueOf(t.getMessage())),
                    t("svc.err.unknownHost.fix"));
        }
        if (t instanceof ConnectException) {
            return UserMessage.of(
                    "ENDPOINT_UNREACHABLE",
                    t("svc.err.couldNotConnect", String.valueOf(t.getMessage())),
                    t("svc.err.couldNotConnect.fix"));
        }
        if (t instanceof SocketTimeoutException) {
            return UserMessage.of("TIMEOUT", t("svc.err.timeout"), t("svc.err.timeout.fix"));
        }
        if (t instanceof IOException) {
            return UserMessage.of("IO_ERROR", t("svc.err.io", reason(safeMessage(t))), null);
        }
        if (t instanceof IllegalArgumentException) {
            return new UserMessage("INVALID_INPUT", safeMessage(t), "");
        }
        return UserMessage.of("UNEXPECTED", t("svc.err.unexpected", safeMessage(t)), t("svc.err.unexpected.fix"));
    }

    /**
     * The operating system's words for the commonest file failures (Linux's, which are also the English texts of
     * these keys), so that a view shows them in the user's language; any other reason stays as the system said it.
     */
    private static final Map<String, String> REASONS = Map.of(
            "No space left on device", "svc.err.reason.diskFull",
            "Disk quota exceeded", "svc.err.reason.quota",
            "Permission denied", "svc.err.reason.permissionDenied",
            "Read-only file system", "svc.err.reason.readOnly",
            "No such file or directory", "svc.err.reason.noSuchFile",
            "Is a directory", "svc.err.reason.isDirectory",
            "Not a directory", "svc.err.reason.notDirectory",
            "Directory not empty", "svc.err.reason.notEmpty",
            "File name too long", "svc.err.reason.nameTooLong",
            "Too many open files", "svc.err.reason.tooManyFiles");

    /** A {@link TextRef} for a reason the system words as one of {@link #REASONS}, else the reason itself. */
    private static Object reason(String reason) {
        String key = REASONS.get(reason.strip());
        return key == null ? reason : t(key);
    }

    private static TextRef t(String key, Object... args) {
        return TextRef.of(key, args);
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
