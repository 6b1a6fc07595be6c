package io.obitox.cors;

import io.obitox.storage.Provider;
import io.obitox.storage.S3Target;
import io.obitox.testing.TestSecrets;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The Ceph RGW of the e2e tests: endpoint and the two users from the environment ({@code OBITOX_E2E_*}, defaults of
 * the development RGW), plus bucket set-up and tear-down.
 */
public final class Rgw {
    public static final URI ENDPOINT = URI.create(env("OBITOX_E2E_ENDPOINT", "http://127.0.0.1:7480"));
    public static final String KEY = env("OBITOX_E2E_ACCESS_KEY", "labkey");
    public static final String SECRET = TestSecrets.register(env("OBITOX_E2E_SECRET_KEY", "labsecret"));
    public static final String KEY2 = env("OBITOX_E2E_ACCESS_KEY2", "lab2key");
    public static final String SECRET2 = TestSecrets.register(env("OBITOX_E2E_SECRET_KEY2", "lab2secret"));

    private Rgw() {}

    public static S3Target target() {
        return target(KEY, SECRET, "rgw-lab");
    }

    /** The second user, who does not own the test buckets. */
    public static S3Target otherUser() {
        return target(KEY2, SECRET2, "rgw-lab2");
    }

    public static S3Target target(String key, String secret, String label) {
        return new S3Target(
                "e2e:" + label,
                label,
                Provider.CEPH,
                ENDPOINT,
                "us-east-1",
                true,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)));
    }

    /** A plain SDK client of the bucket owner, for arranging and inspecting test data. */
    public static S3Client client() {
        return S3Client.builder()
                .endpointOverride(ENDPOINT)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .build();
    }

    public static String newBucket(S3Client s3) {
        String name = "cors-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(b -> b.bucket(name));
        return name;
    }

    /** Objects and open multipart uploads left in the bucket (the probes must leave none). */
    public static List<String> leftovers(S3Client s3, String bucket) {
        List<String> out = new java.util.ArrayList<>(s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream()
                .map(S3Object::key)
                .toList());
        s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().forEach(u -> out.add("upload:" + u.key()));
        return out;
    }

    public static void deleteBucket(S3Client s3, String bucket) {
        try {
            s3.listMultipartUploads(b -> b.bucket(bucket))
                    .uploads()
                    .forEach(u -> s3.abortMultipartUpload(
                            b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId())));
            s3.listObjectsV2(b -> b.bucket(bucket))
                    .contents()
                    .forEach(o -> s3.deleteObject(b -> b.bucket(bucket).key(o.key())));
            s3.deleteBucket(b -> b.bucket(bucket));
        } catch (RuntimeException e) {
            // teardown: a left-over test bucket is harmless and named cors-e2e-*
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
