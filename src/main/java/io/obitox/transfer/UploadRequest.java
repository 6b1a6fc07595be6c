package io.obitox.transfer;

import io.obitox.profile.TargetRef;
import java.nio.file.Path;

/** One file to upload: where it is, where it goes, and its content type (null: application/octet-stream). */
public record UploadRequest(Path source, TargetRef target, String bucket, String key, String contentType) {}
