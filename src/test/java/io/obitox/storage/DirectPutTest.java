package io.obitox.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * The direct PUT against the SDK's own client, on one local server that answers both alike: the same request on the
 * wire (path, headers, body), the same {@link PutObjectResponse} for an answer and the same exception (status, S3
 * code and message, plain words) for a refusal.
 */
class DirectPutTest {
    private static final byte[] BODY = "hello, direct".getBytes(StandardCharsets.UTF_8);
    private static final String MD5 = "o7ntrKK9Ew1kvEVhEmJjcw==";

    private HttpServer server;
    private StorageClients clients;
    private S3Target target;
    private final List<Seen> seen = new ArrayList<>();
    private volatile Answer answer;

    /** What the server answers next: status, headers and body. */
    record Answer(int status, Map<String, String> headers, String body) {}

    /** A request as the server saw it: the headers that carry meaning (not dates, signatures, SDK ids). */
    record Seen(String method, String rawPath, Map<String, String> headers, String body) {}

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
        target = new S3Target(
                "direct-test",
                "direct test",
                Provider.GENERIC,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "us-east-1",
                true,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));
        clients = new StorageClients();
    }

    @AfterEach
    void stop() {
        clients.close();
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        byte[] in = x.getRequestBody().readAllBytes();
        Map<String, String> h = new TreeMap<>();
        x.getRequestHeaders().forEach((k, v) -> {
            String name = k.toLowerCase(java.util.Locale.ROOT);
            if (name.equals("content-md5")
                    || name.equals("content-type")
                    || name.equals("content-length")
                    || name.equals("if-none-match")
                    || name.equals("host")
                    || name.equals("x-amz-content-sha256")
                    || name.startsWith("x-amz-meta-")) {
                h.put(name, String.join(",", v));
            }
        });
        h.put("authorization-present", String.valueOf(x.getRequestHeaders().containsKey("Authorization")));
        synchronized (seen) {
            seen.add(new Seen(
                    x.getRequestMethod(), x.getRequestURI().getRawPath(), h, new String(in, StandardCharsets.UTF_8)));
        }
        Answer a = answer;
        a.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            x.getResponseBody().write(out);
        }
        x.close();
    }

    private PutObjectRequest request() {
        return PutObjectRequest.builder()
                .bucket("bucket-1")
                .key("dir/a b+c%d ü (1).txt")
                .contentType("text/plain")
                .contentLength((long) BODY.length)
                .contentMD5(MD5)
                .metadata(Map.of("sha256", "abc", "mtime", "1700000000.123"))
                .ifNoneMatch("*")
                .build();
    }

    private DirectPut direct() {
        return clients.directPut(target).orElseThrow();
    }

    private S3Client sdk() {
        return clients.bulk(target);
    }

    @Test
    void sendsWhatTheSdkSendsAndReadsTheAnswerAlike() {
        answer = new Answer(
                200,
                Map.of(
                        "ETag", "\"0123456789abcdef0123456789abcdef\"",
                        "x-amz-server-side-encryption", "AES256",
                        "x-amz-version-id", "v1",
                        "x-amz-checksum-crc32", "AAAAAA=="),
                "");
        PutObjectResponse viaSdk = sdk().putObject(request(), RequestBody.fromBytes(BODY));
        PutObjectResponse direct = direct().putObject(request(), RequestBody.fromBytes(BODY));

        assertThat(seen).hasSize(2);
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
        assertThat(seen.get(1).rawPath()).isEqualTo("/bucket-1/dir/a%20b%2Bc%25d%20%C3%BC%20%281%29.txt");
        assertThat(seen.get(1).headers())
                .containsEntry("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
                .containsEntry("authorization-present", "true");
        assertThat(direct.eTag()).isEqualTo(viaSdk.eTag());
        assertThat(direct.serverSideEncryptionAsString()).isEqualTo("AES256");
        assertThat(direct.versionId()).isEqualTo(viaSdk.versionId());
        assertThat(direct.checksumCRC32()).isEqualTo(viaSdk.checksumCRC32());
        assertThat(direct.sdkHttpResponse().statusCode()).isEqualTo(200);
    }

    @Test
    void refusalsBecomeTheSameExceptions() {
        for (Answer a : List.of(
                new Answer(
                        503,
                        Map.of("x-amz-request-id", "r1"),
                        "<?xml version=\"1.0\"?><Error><Code>SlowDown</Code><Message>Please reduce your request"
                                + " rate.</Message><RequestId>r1</RequestId><HostId>h1</HostId></Error>"),
                new Answer(
                        412,
                        Map.of(),
                        "<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you"
                                + " specified did not hold &amp; so on</Message></Error>"),
                new Answer(403, Map.of(), "<Error><Code>SignatureDoesNotMatch</Code><Message>no</Message></Error>"),
                new Answer(404, Map.of(), "<Error><Code>NoSuchBucket</Code><Message>gone</Message></Error>"),
                new Answer(500, Map.of(), "<html>proxy error</html>"))) {
            answer = a;
            Throwable viaSdk = catchThrowable(() -> sdk().putObject(request(), RequestBody.fromBytes(BODY)));
            Throwable direct = catchThrowable(() -> direct().putObject(request(), RequestBody.fromBytes(BODY)));

            assertThat(direct).as("%s", a).isInstanceOf(AwsServiceException.class);
            AwsServiceException d = (AwsServiceException) direct;
            AwsServiceException s = (AwsServiceException) viaSdk;
            assertThat(d.statusCode()).isEqualTo(s.statusCode());
            assertThat(d.awsErrorDetails().errorCode())
                    .as("%s", a)
                    .isEqualTo(s.awsErrorDetails().errorCode());
            if (s.awsErrorDetails().errorCode() != null) {
                assertThat(d.awsErrorDetails().errorMessage())
                        .isEqualTo(s.awsErrorDetails().errorMessage());
            }
            assertThat(S3Errors.describe(d)).as("%s", a).isEqualTo(S3Errors.describe(s));
        }
    }

    @Test
    void aTransportFailureIsAClientExceptionWithItsCause() {
        server.stop(0); // nothing listens any more
        Throwable viaSdk = catchThrowable(() -> sdk().putObject(request(), RequestBody.fromBytes(BODY)));
        Throwable direct = catchThrowable(() -> direct().putObject(request(), RequestBody.fromBytes(BODY)));

        assertThat(direct)
                .isInstanceOf(SdkClientException.class)
                .hasRootCauseInstanceOf(java.net.ConnectException.class);
        assertThat(S3Errors.describe(direct).code())
                .isEqualTo(S3Errors.describe(viaSdk).code());
    }

    @Test
    void leavesEverythingElseToTheSdk() {
        assertThat(DirectPut.handles(request())).isTrue();
        assertThat(DirectPut.handles(request().toBuilder()
                        .storageClass(StorageClass.STANDARD_IA)
                        .build()))
                .isFalse();
        assertThat(DirectPut.handles(
                        request().toBuilder().serverSideEncryption("AES256").build()))
                .isFalse();
        assertThat(DirectPut.handles(request().toBuilder().tagging("a=b").build()))
                .isFalse();
        assertThat(DirectPut.handles(request().toBuilder().contentMD5(null).build()))
                .as("no Content-MD5: the SDK signs the payload")
                .isFalse();
        assertThat(DirectPut.handles(request().toBuilder()
                        .overrideConfiguration(o -> o.putHeader("x-extra", "1"))
                        .build()))
                .isFalse();

        S3Target aws = new S3Target("aws", "aws", Provider.AWS, null, "eu-west-1", false, target.credentials());
        assertThat(clients.directPut(aws)).as("AWS itself").isEmpty();
        S3Target virtualHosted =
                new S3Target("vh", "vh", Provider.GENERIC, target.endpoint(), "us-east-1", false, target.credentials());
        assertThat(clients.directPut(virtualHosted)).isEmpty();
        S3Target withPath = new S3Target(
                "p",
                "p",
                Provider.GENERIC,
                URI.create(target.endpoint() + "/s3"),
                "us-east-1",
                true,
                target.credentials());
        assertThat(clients.directPut(withPath)).isEmpty();
    }

    @Test
    void readsTheErrorDocument() {
        assertThat(DirectPut.element("<Error><Code>A</Code><Message>x &lt; y &amp; z</Message></Error>", "Message"))
                .isEqualTo("x < y & z");
        assertThat(DirectPut.element("<Error></Error>", "Code")).isNull();
    }
}
