package io.obitox.storage;

import io.obitox.common.TextRef;

/**
 * The kinds of S3 storage ObitoX knows, with the client settings each needs. Every non-AWS endpoint gets
 * {@code WHEN_REQUIRED} checksums: Ceph RGW, R2 and B2 reject the SDK's default checksum trailers.
 */
public enum Provider {
    AWS("Amazon S3", false, false, "us-east-1", "", "Leave the endpoint empty; pick the bucket's region."),
    R2("Cloudflare R2", true, false, "auto", "https://<ACCOUNT_ID>.r2.cloudflarestorage.com", "Region is 'auto'."),
    MINIO("MinIO", true, true, "us-east-1", "http://127.0.0.1:9000", ""),
    CEPH("Ceph RGW", true, true, "us-east-1", "http://127.0.0.1:7480", ""),
    B2(
            "Backblaze B2",
            true,
            false,
            "us-west-004",
            "https://s3.us-west-004.backblazeb2.com",
            "Use the S3 endpoint and region shown on the bucket page."),
    WASABI(
            "Wasabi",
            true,
            false,
            "us-east-1",
            "https://s3.us-east-1.wasabisys.com",
            "Use the service URL of the bucket's region."),
    GENERIC("S3-compatible", true, true, "us-east-1", "https://s3.example.com", ""),
    SANDBOX("Sandbox (embedded)", false, true, "us-east-1", "", "Runs inside ObitoX on 127.0.0.1; no account needed.");

    private final String displayName;
    private final boolean requiresEndpoint;
    private final boolean defaultPathStyle;
    private final String defaultRegion;
    private final String endpointExample;
    private final String hint;

    Provider(
            String displayName,
            boolean requiresEndpoint,
            boolean defaultPathStyle,
            String defaultRegion,
            String endpointExample,
            String hint) {
        this.displayName = displayName;
        this.requiresEndpoint = requiresEndpoint;
        this.defaultPathStyle = defaultPathStyle;
        this.defaultRegion = defaultRegion;
        this.endpointExample = endpointExample;
        this.hint = hint;
    }

    public String displayName() {
        return displayName;
    }

    /** The name for a view to show in the user's language; {@link #displayName()} is its English. */
    public TextRef nameText() {
        return TextRef.of("svc.provider." + name());
    }

    public boolean requiresEndpoint() {
        return requiresEndpoint;
    }

    public boolean defaultPathStyle() {
        return defaultPathStyle;
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    public String endpointExample() {
        return endpointExample;
    }

    public String hint() {
        return hint;
    }

    /** The hint for a view to show in the user's language, or null when there is none; {@link #hint()} is English. */
    public TextRef hintText() {
        return hint.isEmpty() ? null : TextRef.of("svc.provider.hint." + name());
    }

    /** AWS computes and validates the newer checksums; every other provider we know only takes Content-MD5. */
    public boolean checksumsWhenRequiredOnly() {
        return this != AWS;
    }

    /**
     * Whether this provider makes an unencrypted (or SSE-S3) object's ETag from MD5s: the content's MD5 for a single
     * PUT, md5-of-part-MD5s plus {@code -N} for a multipart upload. Only then may an ETag be compared with what was
     * sent; elsewhere it is an opaque string and never a sign of corruption. R2, MinIO (since minio#7609) and others
     * make multipart ETags that keep the {@code -N} shape but are not md5-of-md5s; B2 and unknown servers are taken
     * as opaque for multipart, and for single PUTs only where the answer is MD5-shaped (every S3 server we know keeps
     * the MD5 there). Encryption (SSE-KMS, DSSE, SSE-C) turns any ETag opaque: callers check the answers for that.
     */
    public boolean etagIsMd5(boolean multipart) {
        return switch (this) {
            case AWS, CEPH, SANDBOX -> true;
            case R2, MINIO, WASABI, GENERIC -> !multipart;
            case B2 -> false;
        };
    }

    /** Parses names as typed on the command line: {@code aws}, {@code r2}, {@code minio}, {@code ceph} … */
    public static Provider parse(String text) {
        String t = text == null
                ? ""
                : text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        switch (t) {
            case "S3", "AMAZON", "AMAZON_S3":
                return AWS;
            case "CLOUDFLARE", "CLOUDFLARE_R2":
                return R2;
            case "RGW", "CEPH_RGW":
                return CEPH;
            case "BACKBLAZE", "BACKBLAZE_B2":
                return B2;
            case "S3_COMPATIBLE", "OTHER", "CUSTOM":
                return GENERIC;
            default:
                for (Provider p : values()) {
                    if (p.name().equals(t)) {
                        return p;
                    }
                }
                throw new IllegalArgumentException(
                        "Unknown provider '" + text + "'. Use one of: aws, r2, minio, ceph, b2, wasabi, generic.");
        }
    }

    @Override
    public String toString() {
        return displayName;
    }
}
