package io.obitox.presign;

/**
 * One file of a presign request.
 *
 * @param size bytes (drives the auto expiry); null for a GET means "look it up", for a PUT "unknown" (the minimum)
 * @param contentType PUT only: signed, so the uploader must send exactly this Content-Type; null for none
 * @param contentMd5 PUT only, optional: base64 (or hex) MD5 of the exact bytes to be uploaded, signed
 */
public record LinkRequest(String key, LinkMethod method, Long size, String contentType, String contentMd5) {

    public LinkRequest {
        method = method == null ? LinkMethod.GET : method;
        contentType = blankToNull(contentType);
        contentMd5 = blankToNull(contentMd5);
    }

    public static LinkRequest get(String key, Long size) {
        return new LinkRequest(key, LinkMethod.GET, size, null, null);
    }

    public static LinkRequest put(String key, Long size, String contentType) {
        return new LinkRequest(key, LinkMethod.PUT, size, contentType, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
