package io.obitox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.cli.Cli;
import io.obitox.profile.AwsSharedFiles;
import io.obitox.profile.ProfileService;
import io.obitox.testing.CliRun;
import io.obitox.testing.Rgw;
import io.obitox.testing.TestPaths;
import io.obitox.testing.TestSecrets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@code obitox profile test} against Ceph RGW: endpoint down, wrong secret, unknown key, missing bucket and success
 * each get their own code and plain message, both for a saved profile with typed keys and for {@code --endpoint-url}
 * with an AWS profile of the (test) AWS credentials file.
 */
@Tag("e2e")
class ProfileTestOnRgwTest {
    private static final List<String> ALL_CHECKS = List.of(
            "Endpoint",
            "Credentials",
            "Bucket",
            "List objects",
            "Upload",
            "Multipart upload",
            "List incomplete uploads",
            "Read CORS",
            "Write CORS");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final List<String> awsProfilesWritten = new ArrayList<>();
    private static Rgw rgw;
    private static String bucket;
    private static CliRun.Runner cli;
    private static AwsSharedFiles awsFiles;

    /** How the command names its target. */
    enum Via {
        /** {@code obitox profile add NAME … --access-key-id … --secret-access-key …}, then {@code profile test NAME}. */
        SAVED_PROFILE,
        /** {@code obitox profile test --endpoint-url URL --profile AWS_PROFILE --bucket B}. */
        ENDPOINT_URL
    }

    @BeforeAll
    static void setUp() {
        awsFiles = CliRun.awsFiles(); // first: nothing may be written before this check
        rgw = Rgw.require();
        bucket = Rgw.uniqueBucket("profile-test");
        rgw.createBucket(bucket);
        cli = CliRun.in(TestPaths.newDir("e2e-profile-test").resolve("home"));
    }

    @AfterAll
    static void tearDown() {
        if (rgw != null) {
            rgw.deleteBucket(bucket);
        }
        if (awsFiles != null) {
            awsProfilesWritten.forEach(awsFiles::removeKeys);
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void rightKeysAndBucketPassEveryCheckIncludingCorsAndLeaveTheBucketAsItWas(Via via) {
        Target t = new Target(via, rgw.endpoint().toString(), rgw.accessKey(), rgw.secretKey(), bucket);

        JsonNode report = t.json().assertExit(Cli.OK).assertNoStackTrace().json();
        assertThat(report.path("ok").asBoolean()).isTrue();
        assertThat(report.path("code").asText()).isEqualTo("OK");
        assertThat(report.path("message").asText()).isEqualTo("Connection works; every feature is available.");
        assertThat(report.path("bucket").asText()).isEqualTo(bucket);
        List<String> names = new ArrayList<>();
        for (JsonNode check : report.path("checks")) {
            names.add(check.path("name").asText());
            assertThat(check.path("status").asText()).as(check.toString()).isEqualTo("passed");
        }
        assertThat(names).containsExactlyElementsOf(ALL_CHECKS);

        CliRun text = t.text().assertExit(Cli.OK);
        assertThat(text.lines()).last().isEqualTo("OK: Connection works; every feature is available.");
        assertThat(text.out()).contains("Can write CORS (configuration left as it was).");

        try (S3Client s3 = rgw.client()) {
            assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents())
                    .as("probe objects")
                    .isEmpty();
            assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads())
                    .as("probe multipart uploads")
                    .isEmpty();
            S3Exception noCors = org.junit.jupiter.api.Assertions.assertThrows(
                    S3Exception.class, () -> s3.getBucketCors(b -> b.bucket(bucket)));
            assertThat(noCors.awsErrorDetails().errorCode()).isEqualTo("NoSuchCORSConfiguration");
        }
    }

