package io.obitox.cors;

/**
 * One finding of a CORS verification: what was checked, the outcome, what was seen and how to fix it.
 *
 * @param name short, stable name, e.g. {@code ETag exposed} or {@code Preflight from http://localhost:3000}
 * @param message what the check saw, in plain words
 * @param fix what to do when it did not pass; empty when nothing needs doing
 */
public record CorsCheck(String name, Status status, String message, String fix) {
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
