package io.obitox.cors;

import io.obitox.common.TextRef;
import io.obitox.storage.Provider;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The CORS rule that browser uploads need, adjusted per provider, and what to do where the S3 CORS API does not
 * apply. The base rule is the feature plan's: every method an upload client uses, {@code AllowedHeaders *}, and the
 * response headers upload code reads (above all {@code ETag}, without which multipart uploads cannot complete).
 */
public final class UploadRules {
    /** The ID of the rule ObitoX manages; setup replaces only this rule and leaves every other rule alone. */
    public static final String RULE_ID = "obitox-browser-uploads";

    public static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "HEAD");
    public static final List<String> EXPOSE_HEADERS = List.of(
            "ETag",
            "x-amz-meta-filename",
            "x-amz-meta-uploadedat",
            "x-amz-version-id",
            "Content-Length",
            "Content-Type");

    /** Request headers a presigned browser upload sends (the preflight asks for these). */
    public static final List<String> UPLOAD_HEADERS =
            List.of("content-type", "x-amz-meta-filename", "x-amz-meta-uploadedat");

    /** Further headers the AWS SDK for JavaScript sends when it signs in the browser instead of using presigned URLs. */
    public static final List<String> SDK_HEADERS = List.of(
            "authorization",
            "x-amz-date",
            "x-amz-content-sha256",
            "x-amz-security-token",
            "x-amz-user-agent",
            "amz-sdk-invocation-id",
            "amz-sdk-request",
            "content-md5",
            "x-amz-checksum-crc32",
            "x-amz-sdk-checksum-algorithm");

    public static final int MAX_AGE_SECONDS = 3600;

    /** R2 rejects a larger MaxAgeSeconds; browsers cap lower anyway (Chromium 2 h, Firefox 24 h). */
    public static final int MAX_AGE_LIMIT_SECONDS = 86_400;

    private UploadRules() {}

    /**
     * What a provider needs besides the rule. The texts are bundle references (see {@link TextRef}), so that the
     * wizard shows them in the user's language; {@link #notes()} and {@link #instructions()} give the English.
     *
     * @param perBucketApi false when S3 PutBucketCors does not configure the provider's CORS at all
     * @param noteTexts adjustments made to the rule or things to know, one sentence each
     * @param instructionsText what to do instead where the S3 API does not apply; null otherwise
     */
    public record Advice(boolean perBucketApi, List<TextRef> noteTexts, TextRef instructionsText) {
        public List<String> notes() {
            return noteTexts.stream().map(TextRef::english).toList();
        }

        public String instructions() {
            return instructionsText == null ? "" : instructionsText.english();
        }
    }

    /** The upload rule for these (validated, normalised) origins. */
    public static CorsRule rule(Provider provider, List<String> origins) {
        List<String> allowedHeaders = provider == Provider.R2 ? explicitHeaders() : List.of("*");
        return new CorsRule(RULE_ID, origins, METHODS, allowedHeaders, EXPOSE_HEADERS, MAX_AGE_SECONDS);
    }

    /** Every request header a browser upload may send, for providers where {@code *} is not reliable (R2). */
    public static List<String> explicitHeaders() {
        LinkedHashSet<String> all = new LinkedHashSet<>(UPLOAD_HEADERS);
        all.addAll(SDK_HEADERS);
        all.addAll(List.of("cache-control", "content-disposition", "content-encoding", "x-amz-acl"));
        return List.copyOf(all);
    }

    public static Advice advice(Provider provider, List<String> origins) {
        return switch (provider) {
            case R2 ->
                new Advice(
                        true,
                        List.of(TextRef.of("svc.cors.advice.r2Headers"), TextRef.of("svc.cors.advice.r2Ports")),
                        null);
            case B2 -> new Advice(false, List.of(TextRef.of("svc.cors.advice.b2")), b2Instructions(origins));
            case MINIO -> new Advice(true, List.of(TextRef.of("svc.cors.advice.minio")), minioInstructions(origins));
            case SANDBOX -> new Advice(true, List.of(TextRef.of("svc.cors.advice.sandbox")), null);
            default -> new Advice(true, List.of(), null);
        };
    }

    /** What to do on a server that answered NotImplemented: it has one global CORS setting, no bucket rules. */
    public static TextRef globalOnlyFix(Provider provider, List<String> origins) {
        if (provider == Provider.MINIO) {
            return minioInstructions(origins);
        }
        return TextRef.of("svc.cors.globalOnlyFix");
    }

    /** The commands are arguments: they stay as they are in every language. */
    private static TextRef minioInstructions(List<String> origins) {
        String list = origins.isEmpty() ? "https://app.example.com" : String.join(",", origins);
        return TextRef.of(
                "svc.cors.minioInstructions",
                "mc admin config set ALIAS api cors_allow_origin=\"" + list + "\"",
                "mc admin service restart ALIAS");
    }

    private static TextRef b2Instructions(List<String> origins) {
        String list = origins.isEmpty() ? "\"https://app.example.com\"" : "\"" + String.join("\",\"", origins) + "\"";
        return TextRef.of(
                "svc.cors.b2Instructions",
                "b2 bucket update --cors-rules "
                        + "'[{\"corsRuleName\":\"obitoxBrowserUploads\",\"allowedOrigins\":[" + list + "],"
                        + "\"allowedOperations\":[\"s3_head\",\"s3_get\",\"s3_put\",\"s3_post\",\"s3_delete\"],"
                        + "\"allowedHeaders\":[\"*\"],"
                        + "\"exposeHeaders\":[\"ETag\",\"x-bz-content-sha1\",\"x-amz-version-id\"],"
                        + "\"maxAgeSeconds\":3600}]' BUCKET");
    }
}
