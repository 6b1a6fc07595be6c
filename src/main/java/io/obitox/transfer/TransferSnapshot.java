package io.obitox.transfer;

import java.nio.file.Path;
import java.time.Instant;

/**
 * An immutable picture of one transfer at one moment, for the UI, the CLI's progress line and JSON output.
 *
 * @param speedBps bytes per second over the last few seconds; 0 when not running
 * @param etaSeconds estimated seconds left; -1 when unknown
 * @param verifiedBy what proved a completed upload intact ("Content-MD5 on every request + size"); null otherwise
 */
public record TransferSnapshot(
        String id,
        String batchId,
        Path source,
        String fileName,
        String targetLabel,
        String bucket,
        String key,
        long size,
        long bytesDone,
        TransferState state,
        double speedBps,
        long etaSeconds,
        String etag,
        String errorCode,
        String errorMessage,
        String notice,
        String verifiedBy,
        boolean multipart,
        int partCount,
        Instant createdAt,
        Instant completedAt,
        TransferDirection direction) {

    public TransferSnapshot {
        direction = direction == null ? TransferDirection.UPLOAD : direction;
    }

    /** An upload's snapshot (every transfer before issue 18). */
    public TransferSnapshot(
            String id,
            String batchId,
            Path source,
            String fileName,
            String targetLabel,
            String bucket,
            String key,
            long size,
            long bytesDone,
            TransferState state,
            double speedBps,
            long etaSeconds,
            String etag,
            String errorCode,
            String errorMessage,
            String notice,
            String verifiedBy,
            boolean multipart,
            int partCount,
            Instant createdAt,
            Instant completedAt) {
        this(
                id,
                batchId,
                source,
                fileName,
                targetLabel,
                bucket,
                key,
                size,
                bytesDone,
                state,
                speedBps,
                etaSeconds,
                etag,
                errorCode,
                errorMessage,
                notice,
                verifiedBy,
                multipart,
                partCount,
                createdAt,
                completedAt,
                null);
    }

    /** How far it got; a skipped transfer is finished without a byte sent, so it counts as whole. */
    public double fraction() {
        if (state == TransferState.SKIPPED) {
            return 1;
        }
        return size <= 0 ? (state == TransferState.COMPLETED ? 1 : 0) : Math.min(1.0, bytesDone / (double) size);
    }
}
