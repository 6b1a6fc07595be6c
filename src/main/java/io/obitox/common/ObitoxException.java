package io.obitox.common;

import java.util.Objects;

/**
 * A failure the user can act on: a stable code (from the feature plan where it has one), a plain message and the fix.
 * Everything shown to a user, in the GUI or the CLI, goes through this type, never through a stack trace.
 */
public class ObitoxException extends RuntimeException {
    private final String code;
    private final String fix;
    /** The message's bundle references, kept so that a view can still show it in the user's language. */
    private final TextRef messageRef;

    private final TextRef fixRef;

    public ObitoxException(String code, String message, String fix) {
        this(code, message, fix, null);
    }

    public ObitoxException(String code, String message, String fix, Throwable cause) {
        this(new UserMessage(code, message, fix), cause);
    }

    /** The failure {@code m} says, with its bundle references if it has them. */
    public ObitoxException(UserMessage m, Throwable cause) {
        super(m.message(), cause);
        this.code = Objects.requireNonNull(m.code(), "code");
        this.fix = m.fix() == null ? "" : m.fix();
        this.messageRef = m.messageRef();
        this.fixRef = m.fixRef();
    }

    public String code() {
        return code;
    }

    public String fix() {
        return fix;
    }

    public UserMessage toUserMessage() {
        return new UserMessage(code, getMessage(), fix, messageRef, fixRef);
    }
}
