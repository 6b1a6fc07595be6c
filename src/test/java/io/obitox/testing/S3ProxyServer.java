package io.obitox.testing;

import io.obitox.storage.Provider;
import io.obitox.storage.S3Target;
import java.net.URI;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * An in-process S3Proxy for JUnit: real SigV4, presign expiry, multipart and checksum checks; in-memory store; bound
 * to 127.0.0.1 on a free port; random keys registered with {@link TestSecrets}.
 */
public final class S3ProxyServer implements AutoCloseable {
    private final S3Proxy proxy;
    private final String accessKey;
    private final String secretKey;
    private final URI endpoint;

    private S3ProxyServer(CrossOriginResourceSharing cors) throws Exception {
        this.accessKey = "AKTEST"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
        this.secretKey = TestSecrets.register("s3proxy-secret-" + UUID.randomUUID());
        Properties props = new Properties();
        S3Proxy.Builder builder = S3Proxy.builder()
                .blobStore(BlobStores.create("transient-nio2", props))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
                .ignoreUnknownHeaders(true)
                .stopTimeout(100);
        this.proxy = (cors == null ? builder : builder.corsRules(cors)).build();
        proxy.start();
        for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(10);
        }
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public static S3ProxyServer start() {
        return start(null);
    }

    /**
     * With S3Proxy's global CORS (it has no per-bucket CORS API): these origins, methods, request headers and exposed
     * response headers, for every bucket.
     */
    public static S3ProxyServer startWithCors(
            List<String> origins, List<String> methods, List<String> headers, List<String> exposed) {
        return start(new CrossOriginResourceSharing(origins, methods, headers, exposed, "false"));
    }

    private static S3ProxyServer start(CrossOriginResourceSharing cors) {
        try {
            return new S3ProxyServer(cors);
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** A target with this server's keys (or other keys, to test failures). */
    public S3Target target(String accessKeyId, String secret) {
        return new S3Target(
                "s3proxy:" + endpoint + ":" + accessKeyId + ":" + secret.hashCode(),
                "s3proxy",
                Provider.GENERIC,
                endpoint,
                "us-east-1",
                true,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)));
    }

    public S3Target target() {
        return target(accessKey, secretKey);
    }

    /** A plain SDK client for arranging and checking test data. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    public void createBucket(String name) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(name));
        }
    }

    /**
     * PUTs empty objects, four at a time, with the app's client (no {@code Expect: 100-continue}, which made S3Proxy
     * break connections under parallel PUTs). For tests that need thousands of keys quickly.
     */
    public void putEmpty(String bucket, java.util.List<String> keys) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try (io.obitox.storage.StorageClients own = new io.obitox.storage.StorageClients()) {
            S3Client s3 = own.interactive(target());
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (String k : keys) {
                done.add(pool.submit(() -> s3.putObject(
                        b -> b.bucket(bucket).key(k), software.amazon.awssdk.core.sync.RequestBody.empty())));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("PUT failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception ignored) {
            // test teardown
        }
    }

    /**
     * Sends a request S3Proxy may refuse (a PUT whose signature or headers do not match) until its whole answer is
     * read. S3Proxy (Jetty) refuses such a PUT before reading its body and closes the connection; when the close
     * overtakes the 403 the client reads nothing ("received no bytes"), or only part of its chunked body ("chunked
     * transfer encoding, state: READING_DATA", seen in CI32 and CI38). A refusal is what such requests are for, so they
     * are sent again, at most four more times; any other failure is thrown at once. The request after such a refusal
     * goes through it too: the client may reuse the pooled connection Jetty has just closed and read nothing (CI on
     * 73132ed, PresignCliTest).
     */
    public static <T> java.net.http.HttpResponse<T> sendRefusable(
            java.net.http.HttpClient http,
            java.net.http.HttpRequest request,
            java.net.http.HttpResponse.BodyHandler<T> body)
            throws java.io.IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(request, body);
            } catch (java.io.IOException e) {
                String m = String.valueOf(e.getMessage());
                if (attempt == 5 || !(m.contains("received no bytes") || m.contains("chunked transfer encoding"))) {
                    throw e;
                }
            }
        }
    }
}
