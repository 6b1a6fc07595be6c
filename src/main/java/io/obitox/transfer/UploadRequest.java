package io.obitox.transfer;

import io.obitox.objects.UploadSettings;
import io.obitox.profile.TargetRef;
import java.nio.file.Path;

/**
 * One file to upload: where it is, where it goes, and its content type (null: application/octet-stream).
 *
 * @param ifNoneMatch the write must not replace an existing object ({@code If-None-Match: *}; a 412 fails the
 *     transfer with {@code OBJECT_EXISTS})
 * @param sha256 the content's SHA-256 (hex) when the caller already read the file, else null (a single PUT computes
 *     it with the MD5; a multipart upload then goes without {@code x-amz-meta-sha256})
 * @param settings what to ask S3 to store besides the bytes (issue 16); never null
 * @param action what the batch decided for the file when it is not a plain upload ({@code "renamed"}: sent under a
 *     new name because its key was taken), else null; kept on the transfer and told by its webhook event
 * @param ifExists the {@code --if-exists} policy behind {@code ifNoneMatch} ({@code "skip"}, {@code "rename"},
 *     {@code "fail"}), or null: under {@code "skip"} a 412 ends the transfer SKIPPED instead of FAILED
 */
public record UploadRequest(
        Path source,
        TargetRef target,
        String bucket,
        String key,
        String contentType,
        boolean ifNoneMatch,
        String sha256,
        UploadSettings settings,
        String action,
        String ifExists) {
    public UploadRequest {
        settings = settings == null ? UploadSettings.NONE : settings;
        // a few dozen distinct types, but a new string per file from the type check: one shared copy each (a batch
        // holds its requests until it is queued)
        contentType = contentType == null ? null : contentType.intern();
    }

    public UploadRequest(
            Path source,
            TargetRef target,
            String bucket,
            String key,
            String contentType,
            boolean ifNoneMatch,
            String sha256,
            UploadSettings settings,
            String action) {
        this(source, target, bucket, key, contentType, ifNoneMatch, sha256, settings, action, null);
    }

    public UploadRequest(
            Path source,
            TargetRef target,
            String bucket,
            String key,
            String contentType,
            boolean ifNoneMatch,
            String sha256,
            UploadSettings settings) {
        this(source, target, bucket, key, contentType, ifNoneMatch, sha256, settings, null);
    }

    public UploadRequest(
            Path source,
            TargetRef target,
            String bucket,
            String key,
            String contentType,
            boolean ifNoneMatch,
            String sha256) {
        this(source, target, bucket, key, contentType, ifNoneMatch, sha256, UploadSettings.NONE);
    }

    public UploadRequest(Path source, TargetRef target, String bucket, String key, String contentType) {
        this(source, target, bucket, key, contentType, false, null);
    }

    /** This request with object settings (a batch's, from flags over stored defaults). */
    public UploadRequest withSettings(UploadSettings s) {
        return new UploadRequest(source, target, bucket, key, contentType, ifNoneMatch, sha256, s, action, ifExists);
    }

    /** This request with the batch's decision for it (see {@code action}). */
    public UploadRequest withAction(String a) {
        return new UploadRequest(source, target, bucket, key, contentType, ifNoneMatch, sha256, settings, a, ifExists);
    }

    /** This request with the policy behind its {@code If-None-Match} (see {@code ifExists}). */
    public UploadRequest withIfExists(String policy) {
        return new UploadRequest(
                source, target, bucket, key, contentType, ifNoneMatch, sha256, settings, action, policy);
    }
}
