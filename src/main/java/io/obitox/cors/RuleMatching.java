package io.obitox.cors;

import io.obitox.storage.Provider;

/**
 * How a server picks the CORS rule that answers a request, which decides where a rule must stand to take effect.
 *
 * <p>AWS S3 uses the first rule that matches origin, method and (for a preflight) the requested headers. Ceph RGW
 * uses the first rule whose origin matches and then only checks method and headers against that rule: a GET-only
 * rule for {@code *} before the upload rule makes every upload preflight fail there (verified against RGW 16.2). For
 * servers not verified, the stricter RGW reading is assumed.
 */
public enum RuleMatching {
    /** First rule matching origin, method and requested headers (AWS S3, Cloudflare R2, Backblaze B2). */
    ORIGIN_METHOD_HEADERS,
    /** First rule matching the origin; method and headers are then checked on that rule only (Ceph RGW). */
    FIRST_ORIGIN;

    public static RuleMatching of(Provider provider) {
        return switch (provider) {
            case AWS, R2, B2 -> ORIGIN_METHOD_HEADERS;
            default -> FIRST_ORIGIN;
        };
    }
}
