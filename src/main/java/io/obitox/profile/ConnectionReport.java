package io.obitox.profile;

import io.obitox.common.TextRef;
import io.obitox.common.UserMessage;
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

    /** The one sentence a user reads first, in English (the command line and its JSON). */
    public String headline() {
        return verdict().oneLine();
    }

    /**
     * The one sentence a user reads first, as a message a view can show in the user's language: the first failure
     * with its fix, or how well the connection works.
     */
    public UserMessage verdict() {
        return checks.stream()
                .filter(c -> c.status() == ConnectionCheck.Status.FAILED)
                .map(ConnectionCheck::asMessage)
                .findFirst()
                .orElseGet(() -> {
                    long warnings = checks.stream()
                            .filter(c -> c.status() == ConnectionCheck.Status.WARNING)
                            .count();
                    TextRef text = warnings == 0
                            ? TextRef.of("svc.conn.works")
                            : TextRef.of("svc.conn.worksLimited", warnings);
                    return UserMessage.of("OK", text, null);
                });
    }
}
