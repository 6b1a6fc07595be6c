package io.obitox.transfer;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A transfer as stored: the source file and its identity at queue time, the target, the multipart plan and where
 * it stands. Immutable; the repository returns fresh copies.
 *
 * @param fingerprint size, mtime and a hash of sampled blocks of the source (see {@link SourceFile})
 * @param targetRef JSON of a {@link TargetRef}: which profile or endpoint (never secrets)
 * @param endpointKey the endpoint the throughput was measured against (for presign expiry estimates)
 * @param uploadId the multipart upload id once started; null for single PUTs and before start
 * @param multipart false for a single PUT (small files), true for a multipart upload
 * @param verifiedBy what proved the completed upload intact, in plain words; null until completed
 */
public record Transfer(
        String id,
        String batchId,
        Path source,
        long size,
        long mtime,
        String fingerprint,
        String targetRef,
        String targetLabel,
        String endpointKey,
        String bucket,
        String key,
        String contentType,
        TransferState state,
        String uploadId,
        boolean multipart,
        long partSize,
        int partCount,
        long bytesDone,
        String etag,
        String errorCode,
        String errorMessage,
        String notice,
        String verifiedBy,
        int attempts,
        long activeMillis,
        Double throughputBps,
        String owner,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant uploadStartedAt,
        Instant completedAt) {

    /** The same transfer in {@code state} with this error (null code and message clear it). */
    public Transfer withState(TransferState state, String code, String message) {
        return new Transfer(
                id,
                batchId,
                source,
                size,
                mtime,
                fingerprint,
                targetRef,
                targetLabel,
                endpointKey,
                bucket,
                key,
                contentType,
                state,
                uploadId,
                multipart,
                partSize,
                partCount,
                bytesDone,
                etag,
                code,
                message,
                notice,
                verifiedBy,
                attempts,
                activeMillis,
                throughputBps,
                owner,
                createdAt,
                updatedAt,
                startedAt,
                uploadStartedAt,
                completedAt);
    }

    public String fileName() {
        Path name = source.getFileName();
        return name == null ? source.toString() : name.toString();
    }
}
