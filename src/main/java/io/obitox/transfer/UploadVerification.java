package io.obitox.transfer;

import io.obitox.common.ObitoxException;
import io.obitox.storage.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What proves one upload intact, decided from what the server itself checked, and said in plain words for the
 * transfer's details ("Content-MD5 on every request + size + ETag").
 *
 * <p>The server verified the Content-MD5 of every PUT and part it accepted (it answers {@code BadDigest} otherwise),
 * so that is always the first check. After it come the size read back, a checksum the server returned for what it
 * stored, and the ETag — compared with the MD5 (single PUT) or the md5-of-md5s (multipart) only where the provider
 * makes it that way for this object: an ETag is an opaque string under SSE-KMS, DSSE-KMS and SSE-C, and for
 * providers that do not build it from MD5s ({@link Provider#etagIsMd5}). A provider's ETag format is never taken for
 * corruption; a real mismatch (a size that differs, a returned checksum that differs, an MD5 ETag where the provider
 * computes MD5 ETags) still fails the transfer. Part ETags are never compared with part MD5s.
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
        }
        if (serverSideEncryption != null && !serverSideEncryption.isBlank()) {
            String sse = serverSideEncryption.trim().toUpperCase(Locale.ROOT);
            if (!sse.equals("AES256")) {
                encrypted = true; // aws:kms, aws:kms:dsse, or a value we do not know: not an MD5 either way
            }
        }
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
        return true;
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
