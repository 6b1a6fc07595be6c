package io.obitox.storage;

import java.time.Instant;
import java.util.Map;

/**
 * One object as HEAD and GetObjectTagging describe it, plus the three ways to refer to it (key, S3 URI, URL).
 *
 * @param storageClass as the server says it, or {@code STANDARD} when it says nothing (S3's default)
 * @param encryption {@code AES256}, {@code aws:kms} (with the key id) or {@code SSE-C …}; empty when the answer names
 *     none
 * @param versionId null when the bucket keeps no versions
 * @param tags null when they could not be read; {@link #tagsNote} says why
 * @param url the object's address at the endpoint (not a link anyone can open: for that, share a presigned link)
 * @param cacheControl {@code Cache-Control} as stored; null when none
 * @param contentDisposition {@code Content-Disposition} as stored; null when none
 * @param contentLanguage {@code Content-Language} as stored; null when none
 */
public record ObjectDetails(
        String bucket,
        String key,
        long size,
        String contentType,
        String etag,
        String storageClass,
        String encryption,
        Instant lastModified,
        String versionId,
        Map<String, String> metadata,
        Map<String, String> tags,
        String tagsNote,
        String url,
        String cacheControl,
        String contentDisposition,
        String contentLanguage) {
    public ObjectDetails {
        metadata = Map.copyOf(metadata);
        tags = tags == null ? null : Map.copyOf(tags);
    }

    public String s3Uri() {
        return "s3://" + bucket + "/" + key;
    }
}