    @Test
    void theCorsWriteProbeKeepsTheRulesABucketAlreadyHas() {
        String withCors = Rgw.uniqueBucket("profile-test-cors");
        rgw.createBucket(withCors);
        try (S3Client s3 = rgw.client()) {
            CORSRule rule = CORSRule.builder()
                    .allowedOrigins("https://app.example.test")
                    .allowedMethods("PUT", "GET")
                    .allowedHeaders("*")
                    .exposeHeaders("ETag")
                    .maxAgeSeconds(600)
                    .build();
            s3.putBucketCors(b -> b.bucket(withCors).corsConfiguration(c -> c.corsRules(rule)));

            JsonNode report = new Target(
                            Via.SAVED_PROFILE, rgw.endpoint().toString(), rgw.accessKey(), rgw.secretKey(), withCors)
                    .json()
                    .assertExit(Cli.OK)
                    .json();
            assertThat(report.path("checks").toString()).contains("Can read CORS (1 rule(s)).");

            List<CORSRule> after = s3.getBucketCors(b -> b.bucket(withCors)).corsRules();
            assertThat(after).hasSize(1);
            assertThat(after.get(0).allowedOrigins()).containsExactly("https://app.example.test");
            assertThat(after.get(0).allowedMethods()).containsExactlyInAnyOrder("PUT", "GET");
            assertThat(after.get(0).exposeHeaders()).containsExactly("ETag");
            assertThat(after.get(0).maxAgeSeconds()).isEqualTo(600);
        } finally {
            rgw.deleteBucket(withCors);
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aClosedPortIsReportedAsEndpointUnreachableAndNothingElseIsTried(Via via) {
        int port = Rgw.closedPort();
        Target t = new Target(via, "http://127.0.0.1:" + port, rgw.accessKey(), rgw.secretKey(), bucket);

        JsonNode report = t.json().assertExit(Cli.FAILURE).assertNoStackTrace().json();
        assertThat(report.path("code").asText()).isEqualTo("ENDPOINT_UNREACHABLE");
        assertThat(report.path("checks")).hasSize(1);
        JsonNode check = report.path("checks").get(0);
        assertThat(check.path("name").asText()).isEqualTo("Endpoint");
        assertThat(check.path("status").asText()).isEqualTo("failed");
        assertThat(check.path("message").asText()).startsWith("Nothing answers at 127.0.0.1:" + port + " (");
        assertThat(check.path("fix").asText()).contains("server is running");

        assertThat(t.text().assertExit(Cli.FAILURE).lines())
                .last(STRING)
                .startsWith("FAILED [ENDPOINT_UNREACHABLE]: Nothing answers at 127.0.0.1:" + port);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aWrongSecretIsReportedAsWrongSecret(Via via) {
        String wrong =
                TestSecrets.register("wrong-" + UUID.randomUUID().toString().replace("-", ""));
        Target t = new Target(via, rgw.endpoint().toString(), rgw.accessKey(), wrong, bucket);

        JsonNode check = failedCheck(t, "WRONG_SECRET", "Credentials");
        assertThat(check.path("message").asText())
                .isEqualTo("The secret access key is wrong: the server rejected the signature.");
        assertThat(check.path("fix").asText()).contains("Re-enter the secret key");
        assertThat(t.text().assertExit(Cli.FAILURE).out())
                .contains("FAIL  Credentials")
                .contains("FAILED [WRONG_SECRET]: The secret access key is wrong");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void anUnknownAccessKeyIsReportedAsUnknownKey(Via via) {
        String key = "NOSUCHKEY"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 11).toUpperCase();
        String secret = TestSecrets.register("unknown-" + UUID.randomUUID());
        Target t = new Target(via, rgw.endpoint().toString(), key, secret, bucket);

        JsonNode check = failedCheck(t, "UNKNOWN_ACCESS_KEY", "Credentials");
        assertThat(check.path("message").asText()).isEqualTo("The server does not know this access key ID.");
        assertThat(t.text().assertExit(Cli.FAILURE).lines())
                .last(STRING)
                .startsWith("FAILED [UNKNOWN_ACCESS_KEY]: The server does not know this access key ID.");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aMissingBucketIsReportedAsBucketMissingAfterTheCredentialsPassed(Via via) {
        String missing = Rgw.uniqueBucket("profile-test-missing");
        Target t = new Target(via, rgw.endpoint().toString(), rgw.accessKey(), rgw.secretKey(), missing);

        JsonNode check = failedCheck(t, "BUCKET_MISSING", "Bucket");
        assertThat(check.path("message").asText())
                .isEqualTo("The bucket '" + missing + "' does not exist on " + rgw.endpoint() + ".");
        assertThat(t.text().assertExit(Cli.FAILURE).lines())
                .last(STRING)
                .startsWith("FAILED [BUCKET_MISSING]: The bucket '" + missing + "' does not exist");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void theFiveOutcomesHaveDistinctCodesAndMessages(Via via) {
        String e = rgw.endpoint().toString();
        List<Target> targets = List.of(
                new Target(via, "http://127.0.0.1:" + Rgw.closedPort(), rgw.accessKey(), rgw.secretKey(), bucket),
                new Target(via, e, rgw.accessKey(), TestSecrets.register("wrong-" + UUID.randomUUID()), bucket),
                new Target(via, e, "NOSUCHKEY0000000000X", rgw.secretKey(), bucket),
                new Target(via, e, rgw.accessKey(), rgw.secretKey(), Rgw.uniqueBucket("profile-test-missing")),
                new Target(via, e, rgw.accessKey(), rgw.secretKey(), bucket));
        Set<String> codes = new HashSet<>();
        Set<String> messages = new HashSet<>();
        for (Target t : targets) {
            JsonNode report = t.json().assertNoStackTrace().json();
            codes.add(report.path("code").asText());
            messages.add(report.path("message").asText());
        }
        assertThat(codes)
                .containsExactlyInAnyOrder(
                        "ENDPOINT_UNREACHABLE", "WRONG_SECRET", "UNKNOWN_ACCESS_KEY", "BUCKET_MISSING", "OK");
        assertThat(messages).hasSize(5);
    }

    /** Runs the JSON test, expects exit 1 with {@code code}, and returns the one failed check (the last one run). */
    private static JsonNode failedCheck(Target t, String code, String checkName) {
        JsonNode report = t.json().assertExit(Cli.FAILURE).assertNoStackTrace().json();
        assertThat(report.path("ok").asBoolean()).isFalse();
        assertThat(report.path("code").asText()).isEqualTo(code);
        JsonNode checks = report.path("checks");
        JsonNode last = checks.get(checks.size() - 1);
        assertThat(last.path("name").asText()).isEqualTo(checkName);
        assertThat(last.path("status").asText()).isEqualTo("failed");
        assertThat(last.path("code").asText()).isEqualTo(code);
        for (int i = 0; i < checks.size() - 1; i++) {
            assertThat(checks.get(i).path("status").asText())
                    .as(checks.get(i).toString())
                    .isEqualTo("passed");
        }
        return last;
    }

    /** One way of naming endpoint, keys and bucket to {@code obitox profile test}, set up once. */
    private static final class Target {
        private final List<String> args = new ArrayList<>(List.of("profile", "test"));

        Target(Via via, String endpoint, String accessKey, String secret, String bucketName) {
            int n = COUNTER.incrementAndGet();
            if (via == Via.SAVED_PROFILE) {
                String name = "rgw-" + n;
                CliRun add = cli.run(
                                "profile",
                                "add",
                                name,
                                "--provider",
                                "ceph",
                                "--endpoint-url",
                                endpoint,
                                "--access-key-id",
                                accessKey,
                                "--secret-access-key",
                                secret,
                                "--bucket",
                                bucketName)
                        .assertExit(Cli.OK);
                assertThat(add.out()).contains("[" + ProfileService.managedAwsProfileName(name) + "]");
                assertThat(add.out() + add.err()).doesNotContain(secret);
                awsProfilesWritten.add(ProfileService.managedAwsProfileName(name));
                args.add(name);
            } else {
                String awsProfile =
                        "e2e-rgw-" + n + "-" + UUID.randomUUID().toString().substring(0, 6);
                awsFiles.writeKeys(awsProfile, accessKey, secret, null);
                awsProfilesWritten.add(awsProfile);
                args.addAll(List.of("--endpoint-url", endpoint, "--profile", awsProfile, "--bucket", bucketName));
            }
        }

        CliRun json() {
            List<String> a = new ArrayList<>(args);
            a.add("--json");
            return cli.run(a.toArray(String[]::new));
        }

        CliRun text() {
            return cli.run(args.toArray(String[]::new));
        }
    }
}
