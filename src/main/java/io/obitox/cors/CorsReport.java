package io.obitox.cors;

import io.obitox.common.TextRef;
import java.util.List;

/**
 * The result of verifying a bucket's CORS for browser uploads: the configuration as read, then the static audit and
 * the live checks in the order they ran.
 *
 * @param origins the origins that were checked
 */
public record CorsReport(
        String bucket, String endpoint, List<String> origins, CorsReading reading, List<CorsCheck> checks) {

    public CorsReport {
        origins = List.copyOf(origins);
        checks = List.copyOf(checks);
    }

    /** True when no check failed (warnings and skipped checks do not fail a verification). */
    public boolean ok() {
        return checks.stream().allMatch(CorsCheck::passed);
    }

    public List<CorsCheck> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** One line for status bars and the CLI's last line, in English. */
    public String headline() {
        return headlineText().english();
    }

    /** The headline for a view to show in the user's language. */
    public TextRef headlineText() {
        return ok()
                ? TextRef.of("svc.cors.report.ok", bucket, checks.size())
                : TextRef.of("svc.cors.report.failed", failures().size(), checks.size(), bucket);
    }
}
