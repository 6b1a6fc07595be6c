package io.obitox.common;

/**
 * What a user reads about a failure: a stable code, one plain sentence, and what to do about it.
 *
 * <p>{@code message} and {@code fix} are always the English text (the CLI, logs, JSON and tests read them). A message
 * made from keys ({@link #of}) also keeps {@code messageRef} and {@code fixRef}, so that a view can show it in the
 * user's language with {@link Messages#message}, {@link Messages#fix} or {@link Messages#oneLine}; without them (the
 * three-argument constructor) every language shows the English text.
 *
 * @param messageRef the message as a bundle reference, or null when there is none
 * @param fixRef the fix as a bundle reference, or null when there is none
 */
public record UserMessage(String code, String message, String fix, TextRef messageRef, TextRef fixRef) {

    public UserMessage(String code, String message, String fix) {
        this(code, message, fix, null, null);
    }

    /** A message from bundle keys, its English rendered now; {@code fix} may be null for none. */
    public static UserMessage of(String code, TextRef message, TextRef fix) {
        return new UserMessage(code, message.english(), fix == null ? "" : fix.english(), message, fix);
    }

    public String oneLine() {
        return fix == null || fix.isBlank() ? message : message + " " + fix;
    }
}
