package io.obitox.transfer;

import io.obitox.profile.TargetRef;
import java.nio.file.Path;

/**
 * One file to upload: where it is, where it goes, and its content type (null: application/octet-stream).
 *
 * @param ifNoneMatch the write must not replace an existing object ({@code If-None-Match: *}; a 412 fails the
 *     transfer with {@code OBJECT_EXISTS})
 * @param sha256 the content's SHA-256 (hex) when the caller already read the file, else null (a single PUT computes
 *     it with the MD5; a multipart upload then goes without {@code x-amz-meta-sha256})
 */
public record UploadRequest(
        Path source,
        TargetRef target,
        String bucket,
        String key,
        String contentType,
        boolean ifNoneMatch,
        String sha256) {
    public UploadRequest(Path source, TargetRef target, String bucket, String key, String contentType) {
        this(source, target, bucket, key, contentType, false, null);
    }
}
