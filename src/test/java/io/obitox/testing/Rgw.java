package io.obitox.testing;

import io.obitox.storage.Provider;
import io.obitox.storage.S3Target;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The Ceph RGW of the e2e group (tag {@code e2e}), started by {@code scripts/rgw-up.sh}: endpoint and keys from
 * {@code OBITOX_E2E_ENDPOINT}, {@code OBITOX_E2E_ACCESS_KEY}/{@code _SECRET_KEY} and the second user's
 * {@code OBITOX_E2E_ACCESS_KEY2}/{@code _SECRET_KEY2}; without them, the development RGW on 127.0.0.1:7480 with the
 * lab users. Both secrets are registered with {@link TestSecrets}.
 */
public final class Rgw {
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private final String accessKey2;
    private final String secretKey2;

    private Rgw() {
        this.endpoint =
                URI.create(env("OBITOX_E2E_ENDPOINT", "http://127.0.0.1:7480").replaceAll("/+$", ""));
        this.accessKey = env("OBITOX_E2E_ACCESS_KEY", "labkey");
        this.secretKey = TestSecrets.register(env("OBITOX_E2E_SECRET_KEY", "labsecret"));
        this.accessKey2 = env("OBITOX_E2E_ACCESS_KEY2", "lab2key");
        this.secretKey2 = TestSecrets.register(env("OBITOX_E2E_SECRET_KEY2", "lab2secret"));
    }

    /**
     * The configured RGW; fails (never skips) when nothing answers there, so a CI run without a server cannot pass.
     */
    public static Rgw require() {
        Rgw rgw = new Rgw();
        int port = rgw.endpoint.getPort() > 0 ? rgw.endpoint.getPort() : 80;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(rgw.endpoint.getHost(), port), 3000);
        } catch (IOException e) {
            throw new AssertionError("No Ceph RGW answers at " + rgw.endpoint + " (" + e.getMessage() + "). Start one"
                    + " with scripts/e2e.sh, or scripts/rgw-up.sh DIR and source DIR/rgw.env, or set"
                    + " OBITOX_E2E_ENDPOINT.");
        }
        return rgw;
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

    public String accessKey2() {
        return accessKey2;
    }

    public String secretKey2() {
        return secretKey2;
    }

    /** A target for the first user, as ObitoX would build it for a Ceph profile. */
    public S3Target target() {
        return target(accessKey, secretKey);
    }

    /** A target for the second user (a different account), for access-denied tests. */
    public S3Target target2() {
        return target(accessKey2, secretKey2);
    }

    public S3Target target(String accessKeyId, String secret) {
        return new S3Target(
                "rgw:" + endpoint + ":" + accessKeyId + ":" + secret.hashCode(),
                "rgw",
                Provider.CEPH,
                endpoint,
                "us-east-1",
                true,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)));
    }

    /** A plain SDK client of the first user for arranging and checking test data (RGW needs WHEN_REQUIRED). */
    public S3Client client() {
        return client(accessKey, secretKey);
    }

    public S3Client client2() {
        return client(accessKey2, secretKey2);
    }

    private S3Client client(String key, String secret) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** A bucket name no other test or run uses: {@code e2e-FEATURE-<random>}. */
    public static String uniqueBucket(String feature) {
        String f = feature.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return "e2e-" + f + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a bucket of the first user and puts the given objects (key, content) into it. */
    public void createBucket(String bucket, String... keysAndContents) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(bucket));
            for (int i = 0; i + 1 < keysAndContents.length; i += 2) {
                String key = keysAndContents[i];
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(keysAndContents[i + 1]));
            }
        }
    }

    /** Objects and open multipart uploads left in the bucket (a probe that must leave none is checked with this). */
    public static List<String> leftovers(S3Client s3, String bucket) {
        List<String> out = new ArrayList<>(s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream()
                .map(S3Object::key)
                .toList());
        s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().forEach(u -> out.add("upload:" + u.key()));
        return out;
    }

    /** Deletes a bucket of the first user with everything in it (objects and open multipart uploads). */
    public void deleteBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.listMultipartUploadsPaginator(b -> b.bucket(bucket))
                    .uploads()
                    .forEach(u -> s3.abortMultipartUpload(
                            b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId())));
            List<ObjectIdentifier> batch = new ArrayList<>();
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
                batch.add(ObjectIdentifier.builder().key(o.key()).build());
                if (batch.size() == 1000) {
                    deleteBatch(s3, bucket, batch);
                }
            }
            deleteBatch(s3, bucket, batch);
            s3.deleteBucket(b -> b.bucket(bucket));
        } catch (AwsServiceException e) {
            if (e.statusCode() != 404) {
                throw e;
            }
        }
    }

    private static void deleteBatch(S3Client s3, String bucket, List<ObjectIdentifier> batch) {
        if (!batch.isEmpty()) {
            List<ObjectIdentifier> keys = List.copyOf(batch);
            s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(keys).quiet(true)));
            batch.clear();
        }
    }

    /** A port on 127.0.0.1 where nothing listens (bound and released just now), for "endpoint down" tests. */
    public static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
