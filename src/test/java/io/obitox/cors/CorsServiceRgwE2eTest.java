package io.obitox.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.cors.CorsCheck.Status;
import io.obitox.storage.S3Target;
import io.obitox.testing.Rgw;
import io.obitox.testing.TestApp;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;

/** The CORS service against Ceph RGW, which stores bucket CORS and enforces it in preflights and real requests. */
@Tag("e2e")
class CorsServiceRgwE2eTest {
    private final Rgw rgw = Rgw.require();
    private static final String APP = "http://localhost:3000";

    private TestApp app;
    private CorsService cors;
    private S3Client s3;
    private String bucket;
    private final S3Target target = rgw.target();

    @BeforeEach
    void setUp() {
        app = TestApp.create("cors-e2e");
        cors = app.context().cors();
        s3 = rgw.client();
        bucket = Rgw.uniqueBucket("cors");
        rgw.createBucket(bucket);
    }

    @AfterEach
    void tearDown() {
        rgw.deleteBucket(bucket);
        s3.close();
        app.close();
    }

    private static CorsCheck check(CorsReport r, String name) {
        return r.checks().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check '" + name + "' in " + r.checks()));
    }

    private CorsChange setup(String... origins) {
        ChangePlan plan = cors.plan(target, bucket, List.of(origins), true);
        assertThat(plan.changed()).isTrue();
        return cors.apply(target, plan);
    }

