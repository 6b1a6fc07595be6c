package io.obitox.webhook;

import io.obitox.storage.S3Target;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The plain (unsigned) URL of an object: path style ({@code endpoint/bucket/key}) or virtual-hosted
 * ({@code bucket.host/key}) as the target addresses it. Opening it needs a public bucket or a presigned link.
 */
final class ObjectUrls {
    private ObjectUrls() {}

    static String of(S3Target target, String bucket, String key) {
        String path = encodeKey(key);
        URI endpoint = target.endpoint();
        if (endpoint == null) {
            // AWS: virtual-hosted, except bucket names with dots (their TLS certificate would not match)
            String region = target.region();
            return bucket.contains(".")
                    ? "https://s3." + region + ".amazonaws.com/" + bucket + "/" + path
                    : "https://" + bucket + ".s3." + region + ".amazonaws.com/" + path;
        }
        String base = endpoint.getScheme() + "://";
        String port = endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort();
        String prefix =
                endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/+$", "");
        if (target.pathStyle()) {
            return base + endpoint.getHost() + port + prefix + "/" + bucket + "/" + path;
        }
        return base + bucket + "." + endpoint.getHost() + port + prefix + "/" + path;
    }

    /** RFC 3986 encoding of each key segment; slashes stay. */
    static String encodeKey(String key) {
        StringBuilder sb = new StringBuilder();
        String[] segments = key.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(URLEncoder.encode(segments[i], StandardCharsets.UTF_8)
                    .replace("+", "%20")
                    .replace("*", "%2A")
                    .replace("%7E", "~"));
        }
        return sb.toString();
    }
}
