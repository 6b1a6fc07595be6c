package io.obitox.e2e;

import io.obitox.testing.TestSecrets;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** The Ceph RGW the e2e group runs against: endpoint and keys from the environment (scripts/rgw-up.sh writes them). */
public final class E2e {
    private E2e() {}

    public static URI endpoint() {
        return URI.create(env("OBITOX_E2E_ENDPOINT", "http://127.0.0.1:7480"));
    }

    public static String accessKey() {
        return env("OBITOX_E2E_ACCESS_KEY", "labkey");
    }

    public static String secretKey() {
        return TestSecrets.register(env("OBITOX_E2E_SECRET_KEY", "labsecret"));
    }

    /** A plain SDK client for arranging and checking data on RGW (RGW needs WHEN_REQUIRED checksums). */
    public static S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey(), secretKey())))
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
