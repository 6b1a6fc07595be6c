package io.obitox.transfer;

import java.time.Duration;
import java.time.Instant;

/**
 * A multipart upload that was started and neither completed nor aborted: it costs storage until someone aborts it.
 *
 * @param bytesSoFar sum of its parts' sizes, or -1 when not measured
 * @param transferId the ObitoX transfer it belongs to, or null when another tool (or another machine) started it
 */
public record IncompleteUpload(
        String bucket, String key, String uploadId, Instant initiated, long bytesSoFar, int parts, String transferId) {

    public Duration age(Instant now) {
        return initiated == null ? Duration.ZERO : Duration.between(initiated, now);
    }
}
