package io.obitox.cors;

import io.obitox.storage.S3Errors;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The live checks: the requests a browser makes, sent to the server, and the CORS headers that come back. A preflight
 * per origin, one for an origin that should be refused, a real presigned PUT of a small probe object and one presigned
 * multipart part, each with an {@code Origin} header. The probe object and the multipart upload are removed
 * afterwards, whatever happened.
 *
 * <p>Blocking; thread-safe (no state besides the shared {@link HttpClient}).
 */
public final class CorsProber {
    /** Where probe objects go; a failed clean-up names the key so it can be deleted by hand. */
    public static final String PROBE_PREFIX = ".obitox-cors-probe/";

    /** An origin nobody configures (the .invalid top-level domain never resolves). */
    public static final String OTHER_ORIGIN = "https://obitox-cors-check.invalid";

    static final String PREFLIGHT = "Preflight from ";
    static final String OTHER = "Other origins refused";
    static final String PUT = "Presigned PUT from ";
    static final String PART = "Multipart part from ";
    static final String CLEANUP = "Probe clean-up";

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration URL_LIFETIME = Duration.ofMinutes(10);
    private static final byte[] BODY = "ObitoX CORS probe; safe to delete.\n".getBytes(StandardCharsets.UTF_8);
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");
    private static final String SETUP_FIX = "Run CORS setup for this bucket with this origin.";

    private final StorageClients clients;
    /** Built on the first probe: building it loads the TLS trust store, which would slow down every start. */
    private final Supplier<HttpClient> http;

