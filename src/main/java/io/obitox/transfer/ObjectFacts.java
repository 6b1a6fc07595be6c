package io.obitox.transfer;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * What a download needs to know of the object it fetches (issue 18), taken from a HEAD or from the answer of the GET
 * itself: a small object is fetched without a HEAD before it, its whole-object GET says as much as a HEAD would.
 *
 * @param size the whole object's length
 * @param etag without quotes, or null
 * @param sha256 the {@code x-amz-meta-sha256} value when it is 64 hex digits (lower case), else null
 * @param fullCrc32c / fullCrc64nvme a full-object checksum (base64) when the answer's checksum type is
 *     {@code FULL_OBJECT}, else null
 */
record ObjectFacts(
        long size,
        String etag,
        long lastModifiedMillis,
        String sha256,
        String sse,
        String sseCustomerAlgorithm,
        String fullCrc32c,
        String fullCrc64nvme) {

    static ObjectFacts of(HeadObjectResponse h) {
        boolean full = h.checksumType() == ChecksumType.FULL_OBJECT;
        return new ObjectFacts(
                h.contentLength() == null ? -1 : h.contentLength(),
                JobContext.unquote(h.eTag()),
                millis(h.lastModified()),
                hex64(h.hasMetadata() ? h.metadata() : Map.of()),
                h.serverSideEncryptionAsString(),
                h.sseCustomerAlgorithm(),
                full ? h.checksumCRC32C() : null,
                full ? h.checksumCRC64NVME() : null);
    }

    /** From the answer to a GET of the whole object (no {@code Range}): its length is the object's. */
    static ObjectFacts of(GetObjectResponse g) {
        boolean full = g.checksumType() == ChecksumType.FULL_OBJECT;
        return new ObjectFacts(
                g.contentLength() == null ? -1 : g.contentLength(),
                JobContext.unquote(g.eTag()),
                millis(g.lastModified()),
                hex64(g.hasMetadata() ? g.metadata() : Map.of()),
                g.serverSideEncryptionAsString(),
                g.sseCustomerAlgorithm(),
                full ? g.checksumCRC32C() : null,
                full ? g.checksumCRC64NVME() : null);
    }

    /** A plain MD5 ETag: 32 hex digits, no {@code -N}, not SSE-KMS or SSE-C (whose ETags are not the content's). */
    boolean etagLooksLikeMd5() {
        boolean kms = sse != null && sse.toLowerCase(Locale.ROOT).contains("kms");
        return etag != null && etag.matches("[0-9a-fA-F]{32}") && !kms && sseCustomerAlgorithm == null;
    }

    /** The {@code N} of a multipart ETag ({@code md5-N}), or 0 when the ETag is not of that form or is encrypted. */
    int multipartEtagParts() {
        boolean kms = sse != null && sse.toLowerCase(Locale.ROOT).contains("kms");
        if (etag == null || kms || sseCustomerAlgorithm != null || !etag.matches("[0-9a-fA-F]{32}-[0-9]{1,5}")) {
            return 0;
        }
        return Integer.parseInt(etag.substring(33));
    }

    private static long millis(Instant t) {
        return t == null ? 0 : t.toEpochMilli();
    }

    private static String hex64(Map<String, String> metadata) {
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey().equalsIgnoreCase(JobContext.SHA256_METADATA)) {
                String v = e.getValue();
                return v != null && v.matches("[0-9a-fA-F]{64}") ? v.toLowerCase(Locale.ROOT) : null;
            }
        }
        return null;
    }
}
