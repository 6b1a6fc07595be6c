package io.obitox.cors;

import io.obitox.testing.FaultProxy;
import io.obitox.testing.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A storage with per-bucket CORS for UI tests without Ceph RGW: an S3Proxy (global CORS for the live checks and the
 * browser) behind a {@link FaultProxy} that answers GetBucketCors with a fixed configuration and accepts
 * PutBucketCors/DeleteBucketCors without storing them. Every other request goes through to the S3Proxy.
 */
public final class BucketCorsFake implements AutoCloseable {
    private final S3ProxyServer server;
    private final FaultProxy proxy;

    /** @param origins allowed by the S3Proxy's global CORS and by the configuration's upload rule */
    public BucketCorsFake(String bucket, List<String> origins) {
        server = S3ProxyServer.startWithCors(origins, List.of("GET", "PUT", "HEAD"), List.of("*"), List.of("ETag"));
        server.createBucket(bucket);
        try {
            proxy = new FaultProxy(server.endpoint());
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException(e);
        }
        String xml = xml(configuration(origins));
        proxy.rules(r ->
                r.target().matches(".*[?&]cors(=[^&]*)?(&.*)?$") ? FaultProxy.Kind.REWRITE : FaultProxy.Kind.FORWARD);
        proxy.rewriter((r, raw) -> switch (r.method()) {
            case "GET" -> answer("200 OK", xml);
            case "DELETE" -> answer("204 No Content", "");
            default -> answer("200 OK", "");
        });
    }

    /** What GetBucketCors answers: a viewer rule for another site, then the upload rule CORS setup writes. */
    public static CorsConfig configuration(List<String> origins) {
        return new CorsConfig(List.of(
                new CorsRule(
                        "viewer", List.of("https://viewer.example.com"), List.of("GET"), List.of(), List.of(), null),
                UploadRules.rule(io.obitox.storage.Provider.CEPH, origins)));
    }

    public S3ProxyServer server() {
        return server;
    }

    /** Where profiles should point: the proxy, not the S3Proxy. */
    public URI endpoint() {
        return proxy.endpoint();
    }

    private static String answer(String status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "HTTP/1.1 " + status + "\r\nContent-Type: application/xml\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n" + new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String xml(CorsConfig config) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><CORSConfiguration"
                + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        for (CorsRule r : config.rules()) {
            sb.append("<CORSRule>");
            if (r.id() != null) {
                sb.append("<ID>").append(r.id()).append("</ID>");
            }
            r.allowedHeaders()
                    .forEach(v -> sb.append("<AllowedHeader>").append(v).append("</AllowedHeader>"));
            r.allowedMethods()
                    .forEach(v -> sb.append("<AllowedMethod>").append(v).append("</AllowedMethod>"));
            r.allowedOrigins()
                    .forEach(v -> sb.append("<AllowedOrigin>").append(v).append("</AllowedOrigin>"));
            r.exposeHeaders().forEach(v -> sb.append("<ExposeHeader>").append(v).append("</ExposeHeader>"));
            if (r.maxAgeSeconds() != null) {
                sb.append("<MaxAgeSeconds>").append(r.maxAgeSeconds()).append("</MaxAgeSeconds>");
            }
            sb.append("</CORSRule>");
        }
        return sb.append("</CORSConfiguration>").toString();
    }

    @Override
    public void close() {
        proxy.close();
        server.close();
    }
}
