package io.obitox.cors;

import static io.obitox.cors.CorsCheck.Status.FAILED;
import static io.obitox.cors.CorsCheck.Status.PASSED;
import static io.obitox.cors.CorsCheck.Status.SKIPPED;
import static io.obitox.cors.CorsCheck.Status.WARNING;

import io.obitox.common.TextRef;
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

    /** English names of two checks (the others name their origin); the bundle has them as svc.cors.check.*. */
    static final String OTHER = "Other origins refused";

    static final String CLEANUP = "Probe clean-up";

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration URL_LIFETIME = Duration.ofMinutes(10);
    private static final byte[] BODY = "ObitoX CORS probe; safe to delete.\n".getBytes(StandardCharsets.UTF_8);
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");
    private static final TextRef SETUP_FIX = TextRef.of("svc.cors.check.setupFix");

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
            checks.add(upload(
                    TextRef.of("svc.cors.check.put", origin), put, origin, TextRef.of("svc.cors.check.probeObject")));
            checks.add(part(target, presigner, bucket, partKey, origin, cleanup));
        } finally {
            checks.add(cleanup.run());
        }
        return checks;
    }

    private CorsCheck preflight(URI objectUri, String origin) {
        TextRef name = TextRef.of("svc.cors.check.preflight", origin);
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
        Object seen = seen(res);
        if (res.statusCode() / 100 != 2 || acao == null) {
            return CorsCheck.of(FAILED, name, TextRef.of("svc.cors.check.preflightRefused", seen), SETUP_FIX);
        }
        if (!acao.equals(origin) && !acao.equals("*")) {
            return CorsCheck.of(FAILED, name, TextRef.of("svc.cors.check.otherOriginAnswered", seen), SETUP_FIX);
        }
        if (methods == null || !tokens(methods).contains("put")) {
            return CorsCheck.of(
                    FAILED, name, TextRef.of("svc.cors.check.noPut", seen), TextRef.of("svc.cors.check.noPut.fix"));
        }
        List<String> missing = UploadRules.UPLOAD_HEADERS.stream()
                .filter(h -> headers == null
                        || !(headers.trim().equals("*") || tokens(headers).contains(h)))
                .toList();
        if (!missing.isEmpty()) {
            return CorsCheck.of(
                    FAILED,
                    name,
                    TextRef.of("svc.cors.check.missingHeaders", String.join(", ", missing), seen),
                    TextRef.of("svc.cors.check.missingHeaders.fix"));
        }
        return CorsCheck.of(PASSED, name, TextRef.of("svc.cors.check.allowed", seen), null);
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
            return unreachable(TextRef.of("svc.cors.check.other"), e);
        }
        String acao = header(res, "Access-Control-Allow-Origin");
        Object seen = seen(res);
        if (acao == null || res.statusCode() / 100 != 2) {
            return CorsCheck.of(
                    PASSED,
                    TextRef.of("svc.cors.check.other"),
                    TextRef.of("svc.cors.check.otherRefused", OTHER_ORIGIN, seen),
                    null);
        }
        boolean wildcard = acao.equals("*")
                || origins.contains("*")
                || config == null
                || config.rules().stream().anyMatch(r -> r.allowedOrigins().contains("*"));
        return CorsCheck.of(
                wildcard ? WARNING : FAILED,
                TextRef.of("svc.cors.check.other"),
                TextRef.of("svc.cors.check.otherAllowed", OTHER_ORIGIN, seen),
                TextRef.of("svc.cors.check.otherAllowed.fix"));
    }

    private CorsCheck part(
            S3Target target, S3Presigner presigner, String bucket, String partKey, String origin, Cleanup cleanup) {
        TextRef name = TextRef.of("svc.cors.check.part", origin);
        String uploadId;
        try {
            uploadId = clients.interactive(target)
                    .createMultipartUpload(b -> b.bucket(bucket).key(partKey))
                    .uploadId();
        } catch (RuntimeException e) {
            return CorsCheck.of(
                    FAILED,
                    name,
                    TextRef.of("svc.cors.check.multipartNotStarted", CheckTexts.messageOf(S3Errors.describe(e))),
                    TextRef.of("svc.cors.check.multipartNotStarted.fix"));
        }
        cleanup.partKey = partKey;
        cleanup.uploadId = uploadId;
        PresignedRequest part = presigner.presignUploadPart(p -> p.signatureDuration(URL_LIFETIME)
                .uploadPartRequest(
                        u -> u.bucket(bucket).key(partKey).uploadId(uploadId).partNumber(1)));
        return upload(name, part, origin, TextRef.of("svc.cors.check.probePart"));
    }

    private CorsCheck upload(TextRef name, PresignedRequest presigned, String origin, TextRef what) {
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
        Object seen = seen(res);
        if (res.statusCode() / 100 != 2) {
            return CorsCheck.of(
                    FAILED,
                    name,
                    TextRef.of("svc.cors.check.refusedItself", what, seen),
                    TextRef.of("svc.cors.check.refusedItself.fix"));
        }
        if (acao == null || !acao.equals(origin) && !acao.equals("*")) {
            return CorsCheck.of(FAILED, name, TextRef.of("svc.cors.check.noAllowOrigin", origin, seen), SETUP_FIX);
        }
        if (expose == null || !tokens(expose).contains("etag")) {
            return CorsCheck.of(
                    FAILED, name, TextRef.of("svc.cors.check.noEtag", seen), TextRef.of("svc.cors.check.noEtag.fix"));
        }
        return CorsCheck.of(PASSED, name, TextRef.of("svc.cors.check.uploaded", what, seen), null);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder req) throws IOException {
        try {
            return http.get().send(req.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("CORS check cancelled");
        }
    }

    private static CorsCheck unreachable(TextRef name, IOException e) {
        var m = S3Errors.describe(e);
        TextRef message = TextRef.of("svc.cors.check.notSent", CheckTexts.messageOf(m));
        return new CorsCheck(name.english(), FAILED, message.english(), m.fix(), name, message, m.fixRef());
    }

    private static String header(HttpResponse<?> res, String name) {
        return res.headers().firstValue(name).orElse(null);
    }

    /**
     * What a response said, for "what it saw": status, error code and CORS headers (values as they came, so a plain
     * string), or a reference when it had no CORS headers at all.
     */
    private static Object seen(HttpResponse<byte[]> res) {
        String status = res.statusCode() + errorCode(res);
        String headers = seenHeaders(res);
        return headers.isEmpty() ? TextRef.of("svc.cors.check.seenNoHeaders", status) : "HTTP " + status + headers;
    }

    /** The CORS headers of a response, each after ", "; empty when it has none. */
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
            List<TextRef> failed = new ArrayList<>();
            if (objectKey != null) {
                try {
                    s3.deleteObject(b -> b.bucket(bucket).key(objectKey));
                    done.add("deleted the probe object");
                } catch (RuntimeException e) {
                    failed.add(TextRef.of(
                            "svc.cors.cleanup.notDeleted", objectKey, CheckTexts.messageOf(S3Errors.describe(e))));
                }
            }
            if (uploadId != null) {
                try {
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(partKey).uploadId(uploadId));
                    done.add("aborted the probe multipart upload");
                } catch (RuntimeException e) {
                    failed.add(TextRef.of(
                            "svc.cors.cleanup.notAborted", partKey, CheckTexts.messageOf(S3Errors.describe(e))));
                }
            }
            if (!failed.isEmpty()) {
                return CorsCheck.of(
                        WARNING,
                        TextRef.of("svc.cors.check.cleanup"),
                        TextRef.of("svc.cors.check.cleanupIncomplete", CheckTexts.joined(failed)),
                        TextRef.of("svc.cors.check.cleanupIncomplete.fix", PROBE_PREFIX));
            }
            return CorsCheck.of(
                    done.isEmpty() ? SKIPPED : PASSED,
                    TextRef.of("svc.cors.check.cleanup"),
                    TextRef.of(
                            done.isEmpty()
                                    ? "svc.cors.check.nothingLeft"
                                    : done.size() == 2
                                            ? "svc.cors.check.cleanedBoth"
                                            : objectKey != null
                                                    ? "svc.cors.check.cleanedObject"
                                                    : "svc.cors.check.cleanedPart"),
                    null);
        }
    }
}
