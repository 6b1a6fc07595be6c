package io.obitox.presign;

import java.util.Base64;
import java.util.HexFormat;

/** Checks a Content-MD5 given for a PUT link and puts it in the form S3 wants: base64 of the 16-byte digest. */
final class ContentMd5 {
    private ContentMd5() {}

    /** The base64 digest, from base64 or 32 hex digits; INVALID_FILE for anything else; null when none. */
    static String normalize(LinkRequest f, int number) {
        String v = f.contentMd5();
        if (v == null) {
            return null;
        }
        byte[] digest;
        try {
            digest = v.matches("[0-9a-fA-F]{32}")
                    ? HexFormat.of().parseHex(v)
                    : Base64.getDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            digest = new byte[0];
        }
        if (digest.length != 16) {
            throw PresignService.invalidFile(
                    number,
                    f.key(),
                    "has a Content-MD5 that is not an MD5 digest",
                    "Give the MD5 of the exact bytes to upload, base64 (openssl md5 -binary FILE | base64) or hex.");
        }
        return Base64.getEncoder().encodeToString(digest);
    }
}
