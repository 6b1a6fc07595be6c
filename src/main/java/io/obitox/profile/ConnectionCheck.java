package io.obitox.profile;

import io.obitox.common.TextRef;
import io.obitox.common.UserMessage;

/**
 * One line of a connection test: what was checked, how it went, what it saw and how to fix it.
 *
 * <p>{@code name}, {@code message} and {@code fix} are English ({@code obitox profile test} and its JSON print them).
 * A check made from bundle references ({@link #of}, {@link #from}) keeps them too ({@code nameText},
 * {@code messageText}, {@code fixText}), so that the Profiles view shows it in the user's language; a reference is
 * null where there is none, and a view then shows the English.
 *
 * @param code the {@link io.obitox.storage.S3Errors} code of a failure, or {@code OK}
 */
public record ConnectionCheck(
        String name,
        Status status,
        String code,
        String message,
        String fix,
        TextRef nameText,
        TextRef messageText,
        TextRef fixText) {

    /** Outcome of a check. WARNING means the connection works but a later feature will degrade. */
    public enum Status {
        PASSED,
        WARNING,
        FAILED,
        SKIPPED
    }

    public ConnectionCheck {
        fix = fix == null ? "" : fix;
    }

    public ConnectionCheck(String name, Status status, String code, String message, String fix) {
        this(name, status, code, message, fix, null, null, null);
    }

    /** A check from bundle references, its English rendered now; {@code fix} may be null for none. */
    static ConnectionCheck of(Status status, String code, TextRef name, TextRef message, TextRef fix) {
        return new ConnectionCheck(
                name.english(), status, code, message.english(), fix == null ? "" : fix.english(), name, message, fix);
    }

    /** A check that says what {@code m} says, with its references where it has them. */
    static ConnectionCheck from(TextRef name, Status status, UserMessage m) {
        return new ConnectionCheck(
                name.english(), status, m.code(), m.message(), m.fix(), name, m.messageRef(), m.fixRef());
    }

    static ConnectionCheck passed(TextRef name, TextRef message) {
        return of(Status.PASSED, "OK", name, message, null);
    }

    static ConnectionCheck skipped(TextRef name, TextRef message) {
        return of(Status.SKIPPED, "SKIPPED", name, message, null);
    }

    /** What it saw and the fix, as one message (code, English and references). */
    public UserMessage asMessage() {
        return new UserMessage(code, message, fix, messageText, fixText);
    }
}
