package io.obitox.profile;

/**
 * One line of a connection test: what was checked, how it went, what it saw and how to fix it.
 *
 * @param code the {@link io.obitox.storage.S3Errors} code of a failure, or {@code OK}
 */
public record ConnectionCheck(String name, Status status, String code, String message, String fix) {

    /** Outcome of a check. WARNING means the connection works but a later feature will degrade. */
    public enum Status {
        PASSED,
        WARNING,
        FAILED,
        SKIPPED
    }

    static ConnectionCheck passed(String name, String message) {
        return new ConnectionCheck(name, Status.PASSED, "OK", message, "");
    }

    static ConnectionCheck skipped(String name, String message) {
        return new ConnectionCheck(name, Status.SKIPPED, "SKIPPED", message, "");
    }
}