    public CorsProber(StorageClients clients) {
        this.clients = clients;
        this.http = new Supplier<>() {
            private HttpClient client;

            @Override
            public synchronized HttpClient get() {
                if (client == null) {
                    client = HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(10))
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .version(HttpClient.Version.HTTP_1_1)
                            .build();
                }
                return client;
            }
        };
    }

    CorsProber(StorageClients clients, HttpClient http) {
        this.clients = clients;
        this.http = () -> http;
    }

    /**
     * Runs every live check for uploads from {@code origins} (patterns are sampled to concrete origins; the uploads
     * use the first one).
     *
     * @param config the bucket's configuration when known (null when unreadable), to judge a wildcard
     */
    public List<CorsCheck> probe(S3Target target, String bucket, List<String> origins, CorsConfig config) {
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("no origins to probe");
        }
        List<CorsCheck> checks = new ArrayList<>();
        String id = UUID.randomUUID().toString();
        String key = PROBE_PREFIX + id + ".txt";
        String partKey = PROBE_PREFIX + id + "-part.bin";
        String origin = Origins.sample(origins.get(0));
        Cleanup cleanup = new Cleanup(clients.interactive(target), bucket);
        try (S3Presigner presigner = clients.presigner(target)) {
            PresignedPutObjectRequest put = presigner.presignPutObject(p -> p.signatureDuration(URL_LIFETIME)
                    .putObjectRequest(o -> o.bucket(bucket).key(key).contentType("text/plain")));
            URI objectUri = withoutQuery(put.url());
            for (String pattern : origins) {
                checks.add(preflight(objectUri, Origins.sample(pattern)));
            }
            checks.add(otherOriginRefused(objectUri, origins, config));
            cleanup.objectKey = key;
            checks.add(upload(PUT + origin, put, origin, "the probe object"));
            checks.add(part(target, presigner, bucket, partKey, origin, cleanup));
        } finally {
            checks.add(cleanup.run());
        }
        return checks;
    }

    private CorsCheck preflight(URI objectUri, String origin) {
        String name = PREFLIGHT + origin;
        String requested = String.join(",", UploadRules.UPLOAD_HEADERS);
        HttpResponse<byte[]> res;
        try {
            res = send(HttpRequest.newBuilder(objectUri)
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", origin)
                    .header("Access-Control-Request-Method", "PUT")
                    .header("Access-Control-Request-Headers", requested));
        } catch (IOException e) {
            return unreachable(name, e);
        }
        String acao = header(res, "Access-Control-Allow-Origin");
        String methods = header(res, "Access-Control-Allow-Methods");
        String headers = header(res, "Access-Control-Allow-Headers");
        String seen = "HTTP " + res.statusCode() + errorCode(res) + seenHeaders(res);
        if (res.statusCode() / 100 != 2 || acao == null) {
            return CorsCheck.failed(
                    name,
                    "The preflight for PUT was refused (" + seen + "). The browser reports \"CORS is not enabled for"
                            + " this bucket\" or \"This CORS request is not allowed\" and never sends the upload.",
                    SETUP_FIX);
        }
        if (!acao.equals(origin) && !acao.equals("*")) {
            return CorsCheck.failed(name, "The preflight answered for another origin (" + seen + ").", SETUP_FIX);
        }
        if (methods == null || !tokens(methods).contains("put")) {
            return CorsCheck.failed(
                    name, "The preflight does not allow PUT (" + seen + ").", "Add PUT to AllowedMethods.");
        }
        List<String> missing = UploadRules.UPLOAD_HEADERS.stream()
                .filter(h -> headers == null
                        || !(headers.trim().equals("*") || tokens(headers).contains(h)))
                .toList();
        if (!missing.isEmpty()) {
            return CorsCheck.failed(
                    name,
                    "The preflight does not allow the headers " + String.join(", ", missing) + " (" + seen + ").",
                    "Add them to AllowedHeaders.");
        }
        return CorsCheck.passed(name, "Allowed: " + seen + ".");
    }

    private CorsCheck otherOriginRefused(URI objectUri, List<String> origins, CorsConfig config) {
        HttpResponse<byte[]> res;
        try {
            res = send(HttpRequest.newBuilder(objectUri)
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", OTHER_ORIGIN)
                    .header("Access-Control-Request-Method", "PUT")
                    .header("Access-Control-Request-Headers", "content-type"));
        } catch (IOException e) {
            return unreachable(OTHER, e);
        }
        String acao = header(res, "Access-Control-Allow-Origin");
        String seen = "HTTP " + res.statusCode() + errorCode(res) + seenHeaders(res);
        if (acao == null || res.statusCode() / 100 != 2) {
            return CorsCheck.passed(OTHER, "A preflight from " + OTHER_ORIGIN + " was refused (" + seen + ").");
        }
        boolean wildcard = acao.equals("*")
                || origins.contains("*")
                || config == null
                || config.rules().stream().anyMatch(r -> r.allowedOrigins().contains("*"));
        String message = "A preflight from " + OTHER_ORIGIN + ", which you did not list, was allowed too (" + seen
                + "). Any website can have its visitors' browsers upload here with a presigned URL.";
        String fix = "List only your own origins instead of *, unless every website should be allowed.";
        return wildcard ? CorsCheck.warning(OTHER, message, fix) : CorsCheck.failed(OTHER, message, fix);
    }

    private CorsCheck part(
            S3Target target, S3Presigner presigner, String bucket, String partKey, String origin, Cleanup cleanup) {
        String name = PART + origin;
        String uploadId;
        try {
            uploadId = clients.interactive(target)
                    .createMultipartUpload(b -> b.bucket(bucket).key(partKey))
                    .uploadId();
        } catch (RuntimeException e) {
            return CorsCheck.failed(
                    name,
                    "Could not start the probe multipart upload: "
                            + S3Errors.describe(e).message(),
                    "The credentials need s3:PutObject and s3:AbortMultipartUpload on the bucket.");
        }
        cleanup.partKey = partKey;
        cleanup.uploadId = uploadId;
        PresignedRequest part = presigner.presignUploadPart(p -> p.signatureDuration(URL_LIFETIME)
                .uploadPartRequest(
                        u -> u.bucket(bucket).key(partKey).uploadId(uploadId).partNumber(1)));
        return upload(name, part, origin, "the probe part");
    }

    private CorsCheck upload(String name, PresignedRequest presigned, String origin, String what) {
        HttpRequest.Builder req = HttpRequest.newBuilder(toUri(presigned.url()))
                .method("PUT", HttpRequest.BodyPublishers.ofByteArray(BODY))
                .header("Origin", origin);
        for (Map.Entry<String, List<String>> h : presigned.signedHeaders().entrySet()) {
            if (!h.getKey().equalsIgnoreCase("host")) {
                h.getValue().forEach(v -> req.header(h.getKey(), v));
            }
        }
        HttpResponse<byte[]> res;
        try {
            res = send(req);
        } catch (IOException e) {
            return unreachable(name, e);
        }
        String acao = header(res, "Access-Control-Allow-Origin");
        String expose = header(res, "Access-Control-Expose-Headers");
        String seen = "HTTP " + res.statusCode() + errorCode(res) + seenHeaders(res);
        if (res.statusCode() / 100 != 2) {
            return CorsCheck.failed(
                    name,
                    "The server refused " + what + " itself (" + seen + "); this is not a CORS problem.",
                    "The credentials need s3:PutObject on the bucket (and the clock must be right for presigned"
                            + " URLs).");
        }
        if (acao == null || !acao.equals(origin) && !acao.equals("*")) {
            return CorsCheck.failed(
                    name,
                    "The upload went through, but the response has no Access-Control-Allow-Origin for " + origin + " ("
                            + seen + "): the browser discards it and reports a CORS error.",
                    SETUP_FIX);
        }
        if (expose == null || !tokens(expose).contains("etag")) {
            return CorsCheck.failed(
                    name,
                    "ETag is not in Access-Control-Expose-Headers (" + seen + "): browser code cannot read the ETag"
                            + " (\"Headers not found in CORS response\"), so multipart uploads cannot complete.",
                    "Add ETag to ExposeHeaders. " + SETUP_FIX);
        }
        return CorsCheck.passed(name, "Uploaded " + what + " with the browser's headers: " + seen + ".");
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder req) throws IOException {
        try {
            return http.get().send(req.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("CORS check cancelled");
        }
    }

    private static CorsCheck unreachable(String name, IOException e) {
        var m = S3Errors.describe(e);
        return CorsCheck.failed(name, "The request could not be sent: " + m.message(), m.fix());
    }

    private static String header(HttpResponse<?> res, String name) {
        return res.headers().firstValue(name).orElse(null);
    }

    /** The CORS headers of a response, for "what it saw". */
    private static String seenHeaders(HttpResponse<?> res) {
        StringBuilder sb = new StringBuilder();
        for (String h : List.of(
                "Access-Control-Allow-Origin",
                "Access-Control-Allow-Methods",
                "Access-Control-Allow-Headers",
                "Access-Control-Expose-Headers",
                "Access-Control-Max-Age")) {
            res.headers()
                    .firstValue(h)
                    .ifPresent(v -> sb.append(", ").append(h).append(": ").append(v));
        }
        if (sb.length() == 0) {
            sb.append(", no Access-Control-* headers");
        }
        return sb.toString();
    }

    private static String errorCode(HttpResponse<byte[]> res) {
        if (res.statusCode() < 300 || res.body() == null) {
            return "";
        }
        Matcher m = ERROR_CODE.matcher(new String(res.body(), StandardCharsets.UTF_8));
        return m.find() ? " " + m.group(1) : "";
    }

    private static List<String> tokens(String headerValue) {
        return Arrays.stream(headerValue.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .toList();
    }

    private static URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("presigned URL is not a URI: " + e.getMessage(), e);
        }
    }

    private static URI withoutQuery(URL url) {
        URI u = toUri(url);
        return URI.create(u.getScheme() + "://" + u.getRawAuthority() + u.getRawPath());
    }

    /** What the probe left on the server; {@link #run()} removes it and reports. */
    private static final class Cleanup {
        private final S3Client s3;
        private final String bucket;
        private String objectKey;
        private String partKey;
        private String uploadId;

        Cleanup(S3Client s3, String bucket) {
            this.s3 = s3;
            this.bucket = bucket;
        }

        CorsCheck run() {
            List<String> done = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            if (objectKey != null) {
                try {
                    s3.deleteObject(b -> b.bucket(bucket).key(objectKey));
                    done.add("deleted the probe object");
                } catch (RuntimeException e) {
                    failed.add("could not delete " + objectKey + " ("
                            + S3Errors.describe(e).message() + ")");
                }
            }
            if (uploadId != null) {
                try {
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(partKey).uploadId(uploadId));
                    done.add("aborted the probe multipart upload");
                } catch (RuntimeException e) {
                    failed.add("could not abort the multipart upload of " + partKey + " ("
                            + S3Errors.describe(e).message() + ")");
                }
            }
            if (!failed.isEmpty()) {
                return CorsCheck.warning(
                        CLEANUP,
                        "Probe clean-up incomplete: " + String.join("; ", failed) + ".",
                        "Delete what is left under " + PROBE_PREFIX + " by hand, or set a lifecycle rule that aborts"
                                + " incomplete multipart uploads.");
            }
            return done.isEmpty()
                    ? CorsCheck.skipped(CLEANUP, "Nothing was left on the server.")
                    : CorsCheck.passed(CLEANUP, "Nothing left behind: " + String.join(", ", done) + ".");
        }
    }
}
