package io.obitox.common;

import java.util.Objects;

/**
 * A failure the user can act on: a stable code (from the feature plan where it has one), a plain message and the fix.
 * Everything shown to a user, in the GUI or the CLI, goes through this type, never through a stack trace.
 */
public class ObitoxException extends RuntimeException {
    private final String code;
    private final String fix;

    public ObitoxException(String code, String message, String fix) {
        this(code, message, fix, null);
    }

    public ObitoxException(String code, String message, String fix, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.fix = fix == null ? "" : fix;
    }

    public String code() {
        return code;
    }

    public String fix() {
        return fix;
    }

    public UserMessage toUserMessage() {
        return new UserMessage(code, getMessage(), fix);
    }
}
