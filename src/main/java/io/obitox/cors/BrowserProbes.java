package io.obitox.cors;

import io.obitox.common.TextRef;
import io.obitox.storage.S3Errors;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The storage side of a browser check for one origin: the probe objects' keys and content, the presigned URLs the page
 * uses, the multipart upload (created here, completed here with the ETags the browser read, as a web app's backend
 * does), the check that what arrived is intact, and the clean-up. The content is a fixed pattern the page generates
 * too, so its MD5s (the ETags) are known here. Blocking; one instance per origin and check, not shared.
 */
final class BrowserProbes {
    static final String CONTENT_TYPE = "image/png";
    static final int PUT_SIZE = 4 * 1024;
    /** The smallest part S3 allows before the last one, so the multipart upload is a real two-part upload. */
    static final int PART_SIZE = 5 * 1024 * 1024;

    static final int LAST_PART_SIZE = 64 * 1024;
    private static final Duration URL_LIFETIME = Duration.ofMinutes(10);

    final String origin;
    final String id = UUID.randomUUID().toString();
    final String putKey = CorsProber.PROBE_PREFIX + "browser-" + id + ".png";
    final String multipartKey = CorsProber.PROBE_PREFIX + "browser-" + id + "-multipart.bin";
    private final S3Client s3;
    private final String bucket;
    String putUrl;
    final List<String> partUrls = new ArrayList<>();
    String uploadId;
    /** Why the multipart upload could not be started, or null. */
    TextRef multipartProblem;

    private boolean completed;

    BrowserProbes(StorageClients clients, S3Target target, String bucket, String origin) {
        this.s3 = clients.interactive(target);
        this.bucket = bucket;
        this.origin = origin;
    }

    /** Presigns the PUT and starts the multipart upload and presigns its parts. */
    void prepare(S3Presigner presigner) {
        putUrl = presigner
                .presignPutObject(p -> p.signatureDuration(URL_LIFETIME)
                        .putObjectRequest(o -> o.bucket(bucket).key(putKey).contentType(CONTENT_TYPE)))
                .url()
                .toString();
        try {
            uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(multipartKey))
                    .uploadId();
        } catch (RuntimeException e) {
            multipartProblem =
                    TextRef.of("svc.cors.check.multipartNotStarted", CheckTexts.messageOf(S3Errors.describe(e)));
            return;
        }
        for (int n = 1; n <= 2; n++) {
            int part = n;
            partUrls.add(presigner
                    .presignUploadPart(p -> p.signatureDuration(URL_LIFETIME)
                            .uploadPartRequest(u -> u.bucket(bucket)
                                    .key(multipartKey)
                                    .uploadId(uploadId)
                                    .partNumber(part)))
                    .url()
                    .toString());
        }
    }

    static int partSize(int part) {
        return part == 1 ? PART_SIZE : LAST_PART_SIZE;
    }

    /** The seed of the content pattern: 0 for the single PUT, the part number for parts. */
    static byte[] content(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String expectedPartEtag(int part) {
        return md5(content(partSize(part), part));
    }

    static String bare(String etag) {
        return etag == null ? "" : etag.replace("\"", "").trim().toLowerCase(Locale.ROOT);
    }

    /** Null when the single object is intact (size, Content-Type, ETag the browser read), else what is wrong. */
    TextRef checkPut(String browserEtag) {
        String expected = md5(content(PUT_SIZE, 0));
        if (!bare(browserEtag).equals(expected)) {
            return TextRef.of("svc.cors.browser.putEtagWrong", browserEtag, expected);
        }
        try {
            HeadObjectResponse h = s3.headObject(b -> b.bucket(bucket).key(putKey));
            if (h.contentLength() != PUT_SIZE || !CONTENT_TYPE.equals(h.contentType())) {
                return TextRef.of(
                        "svc.cors.browser.putStoredWrong",
                        h.contentLength(),
                        String.valueOf(h.contentType()),
                        PUT_SIZE,
                        CONTENT_TYPE);
            }
            return bare(h.eTag()).equals(expected) ? null : TextRef.of("svc.cors.browser.putStoredEtag", h.eTag());
        } catch (RuntimeException e) {
            return TextRef.of("svc.cors.browser.notReadBack", CheckTexts.messageOf(S3Errors.describe(e)));
        }
    }

    /**
     * Completes the multipart upload with the ETags the browser read, then checks size and multipart ETag. Null when
     * intact, else what is wrong.
     */
    TextRef complete(List<String> browserEtags) {
        List<CompletedPart> parts = new ArrayList<>();
        StringBuilder md5s = new StringBuilder();
        for (int n = 1; n <= browserEtags.size(); n++) {
            String etag = browserEtags.get(n - 1);
            if (!bare(etag).equals(expectedPartEtag(n))) {
                return TextRef.of("svc.cors.browser.partEtagWrong", n, etag);
            }
            parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
            md5s.append(expectedPartEtag(n));
        }
        try {
            s3.completeMultipartUpload(
                    b -> b.bucket(bucket).key(multipartKey).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
            completed = true;
            // RGW answers Complete with an empty ETag: HEAD has the real one
            HeadObjectResponse h = s3.headObject(b -> b.bucket(bucket).key(multipartKey));
            long size = PART_SIZE + (long) LAST_PART_SIZE;
            String expected = md5(HexFormat.of().parseHex(md5s)) + "-" + parts.size();
            if (h.contentLength() != size) {
                return TextRef.of("svc.cors.browser.completedSize", h.contentLength(), size);
            }
            return bare(h.eTag()).equals(expected)
                    ? null
                    : TextRef.of("svc.cors.browser.completedEtag", h.eTag(), expected);
        } catch (RuntimeException e) {
            return TextRef.of("svc.cors.browser.completeFailed", CheckTexts.messageOf(S3Errors.describe(e)));
        }
    }

    /** Deletes both probe objects and aborts the multipart upload if it was not completed; the failures, if any. */
    List<TextRef> cleanUp() {
        List<TextRef> failed = new ArrayList<>();
        for (String key : List.of(putKey, multipartKey)) {
            try {
                s3.deleteObject(b -> b.bucket(bucket).key(key));
            } catch (RuntimeException e) {
                failed.add(TextRef.of("svc.cors.cleanup.notDeleted", key, CheckTexts.messageOf(S3Errors.describe(e))));
            }
        }
        if (uploadId != null && !completed) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(multipartKey).uploadId(uploadId));
            } catch (RuntimeException e) {
                failed.add(TextRef.of(
                        "svc.cors.cleanup.notAborted", multipartKey, CheckTexts.messageOf(S3Errors.describe(e))));
            }
        }
        return failed;
    }
}
