package io.obitox.storage;

import java.util.List;

/**
 * What a delete did: how many keys the server confirmed, how many requests it took, and each key it refused with the
 * server's own code and message.
 */
public record DeleteResult(String bucket, int deleted, int requests, List<Failure> failures, boolean cancelled) {
    public DeleteResult {
        failures = List.copyOf(failures);
    }

    /** One key the server did not delete. */
    public record Failure(String key, String code, String message) {}

    public boolean complete() {
        return failures.isEmpty() && !cancelled;
    }
}
