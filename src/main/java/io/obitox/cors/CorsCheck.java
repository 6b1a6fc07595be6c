package io.obitox.cors;

import io.obitox.common.TextRef;

/**
 * One finding of a CORS verification: what was checked, the outcome, what was seen and how to fix it.
 *
 * <p>{@code name}, {@code message} and {@code fix} are English (the CLI and its JSON print them). A check made with
 * {@link #of} also keeps them as bundle references ({@code nameText}, {@code messageText}, {@code fixText}), so that
 * the wizard shows it in the user's language; a check made from plain strings has none (null) and shows the English.
 *
 * @param name short, stable name, e.g. {@code ETag exposed} or {@code Preflight from http://localhost:3000}
 * @param message what the check saw, in plain words
 * @param fix what to do when it did not pass; empty when nothing needs doing
 */
public record CorsCheck(
        String name,
        Status status,
        String message,
        String fix,
        TextRef nameText,
        TextRef messageText,
        TextRef fixText) {
    /** Outcome of a check; only {@link #FAILED} makes a verification fail. */
    public enum Status {
        PASSED,
        WARNING,
        FAILED,
        SKIPPED
    }

    public CorsCheck {
        fix = fix == null ? "" : fix;
    }

    public CorsCheck(String name, Status status, String message, String fix) {
        this(name, status, message, fix, null, null, null);
    }

    /** A check from bundle references, its English rendered now; {@code fix} may be null for none. */
    public static CorsCheck of(Status status, TextRef name, TextRef message, TextRef fix) {
        return new CorsCheck(
                name.english(), status, message.english(), fix == null ? "" : fix.english(), name, message, fix);
    }

    public static CorsCheck passed(String name, String message) {
        return new CorsCheck(name, Status.PASSED, message, "");
    }

    public static CorsCheck failed(String name, String message, String fix) {
        return new CorsCheck(name, Status.FAILED, message, fix);
    }

    public static CorsCheck warning(String name, String message, String fix) {
        return new CorsCheck(name, Status.WARNING, message, fix);
    }

    public static CorsCheck skipped(String name, String message) {
        return new CorsCheck(name, Status.SKIPPED, message, "");
    }

    /** False only for {@link Status#FAILED}. */
    public boolean passed() {
        return status != Status.FAILED;
    }
}
