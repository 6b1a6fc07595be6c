package io.obitox.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * One {@code ListObjectsV2} page without the SDK's request pipeline and XML unmarshaller: the GET is built here,
 * signed by the SDK's SigV4 signer (as {@link DirectPut} signs its PUTs) and sent through the interactive HTTP client;
 * the answer is read with the JDK's streaming XML parser straight into {@link ObjectEntry}s. Keys are asked
 * URL-encoded and decoded with the SDK's own decoder, as the SDK does for this request.
 *
 * <p>Why: listing is most of a sync's work per file. A no-change {@code obitox sync} of 10,000 files on RGW spent 30 %
 * of its main thread in the ten listing calls, two thirds of that in the SDK's generic unmarshalling of the XML
 * (JFR, docs/benchmarks.md "Sync: the listing").
 *
 * <p>A refusal (4xx: missing bucket, wrong keys, denied) is thrown as the same {@link S3Exception} the SDK's client
 * would throw, after one request (a batch's pre-flight must cost one request, issue 14). Anything the SDK's client
 * would retry or handle (5xx, throttling, clock skew, a redirect), a body that is not a listing, and a request that
 * cannot be signed or sent give {@link Optional#empty()}: the caller asks the SDK's client for the same page, with its
 * retries and its errors. A read timeout is reported at once rather than waited for a second time.
 *
 * <p>Threading: immutable; used from any number of threads at once.
 */
final class DirectList {
    private static final XMLInputFactory XML = factory();
    private static final int MAX_ERROR_BODY = 64 * 1024;
    /** 4xx answers the SDK's client retries (after adjusting its clock, or waiting): left to it. */
    private static final java.util.Set<String> RETRIED = java.util.Set.of(
            "RequestTimeTooSkewed",
            "RequestTimeout",
            "SlowDown",
            "Throttling",
            "ThrottlingException",
            "RequestThrottled",
            "TooManyRequestsException",
            "RequestLimitExceeded",
            "PriorRequestNotComplete");

    private final SdkHttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final S3Target target;
    private final PlainEndpoint endpoint;

    private DirectList(SdkHttpClient http, S3Target target, PlainEndpoint endpoint) {
        this.http = http;
        this.target = target;
        this.endpoint = endpoint;
    }

    /** The direct path for {@code target} over {@code http}, or empty when its requests need the SDK's client. */
    static Optional<DirectList> of(S3Target target, SdkHttpClient http) {
        PlainEndpoint e = PlainEndpoint.of(target);
        return e == null ? Optional.empty() : Optional.of(new DirectList(http, target, e));
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false); // a server's answer never needs one: no entity expansion
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /**
     * The page of at most {@code maxKeys} entries below {@code prefix} ("" for the whole bucket) after {@code token}
     * (null for the first), folders as common prefixes unless {@code recursive}; the prefix's own folder marker left
     * out, as {@link BucketService#listObjects} does. Empty when the SDK's client must answer instead.
     */
    Optional<ObjectListing> page(String bucket, String prefix, boolean recursive, String token, int maxKeys) {
        SdkHttpRequest.Builder b = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .protocol("https") // signed as https, sent over the real scheme: see UnsignedPayloadSigning
                .host(endpoint.host())
                .port(endpoint.port())
                .encodedPath("/" + SdkHttpUtils.urlEncode(bucket))
                .putRawQueryParameter("list-type", "2")
                .putRawQueryParameter("max-keys", Integer.toString(maxKeys))
                .putRawQueryParameter("encoding-type", "url")
                .putHeader("User-Agent", "ObitoX");
        if (!prefix.isEmpty()) {
            b.putRawQueryParameter("prefix", prefix);
        }
        if (!recursive) {
            b.putRawQueryParameter("delimiter", "/");
        }
        if (token != null) {
            b.putRawQueryParameter("continuation-token", token);
        }
        SdkHttpRequest request;
        try {
            AwsCredentialsIdentity identity = target.credentials().resolveCredentials();
            SdkHttpRequest unsigned = b.build();
            SignedRequest signed = signer.sign(s -> s.identity(identity)
                    .request(unsigned)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, target.region())
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.systemUTC()));
            request = signed.request().toBuilder()
                    .protocol(endpoint.scheme())
                    .port(endpoint.port())
                    .build();
        } catch (RuntimeException e) {
            return Optional.empty(); // no credentials and the like: the SDK's client says it in its words
        }
        try {
            HttpExecuteResponse response = http.prepareRequest(
                            HttpExecuteRequest.builder().request(request).build())
                    .call();
            int status = response.httpResponse().statusCode();
            if (status != 200) {
                byte[] answer = DirectPut.readAndClose(response.responseBody(), MAX_ERROR_BODY);
                if (status >= 400 && status < 500) {
                    S3Exception refused = DirectPut.s3Error(response.httpResponse(), answer);
                    if (!RETRIED.contains(
                            String.valueOf(refused.awsErrorDetails().errorCode()))) {
                        throw refused; // what the SDK's client would throw, without asking a second time
                    }
                }
                return Optional.empty(); // 5xx, throttling, clock skew, redirects: the SDK's client retries them
            }
            try (InputStream body =
                    response.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream())) {
                ObjectListing page = parse(body, bucket, prefix);
                if (page == null) {
                    body.transferTo(java.io.OutputStream.nullOutputStream()); // the connection goes back to the pool
                }
                return Optional.ofNullable(page);
            }
        } catch (SocketTimeoutException e) {
            throw SdkClientException.builder()
                    .message("Unable to execute HTTP request: " + e.getMessage())
                    .cause(e)
                    .build();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The answer's entries, folders first as in one SDK page; null when the document is not a listing. */
    static ObjectListing parse(InputStream body, String bucket, String prefix) {
        List<Raw> raw = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String next = null;
        boolean truncated = false;
        boolean urlEncoded = false;
        boolean listing = false;
        try {
            XMLStreamReader r = XML.createXMLStreamReader(body);
            String section = null;
            String key = null;
            String etag = null;
            String storageClass = null;
            long size = 0;
            Instant modified = null;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = r.getLocalName();
                    if (name.equals("ListBucketResult")) {
                        listing = true;
                    } else if (name.equals("Contents") || name.equals("CommonPrefixes")) {
                        section = name;
                        key = etag = storageClass = null;
                        size = 0;
                        modified = null;
                    } else if ("Contents".equals(section)) {
                        switch (name) {
                            case "Key" -> key = r.getElementText();
                            case "ETag" -> etag = r.getElementText();
                            case "Size" ->
                                size = Long.parseLong(r.getElementText().trim());
                            case "LastModified" ->
                                modified = instant(r.getElementText().trim());
                            case "StorageClass" -> storageClass = r.getElementText();
                            default -> {}
                        }
                    } else if ("CommonPrefixes".equals(section) && name.equals("Prefix")) {
                        prefixes.add(r.getElementText());
                    } else if (section == null) {
                        switch (name) {
                            case "IsTruncated" ->
                                truncated = r.getElementText().trim().equalsIgnoreCase("true");
                            case "NextContinuationToken" -> next = r.getElementText();
                            case "EncodingType" ->
                                urlEncoded = r.getElementText().trim().equalsIgnoreCase("url");
                            default -> {}
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = r.getLocalName();
                    if (name.equals("Contents")) {
                        if (key == null) {
                            return null; // not a listing this class understands: the SDK reads it
                        }
                        raw.add(new Raw(key, size, modified, etag, storageClass));
                        section = null;
                    } else if (name.equals("CommonPrefixes")) {
                        section = null;
                    }
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            return null;
        }
        if (!listing) {
            return null;
        }
        List<ObjectEntry> entries = new ArrayList<>(prefixes.size() + raw.size());
        for (String p : prefixes) {
            entries.add(ObjectEntry.folder(urlEncoded ? SdkHttpUtils.urlDecode(p) : p));
        }
        for (Raw o : raw) {
            String key = urlEncoded ? SdkHttpUtils.urlDecode(o.key()) : o.key();
            if (key.equals(prefix) && prefix.endsWith("/")) {
                continue; // the "folder marker" object of the prefix itself
            }
            entries.add(new ObjectEntry(key, o.size(), o.modified(), o.etag(), false, o.storageClass()));
        }
        return new ObjectListing(bucket, prefix, entries, truncated ? next : null);
    }

    /** An object as the answer gives it (the key still encoded when the answer says so). */
    private record Raw(String key, long size, Instant modified, String etag, String storageClass) {}

    /**
     * An S3 timestamp: {@code 2026-12-07T12:28:15.563Z} read by hand (Instant.parse was a third of the parsing's CPU);
     * any other form (no fraction, more digits, an offset instead of Z) by the JDK's parsers.
     */
    static Instant instant(String t) {
        if (t.length() == 24
                && t.charAt(4) == '-'
                && t.charAt(7) == '-'
                && t.charAt(10) == 'T'
                && t.charAt(13) == ':'
                && t.charAt(16) == ':'
                && t.charAt(19) == '.'
                && t.charAt(23) == 'Z') {
            int year = digits(t, 0, 4);
            int month = digits(t, 5, 7);
            int day = digits(t, 8, 10);
            int hour = digits(t, 11, 13);
            int minute = digits(t, 14, 16);
            int second = digits(t, 17, 19);
            int millis = digits(t, 20, 23);
            if (year >= 0
                    && month >= 1
                    && month <= 12
                    && day >= 1
                    && day <= 31
                    && hour >= 0
                    && hour <= 23
                    && minute >= 0
                    && minute <= 59
                    && second >= 0
                    && second <= 59
                    && millis >= 0) {
                try {
                    long days = java.time.LocalDate.of(year, month, day).toEpochDay();
                    return Instant.ofEpochSecond(
                            days * 86_400 + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
                } catch (java.time.DateTimeException e) {
                    // 31 February and the like: the JDK's parser says what is wrong
                }
            }
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(t).toInstant();
        }
    }

    /** The decimal number in {@code t[from, to)}, or -1 when a character there is not a digit. */
    private static int digits(String t, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
