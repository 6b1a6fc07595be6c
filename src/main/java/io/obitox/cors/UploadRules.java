package io.obitox.cors;

import io.obitox.storage.Provider;
import java.util.ArrayList;
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
     * What a provider needs besides the rule.
     *
     * @param perBucketApi false when S3 PutBucketCors does not configure the provider's CORS at all
     * @param notes adjustments made to the rule or things to know, one sentence each
     * @param instructions what to do instead where the S3 API does not apply; empty otherwise
     */
    public record Advice(boolean perBucketApi, List<String> notes, String instructions) {}

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
        List<String> notes = new ArrayList<>();
        switch (provider) {
            case R2:
                notes.add("Cloudflare R2: AllowedHeaders lists the headers explicitly, because '*' was reported not to"
                        + " work on R2.");
                notes.add("Cloudflare R2: wildcard ports such as http://localhost:* are rejected; MaxAgeSeconds stays"
                        + " at most 86400.");
                return new Advice(true, notes, "");
            case B2:
                return new Advice(
                        false,
                        List.of("Backblaze B2 keeps CORS in its own bucket rules; S3 PutBucketCors does not set"
                                + " them."),
                        b2Instructions(origins));
            case MINIO:
                notes.add("MinIO community edition has no per-bucket CORS (it answers NotImplemented); only MinIO"
                        + " AIStor stores bucket CORS rules.");
                return new Advice(true, notes, minioInstructions(origins));
            case SANDBOX:
                return new Advice(
                        true,
                        List.of("The sandbox (S3Proxy) has global CORS only; bucket CORS rules cannot be set."),
                        "");
            default:
                return new Advice(true, notes, "");
        }
    }

    /** What to do on a server that answered NotImplemented: it has one global CORS setting, no bucket rules. */
    public static String globalOnlyFix(Provider provider, List<String> origins) {
        if (provider == Provider.MINIO) {
            return minioInstructions(origins);
        }
        return "Set the allowed origins in the server's own configuration (MinIO: 'mc admin config set ALIAS api"
                + " cors_allow_origin=…'; S3Proxy: s3proxy.cors-allow-origins, s3proxy.cors-allow-methods,"
                + " s3proxy.cors-allow-headers and s3proxy.cors-exposed-headers=ETag), then run Check CORS to prove"
                + " it with a real preflight.";
    }

    private static String minioInstructions(List<String> origins) {
        String list = origins.isEmpty() ? "https://app.example.com" : String.join(",", origins);
        return "Set the server-wide origins instead: mc admin config set ALIAS api cors_allow_origin=\"" + list
                + "\" and restart with mc admin service restart ALIAS (or the environment variable"
                + " MINIO_API_CORS_ALLOW_ORIGIN). The default allows every origin.";
    }

    private static String b2Instructions(List<String> origins) {
        String list = origins.isEmpty() ? "\"https://app.example.com\"" : "\"" + String.join("\",\"", origins) + "\"";
        return "Set a B2 CORS rule with the b2 command-line tool: b2 bucket update --cors-rules "
                + "'[{\"corsRuleName\":\"obitoxBrowserUploads\",\"allowedOrigins\":[" + list + "],"
                + "\"allowedOperations\":[\"s3_head\",\"s3_get\",\"s3_put\",\"s3_post\",\"s3_delete\"],"
                + "\"allowedHeaders\":[\"*\"],"
                + "\"exposeHeaders\":[\"ETag\",\"x-bz-content-sha1\",\"x-amz-version-id\"],"
                + "\"maxAgeSeconds\":3600}]' BUCKET. The web UI offers only presets without ETag."
                + " Then run 'Check CORS' to prove it with a real preflight.";
    }
}
