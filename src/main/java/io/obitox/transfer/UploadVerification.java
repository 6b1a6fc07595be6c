package io.obitox.transfer;

import io.obitox.common.ObitoxException;
import io.obitox.storage.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What proves one upload intact, decided from what the server itself checked, and said in plain words for the
 * transfer's details ("Content-MD5 on every request + size + SHA-256 metadata").
 *
 * <p>The server verified the Content-MD5 of every PUT and part it accepted (it answers {@code BadDigest} otherwise),
 * so that is always the first check. The content is then proven by the first of these that the upload has, in order:
 *
 * <ol>
 *   <li>a <b>full-object checksum</b> the provider verified and returned ({@link FullObjectChecksum}: CRC32C on AWS,
 *       CRC64NVME on R2, {@code x-amz-checksum-type: FULL_OBJECT}), compared with the file's;
 *   <li>the <b>ETag</b>, compared with the MD5 (single PUT) or the md5-of-md5s (multipart) only where the provider
 *       makes it that way for this object: an ETag is an opaque string under SSE-KMS, DSSE-KMS and SSE-C (read from
 *       {@code x-amz-server-side-encryption} and the SSE-C headers of the answers), and for providers that do not
 *       build it from MD5s ({@link Provider#etagIsMd5});
 *   <li>the <b>size and the {@code x-amz-meta-sha256}</b> ObitoX wrote, read back with a HEAD and compared with the
 *       file's SHA-256 (where the object has none: the size, and a multipart upload's {@code obitox-upload} marker).
 * </ol>
 *
 * <p>A provider's ETag format is never taken for corruption; a real mismatch (a size, a returned checksum, an MD5
 * ETag where the provider computes MD5 ETags, or a SHA-256 metadata value that differs) still fails the transfer.
 * Part ETags are never compared with part MD5s.
 *
 * <p>Not thread-safe: one per upload run, used by its coordinator thread.
 */
final class UploadVerification {
    static final String CONTENT_MD5 = "Content-MD5 on every request";
    private static final Pattern MULTIPART_ETAG = Pattern.compile("[0-9a-f]{32}-\\d+");
    private static final Pattern MD5_ETAG = Pattern.compile("[0-9a-f]{32}");

    private final Provider provider;
    private final List<String> passed = new ArrayList<>(List.of(CONTENT_MD5));
    private boolean encrypted;
    /** Whether an answer said the object is encrypted at all (any {@code x-amz-server-side-encryption}). */
    private boolean confirmedEncryption;
    /** Whether the content itself is proven (step 1 or 2, or the SHA-256 metadata): no further step needed. */
    private boolean proven;

    UploadVerification(Provider provider) {
        this.provider = provider;
    }

    /**
     * Notes the encryption an answer reports ({@code x-amz-server-side-encryption}, the SSE-C algorithm header).
     * Anything but none or {@code AES256} (SSE-S3) makes the ETag opaque for the rest of this upload.
     */
    void encryption(String serverSideEncryption, String customerAlgorithm) {
        if (customerAlgorithm != null && !customerAlgorithm.isBlank()) {
            encrypted = true;
            confirmedEncryption = true;
        }
        if (serverSideEncryption != null && !serverSideEncryption.isBlank()) {
            confirmedEncryption = true;
            String sse = serverSideEncryption.trim().toUpperCase(Locale.ROOT);
            if (!sse.equals("AES256")) {
                encrypted = true; // aws:kms, aws:kms:dsse, or a value we do not know: not an MD5 either way
            }
        }
    }

    /** Whether any answer named an encryption (SSE-S3 included). */
    boolean confirmedEncryption() {
        return confirmedEncryption;
    }

    /** Whether an answer said SSE-KMS, DSSE-KMS or SSE-C (the ETag is then no MD5). */
    boolean encrypted() {
        return encrypted;
    }

    /**
     * Compares {@code etag} with {@code expected} (hex MD5, or md5-of-md5s {@code -N}) where that comparison means
     * something; records it as passed when equal.
     *
     * @return true when the ETag was compared and matched; false when it could not be compared
     * @throws ObitoxException VERIFY_FAILED when a comparable ETag differs
     */
    boolean etag(String etag, String expected) {
        boolean multipart = expected.contains("-");
        if (etag == null || encrypted || !provider.etagIsMd5(multipart)) {
            return false;
        }
        String e = etag.toLowerCase(Locale.ROOT);
        boolean shaped = multipart
                ? MULTIPART_ETAG.matcher(e).matches()
                : MD5_ETAG.matcher(e).matches();
        if (!shaped) {
            return false;
        }
        if (!e.equals(expected)) {
            throw failed(
                    multipart
                            ? "its ETag " + etag + " does not match the parts sent (" + expected + ")"
                            : "its ETag " + etag + " is not the MD5 of the file (" + expected + ")");
        }
        passed.add("ETag");
        proven = true;
        return true;
    }

    /**
     * Step 1: the full-object checksum the server returned ({@code returned}) against the file's.
     *
     * @throws ObitoxException VERIFY_FAILED when they differ
     */
    void fullObjectChecksum(FullObjectChecksum sum, long returned, long expected) {
        if (returned != expected) {
            throw failed("the " + sum.name() + " full-object checksum the server returned (" + sum.encode(returned)
                    + ") is not the file's (" + sum.encode(expected) + ")");
        }
        passed.add(sum.name() + " full-object checksum");
        proven = true;
    }

    /** A checksum the server returned that was compared with the file's and matched (not a full-object one). */
    void returnedChecksum(String algorithm) {
        passed.add(algorithm + " checksum");
        proven = true;
    }

    /**
     * Step 3: the {@code x-amz-meta-sha256} the object carries against the file's SHA-256.
     *
     * @param stored the value the HEAD returned, null when the object has none
     * @param expected supplies the file's SHA-256 (hex); asked only when there is a value to compare
     * @return true when compared and equal; false when the object carries none
     * @throws ObitoxException VERIFY_FAILED when it differs
     */
    boolean sha256Metadata(String stored, java.util.function.Supplier<String> expected) {
        if (stored == null || stored.isBlank()) {
            return false;
        }
        String want = expected.get();
        if (!stored.trim().equalsIgnoreCase(want)) {
            throw failed("its x-amz-meta-sha256 (" + stored.trim() + ") is not the SHA-256 of the file (" + want + ")");
        }
        passed.add("SHA-256 metadata");
        proven = true;
        return true;
    }

    /** Whether a step has proven the content (a full-object or returned checksum, the ETag, the SHA-256 metadata). */
    boolean proven() {
        return proven;
    }

    /** @throws ObitoxException VERIFY_FAILED when the stored size differs */
    void size(Long stored, long expected) {
        if (stored == null || stored != expected) {
            throw failed("it has " + stored + " bytes, the file has " + expected);
        }
        passed.add("size");
    }

    /** A check that passed, named as the details show it, e.g. "CRC32C checksum" or "upload marker". */
    void passed(String check) {
        passed.add(check);
    }

    /** "Content-MD5 on every request + size + ETag", for the transfer's details. */
    String describe() {
        return String.join(" + ", passed);
    }

    static ObitoxException failed(String why) {
        return new ObitoxException(
                "VERIFY_FAILED",
                "The uploaded object does not match the file: " + why + ".",
                "Retry the transfer; if it happens again, the server or the disk may be corrupting data.");
    }
}
