package io.obitox.common;

/** What a user reads about a failure: a stable code, one plain sentence, and what to do about it. */
public record UserMessage(String code, String message, String fix) {

    public String oneLine() {
        return fix == null || fix.isBlank() ? message : message + " " + fix;
    }
}
