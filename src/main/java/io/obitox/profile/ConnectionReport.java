package io.obitox.profile;

import java.util.List;

/**
 * The result of testing a profile: every check in order, and the verdict. {@code code} is {@code OK} or the code
 * of the first failed check ({@code ENDPOINT_UNREACHABLE}, {@code WRONG_SECRET}, {@code UNKNOWN_ACCESS_KEY},
 * {@code BUCKET_MISSING} …).
 */
public record ConnectionReport(String profile, String endpoint, String bucket, List<ConnectionCheck> checks) {
    public ConnectionReport {
        checks = List.copyOf(checks);
    }

    public boolean ok() {
        return checks.stream().noneMatch(c -> c.status() == ConnectionCheck.Status.FAILED);
    }

    public String code() {
        return checks.stream()
                .filter(c -> c.status() == ConnectionCheck.Status.FAILED)
                .map(ConnectionCheck::code)
                .findFirst()
                .orElse("OK");
    }

    /** The one sentence a user reads first. */
    public String headline() {
        return checks.stream()
                .filter(c -> c.status() == ConnectionCheck.Status.FAILED)
                .map(c -> c.message() + (c.fix().isBlank() ? "" : " " + c.fix()))
                .findFirst()
                .orElseGet(() -> {
                    long warnings = checks.stream()
                            .filter(c -> c.status() == ConnectionCheck.Status.WARNING)
                            .count();
                    return warnings == 0
                            ? "Connection works; every feature is available."
                            : "Connection works; " + warnings + " feature(s) will be limited (see warnings).";
                });
    }
}
