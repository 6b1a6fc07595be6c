package io.obitox.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * A plain {@code PutObject} to an S3-compatible endpoint without the SDK's request pipeline: the request is built
 * here, signed by the SDK's own SigV4 signer ({@code UNSIGNED-PAYLOAD}, as {@link UnsignedPayloadSigning} signs the
 * bulk client's uploads) and sent through the same HTTP client as the bulk {@link S3Client} (with its {@link
 * BodyStallGuard}). The answer becomes the same {@link PutObjectResponse} (every header the model maps), a refusal
 * the same {@link S3Exception} (status, S3 error code and message, request ids), a transport failure the same {@link
 * SdkClientException} with its cause, so callers (retries, error words, verification) cannot tell the difference.
 *
 * <p>Why: for a small file the SDK's pipeline (interceptors, endpoint and auth-scheme rules, metrics, user agent,
 * marshalling) is most of the client's CPU per file: 5,000 PUTs of 2 KiB from memory took 8.3 s of CPU through
 * {@code S3Client.putObject} and 3.3 s signed and sent directly (2 cores shared with RGW, the CLI's JVM options).
 *
 * <p>Only what this class can send exactly like the SDK comes here ({@link #handles}): a target with an endpoint of
 * its own, path-style addressing and checksums only when required (so the SDK would add no checksum of its own),
 * and a request that sets nothing but bucket, key, content type and length, Content-MD5, user metadata and
 * If-None-Match. Anything else (AWS itself, encryption, storage class, ACL, tags, headers, checksums) goes through
 * the SDK's client as before.
 *
 * <p>Threading: immutable but for the clock offset learnt from a {@code RequestTimeTooSkewed} answer (volatile), so
 * used from any number of threads at once.
 */
public final class DirectPut {
    /** The request members this class sends; a request with any other member set goes through the SDK. */
    private static final Set<String> SENT =
            Set.of("Bucket", "Key", "ContentType", "ContentLength", "ContentMD5", "Metadata", "IfNoneMatch");

    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final SdkHttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final S3Target target;
    private final PlainEndpoint endpoint;
    /** The server's clock minus ours, learnt from a {@code RequestTimeTooSkewed} answer (as the SDK's client does). */
    private volatile Duration skew = Duration.ZERO;

    private DirectPut(SdkHttpClient http, S3Target target, PlainEndpoint endpoint) {
        this.http = http;
        this.target = target;
        this.endpoint = endpoint;
    }

    /** The direct path for {@code target} over {@code http}, or empty when its requests need the SDK's client. */
    static Optional<DirectPut> of(S3Target target, SdkHttpClient http) {
        PlainEndpoint e = PlainEndpoint.of(target);
        if (e == null || !target.provider().checksumsWhenRequiredOnly()) {
            return Optional.empty();
        }
        return Optional.of(new DirectPut(http, target, e));
    }

    /** Whether {@code r} sets nothing but what this class sends (else send it with the SDK's client). */
    public static boolean handles(PutObjectRequest r) {
        if (r.overrideConfiguration().isPresent()) {
            return false;
        }
        for (SdkField<?> f : r.sdkFields()) {
            Object v = f.getValueOrDefault(r);
            if (v != null && !SENT.contains(f.memberName()) && !(v instanceof Map<?, ?> m && m.isEmpty())) {
                return false;
            }
        }
        return r.bucket() != null && r.key() != null && r.contentMD5() != null;
    }

    /**
     * Sends {@code r} (which {@link #handles}) with {@code body}, as {@link S3Client#putObject(PutObjectRequest,
     * RequestBody)} would. Throws {@link S3Exception} for an error answer, {@link SdkClientException} when the request
     * could not be sent or answered.
     */
    public PutObjectResponse putObject(PutObjectRequest r, RequestBody body) {
        if (!handles(r)) {
            throw new IllegalArgumentException("not a request for the direct path");
        }
        long length = r.contentLength() != null
                ? r.contentLength()
                : body.optionalContentLength().orElseThrow(() -> new IllegalArgumentException("no length"));
        String type = r.contentType() != null ? r.contentType() : body.contentType();
        SdkHttpRequest.Builder b = SdkHttpRequest.builder()
                .method(SdkHttpMethod.PUT)
                // signed as https, sent over the real scheme: see UnsignedPayloadSigning
                .protocol("https")
                .host(endpoint.host())
                .port(endpoint.port())
                .encodedPath(
                        "/" + SdkHttpUtils.urlEncode(r.bucket()) + "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(r.key()))
                .putHeader("Content-Length", Long.toString(length))
                .putHeader("Content-MD5", r.contentMD5())
                .putHeader("User-Agent", "ObitoX");
        if (type != null) {
            b.putHeader("Content-Type", type);
        }
        if (r.ifNoneMatch() != null) {
            b.putHeader("If-None-Match", r.ifNoneMatch());
        }
        for (Map.Entry<String, String> m : r.metadata().entrySet()) {
            b.putHeader("x-amz-meta-" + m.getKey().trim(), m.getValue()); // trimmed, as the SDK's interceptor does
        }
        ContentStreamProvider content = body.contentStreamProvider();
        AwsCredentialsIdentity identity;
        SignedRequest signed;
        try {
            identity = target.credentials().resolveCredentials();
            SdkHttpRequest unsigned = b.build();
            Duration offset = skew;
            signed = signer.sign(s -> s.identity(identity)
                    .request(unsigned)
                    .payload(content)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, target.region())
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                    .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false)
                    .putProperty(
                            HttpSigner.SIGNING_CLOCK,
                            offset.isZero() ? Clock.systemUTC() : Clock.offset(Clock.systemUTC(), offset)));
        } catch (SdkClientException e) {
            throw e; // e.g. no credentials: as the SDK's client reports it
        } catch (RuntimeException e) {
            throw SdkClientException.builder()
                    .message("Unable to sign the request: " + e.getMessage())
                    .cause(e)
                    .build();
        }
        SdkHttpRequest request = signed.request().toBuilder()
                .protocol(endpoint.scheme())
                .port(endpoint.port())
                .build();
        HttpExecuteResponse response;
        try {
            response = http.prepareRequest(HttpExecuteRequest.builder()
                            .request(request)
                            .contentStreamProvider(signed.payload().orElse(content))
                            .build())
                    .call();
        } catch (IOException e) {
            throw SdkClientException.builder()
                    .message("Unable to execute HTTP request: " + e.getMessage())
                    .cause(e)
                    .build();
        }
        SdkHttpResponse head = response.httpResponse();
        byte[] answer = readAndClose(response.responseBody(), head.isSuccessful() ? 0 : MAX_ERROR_BODY);
        if (!head.isSuccessful()) {
            throw error(head, answer);
        }
        PutObjectResponse.Builder out = PutObjectResponse.builder();
        for (SdkField<?> f : out.sdkFields()) {
            if (f.location() == MarshallLocation.HEADER) {
                head.firstMatchingHeader(f.locationName()).ifPresent(v -> set(f, out, v));
            }
        }
        out.sdkHttpResponse(head);
        return out.build();
    }

    /** A response header as the model's member type (the few types {@code PutObject}'s answer uses). */
    private static void set(SdkField<?> f, Object builder, String value) {
        MarshallingType<?> t = f.marshallingType();
        Object v;
        if (t == MarshallingType.STRING) {
            v = value;
        } else if (t == MarshallingType.BOOLEAN) {
            v = Boolean.parseBoolean(value.trim());
        } else if (t == MarshallingType.LONG) {
            try {
                v = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                return;
            }
        } else if (t == MarshallingType.INTEGER) {
            try {
                v = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                return;
            }
        } else {
            return; // no other header type in PutObject's answer; a new one is left unset rather than guessed
        }
        f.set(builder, v);
    }

    /** Reads at most {@code limit} bytes of the answer's body and closes it (the connection goes back to the pool). */
    static byte[] readAndClose(Optional<? extends InputStream> body, int limit) {
        if (body.isEmpty()) {
            return new byte[0];
        }
        try (InputStream in = body.get()) {
            byte[] head = in.readNBytes(limit);
            in.transferTo(java.io.OutputStream.nullOutputStream()); // drained: the connection can be reused
            return head;
        } catch (IOException e) {
            return new byte[0]; // the status line decides; a broken body only loses the error's details
        }
    }

    /** The S3 error answer as the SDK's client reports it (and the clock offset, when that is what it says). */
    private S3Exception error(SdkHttpResponse head, byte[] body) {
        S3Exception e = s3Error(head, body);
        if ("RequestTimeTooSkewed".equals(e.awsErrorDetails().errorCode())) {
            learnSkew(head);
        }
        return e;
    }

    /** An S3 error answer ({@code <Error><Code>…}) as the SDK's client reports it; also {@link DirectList}'s. */
    static S3Exception s3Error(SdkHttpResponse head, byte[] body) {
        String xml = new String(body, StandardCharsets.UTF_8);
        String code = element(xml, "Code");
        String message = element(xml, "Message");
        String requestId = element(xml, "RequestId");
        String hostId = element(xml, "HostId");
        if (requestId == null) {
            requestId = head.firstMatchingHeader(List.of("x-amz-request-id", "x-amz-id-1"))
                    .orElse(null);
        }
        if (hostId == null) {
            hostId = head.firstMatchingHeader("x-amz-id-2").orElse(null);
        }
        return (S3Exception) S3Exception.builder()
                .statusCode(head.statusCode())
                .message(message)
                .requestId(requestId)
                .extendedRequestId(hostId)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("S3")
                        .sdkHttpResponse(head)
                        .rawResponse(software.amazon.awssdk.core.SdkBytes.fromByteArray(body))
                        .build())
                .build();
    }

    /** The offset of the server's clock from its {@code Date} header, used to sign from now on. */
    private void learnSkew(SdkHttpResponse head) {
        head.firstMatchingHeader("Date").ifPresent(d -> {
            try {
                Instant server = ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                skew = Duration.between(Instant.now(), server);
            } catch (RuntimeException ignored) {
                // no usable date: keep signing with our clock
            }
        });
    }

    /** The text of the first {@code <name>} element of an S3 error document, unescaped; null when absent. */
    static String element(String xml, String name) {
        int start = xml.indexOf("<" + name + ">");
        if (start < 0) {
            return null;
        }
        start += name.length() + 2;
        int end = xml.indexOf("</" + name + ">", start);
        if (end < 0) {
            return null;
        }
        return xml.substring(start, end)
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