    @Test
    void setupThenVerifyPassesWithRealPreflightPutAndPartAndLeavesNothingBehind() {
        assertThat(cors.read(target, bucket).state()).isEqualTo(CorsReading.State.NONE);

        CorsChange change = setup(APP);
        CorsReport report = cors.verify(target, bucket, List.of(APP), true);

        assertThat(report.failures()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(check(report, "Preflight from " + APP).message())
                .contains("HTTP 200")
                .contains("Access-Control-Allow-Origin: " + APP);
        CorsCheck other = check(report, CorsProber.OTHER);
        assertThat(other.status()).isEqualTo(Status.PASSED);
        assertThat(other.message()).contains("refused").contains("HTTP 403");
        assertThat(check(report, "Presigned PUT from " + APP).message())
                .contains("Access-Control-Expose-Headers: ETag");
        assertThat(check(report, "Multipart part from " + APP).status()).isEqualTo(Status.PASSED);
        assertThat(check(report, CorsProber.CLEANUP).status()).isEqualTo(Status.PASSED);
        assertThat(Rgw.leftovers(s3, bucket)).isEmpty();
        assertThat(change.action()).isEqualTo(CorsChange.Action.SETUP);
        assertThat(change.previous()).isEqualTo(CorsConfig.NONE);
        assertThat(cors.read(target, bucket).config()).isEqualTo(change.next());
        assertThat(cors.plan(target, bucket, List.of(APP), true).changed())
                .as("a second setup with the same origin changes nothing")
                .isFalse();
    }

    @Test
    void deletedConfigurationFailsVerifyAndRestoringFromHistoryPassesAgain() {
        CorsChange setupChange = setup(APP);
        s3.deleteBucketCors(b -> b.bucket(bucket));

        CorsReport broken = cors.verify(target, bucket, List.of(APP), true);

        assertThat(broken.ok()).isFalse();
        assertThat(broken.failures())
                .extracting(CorsCheck::name)
                .contains(
                        CorsAuditor.CONFIGURATION,
                        "Preflight from " + APP,
                        "Presigned PUT from " + APP,
                        "Multipart part from " + APP);
        assertThat(check(broken, CorsAuditor.CONFIGURATION).message()).contains("no CORS configuration");
        assertThat(check(broken, "Preflight from " + APP).message())
                .contains("refused")
                .contains("HTTP 403");
        assertThat(check(broken, "Presigned PUT from " + APP).message()).contains("no Access-Control-Allow-Origin");
        assertThat(Rgw.leftovers(s3, bucket)).isEmpty();

        ChangePlan restore = cors.planRestore(target, bucket, setupChange.id(), false);
        assertThat(restore.diff().changed()).isTrue();
        CorsChange restored = cors.apply(target, restore);

        assertThat(cors.verify(target, bucket, List.of(APP), true).failures()).isEmpty();
        assertThat(restored.action()).isEqualTo(CorsChange.Action.RESTORE);
        assertThat(restored.restoredFrom()).isEqualTo(setupChange.id());
        assertThat(cors.history(target, bucket))
                .extracting(CorsChange::id)
                .containsExactly(restored.id(), setupChange.id());
    }

    @Test
    void anExistingUnrelatedRuleSurvivesSetupAndUndoBringsBackTheOriginal() {
        s3.putBucketCors(b -> b.bucket(bucket)
                .corsConfiguration(c -> c.corsRules(
                        CORSRule.builder()
                                .allowedOrigins("*")
                                .allowedMethods("GET")
                                .build(),
                        CORSRule.builder()
                                .id("admin")
                                .allowedOrigins("https://admin.example.com")
                                .allowedMethods("PUT")
                                .allowedHeaders("*")
                                .build())));
        CorsConfig original = cors.read(target, bucket).config();

        ChangePlan plan = cors.plan(target, bucket, List.of(APP), true);
        cors.apply(target, plan);

        CorsConfig after = cors.read(target, bucket).config();
        assertThat(after.rules()).hasSize(3).containsAll(original.rules());
        assertThat(after.rules().get(0).id())
                .as("RGW answers with the first rule whose origin matches, so the upload rule goes before '*'")
                .isEqualTo(UploadRules.RULE_ID);
        assertThat(plan.diff().summary()).anySatisfy(s -> assertThat(s).contains("Keeps 2 other rule(s)"));
        assertThat(cors.verify(target, bucket, List.of(APP), true).failures()).isEmpty();

        cors.apply(target, cors.planRestore(target, bucket, null, false));

        assertThat(cors.read(target, bucket).config()).isEqualTo(original);
    }

    @Test
    void aWildcardGetRuleFirstIsReportedAsShadowingAndTheLiveCheckAgrees() {
        s3.putBucketCors(b -> b.bucket(bucket)
                .corsConfiguration(c -> c.corsRules(
                        CORSRule.builder()
                                .allowedOrigins("*")
                                .allowedMethods("GET")
                                .build(),
                        UploadRules.rule(target.provider(), List.of(APP)).toSdk())));

        CorsReport report = cors.verify(target, bucket, List.of(APP), true);

        assertThat(check(report, CorsAuditor.RULE_ORDER).status()).isEqualTo(Status.FAILED);
        assertThat(check(report, "Preflight from " + APP).status()).isEqualTo(Status.FAILED);
    }

    @Test
    void reviewedPlanIsNotAppliedOverAChangeMadeInTheMeantime() {
        ChangePlan plan = cors.plan(target, bucket, List.of(APP), true);
        s3.putBucketCors(b -> b.bucket(bucket)
                .corsConfiguration(c -> c.corsRules(CORSRule.builder()
                        .allowedOrigins("*")
                        .allowedMethods("GET")
                        .build())));

        assertThatThrownBy(() -> cors.apply(target, plan))
                .isInstanceOf(ObitoxException.class)
                .extracting(e -> ((ObitoxException) e).code())
                .isEqualTo(CorsService.CORS_CHANGED);
        assertThat(cors.history(target, bucket)).isEmpty();
    }

    @Test
    void aUserWhoDoesNotOwnTheBucketIsToldWhichPermissionIsMissing() {
        S3Target stranger = rgw.target2();

        CorsReading reading = cors.read(stranger, bucket);
        assertThat(reading.state()).isEqualTo(CorsReading.State.ACCESS_DENIED);
        assertThat(reading.problem().message()).contains("s3:GetBucketCors");
        assertThatThrownBy(() -> cors.plan(stranger, bucket, List.of(APP), true))
                .isInstanceOf(ObitoxException.class)
                .hasMessageContaining("s3:GetBucketCors")
                .hasMessageContaining("s3:PutBucketCors");

        // allowed to read but not to write: the write names s3:PutBucketCors
        s3.putBucketPolicy(b -> b.bucket(bucket)
                .policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                        + "[\"arn:aws:iam:::user/lab2\"]},\"Action\":[\"s3:GetBucketCORS\"],\"Resource\":"
                        + "[\"arn:aws:s3:::" + bucket + "\"]}]}"));
        ChangePlan plan = cors.plan(stranger, bucket, List.of(APP), true);
        assertThatThrownBy(() -> cors.apply(stranger, plan))
                .isInstanceOf(ObitoxException.class)
                .hasMessageContaining("s3:PutBucketCors")
                .satisfies(e -> assertThat(((ObitoxException) e).fix()).contains("s3:PutBucketCors"));
        assertThat(cors.read(target, bucket).state()).isEqualTo(CorsReading.State.NONE);
        assertThat(cors.history(target, bucket)).isEmpty();
    }

    @Test
    void aMissingBucketIsToldApart() {
        CorsReading reading = cors.read(target, bucket + "-missing");

        assertThat(reading.state()).isEqualTo(CorsReading.State.BUCKET_MISSING);
        assertThat(cors.verify(target, bucket + "-missing", List.of(APP), true).failures())
                .singleElement()
                .satisfies(c -> assertThat(c.message()).contains("does not exist"));
    }
}
