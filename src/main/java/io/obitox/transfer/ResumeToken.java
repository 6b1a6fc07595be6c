package io.obitox.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obitox.common.Json;
import io.obitox.common.ObitoxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A transfer exported so it can be finished elsewhere (another machine, a reinstall): the multipart upload id,
 * bucket, key, where the storage is, and the part plan. No secret is in it: the importing side signs with its own
 * credentials. Text form: {@code obx1.} + base64url(JSON).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResumeToken(
        int version,
        String uploadId,
        String bucket,
        String key,
        String profile,
        String endpoint,
        String region,
        Boolean pathStyle,
        String provider,
        long partSize,
        long size,
        String fileName,
        String contentType) {
    private static final String PREFIX = "obx1.";
    private static final ObjectMapper JSON = Json.newMapper();

    public String encode() {
        try {
            return PREFIX
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(JSON.writeValueAsString(this).getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a token; anything malformed is INVALID_RESUME_TOKEN with the reason. */
    public static ResumeToken decode(String text) {
        String t = text == null ? "" : text.trim();
        if (!t.startsWith(PREFIX)) {
            throw invalid("it does not start with '" + PREFIX + "'");
        }
        ResumeToken token;
        try {
            byte[] json = Base64.getUrlDecoder().decode(t.substring(PREFIX.length()));
            token = JSON.readValue(json, ResumeToken.class);
        } catch (Exception e) {
            throw invalid("it is not valid base64 JSON");
        }
        if (token.version() != 1) {
            throw invalid("version " + token.version() + " is not supported");
        }
        if (blank(token.uploadId()) || blank(token.bucket()) || blank(token.key())) {
            throw invalid("the upload id, bucket or key is missing");
        }
        if (token.partSize() < TransferSettings.MIN_PART_SIZE || token.size() <= 0) {
            throw invalid("the part size or file size is out of range");
        }
        return token;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static ObitoxException invalid(String why) {
        return new ObitoxException(
                "INVALID_RESUME_TOKEN",
                "This resume token is not valid: " + why + ".",
                "Copy the whole token as 'obitox transfers export-token' printed it.");
    }
}
