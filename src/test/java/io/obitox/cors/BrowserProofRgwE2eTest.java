package io.obitox.cors;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.cors.CorsCheck.Status;
import io.obitox.storage.S3Target;
import io.obitox.testing.Rgw;
import io.obitox.testing.TestApp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;

/**
 * The browser proof with Debian's Chromium (installed by CI's set-up) against Ceph RGW: the page really comes from
 * the origin's host name (mapped to the loopback page server), and RGW's own CORS answers decide.
 */
@Tag("e2e")
class BrowserProofRgwE2eTest {
    private final Rgw rgw = Rgw.require();
    static final String APP = "http://app.example.test:8123";
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private TestApp app;
    private CorsService cors;
    private S3Client s3;
    private String bucket;
    private final S3Target target = rgw.target();

    @BeforeEach
    void setUp() {
        assertThat(new BrowserLocator(Optional::empty).locate().found())
                .as("the e2e group needs Chromium: apt-get install chromium (CI's .ci/run installs it)")
                .isTrue();
        app = TestApp.create("cors-browser-e2e");
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

    static CorsCheck check(CorsReport r, String name) {
        return r.checks().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check '" + name + "' in " + r.checks()));
    }

    private void setup(String... origins) {
        cors.apply(target, cors.plan(target, bucket, List.of(origins), true));
    }

    private CorsReport proveIn(String origin) {
        return cors.verify(target, bucket, List.of(origin), true, LIMIT);
    }

    @Test
    void afterSetupTheBrowserUploadsFromTheOriginAndReadsEveryEtag() {
        setup(APP);
        long t0 = System.nanoTime();

        CorsReport report = proveIn(APP);

        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(report.failures()).isEmpty();
        assertThat(check(report, BrowserProof.BROWSER).message())
                .contains("headless")
                .contains("profile (deleted)");
        assertThat(check(report, BrowserProof.PUT + APP).message())
                .contains("Allowed")
                .contains("ETag readable")
                .contains("object intact");
        assertThat(check(report, BrowserProof.MULTIPART + APP).message())
                .contains("2 presigned part PUTs")
                .contains("completed with the browser's ETags");
        assertThat(check(report, BrowserProof.CLEANUP).status()).isEqualTo(Status.PASSED);
        assertThat(Rgw.leftovers(s3, bucket)).isEmpty();
        assertThat(ms).as("the whole verify with the browser, in ms").isLessThan(20_000);
    }

    @Test
    void withTheConfigurationDeletedTheBrowserBlocksAndSaysWhy() {
        setup(APP);
        s3.deleteBucketCors(b -> b.bucket(bucket));

        CorsReport report = proveIn(APP);

        assertThat(report.ok()).isFalse();
        CorsCheck put = check(report, BrowserProof.PUT + APP);
        assertThat(put.status()).isEqualTo(Status.FAILED);
        assertThat(put.message())
                .contains("has been blocked by CORS policy")
                .contains("from origin '" + APP + "'")
                .doesNotContain("X-Amz-Signature")
                .doesNotContain("-multipart.bin");
        assertThat(check(report, BrowserProof.MULTIPART + APP).message()).contains("blocked by CORS policy");
        assertThat(check(report, BrowserProof.BROWSER).status()).isEqualTo(Status.PASSED);
        assertThat(Rgw.leftovers(s3, bucket)).isEmpty();
    }

    @Test
    void withoutEtagExposedTheUploadGoesThroughButTheEtagIsUnreadable() {
        s3.putBucketCors(b -> b.bucket(bucket)
                .corsConfiguration(c -> c.corsRules(CORSRule.builder()
                        .allowedOrigins(APP)
                        .allowedMethods("PUT")
                        .allowedHeaders("*")
                        .build())));

        CorsReport report = proveIn(APP);

        CorsCheck put = check(report, BrowserProof.PUT + APP);
        assertThat(put.status()).isEqualTo(Status.FAILED);
        assertThat(put.message()).contains("ETag not readable").contains("HTTP 200");
        assertThat(put.fix()).contains("ExposeHeaders");
        assertThat(check(report, BrowserProof.MULTIPART + APP).message()).contains("ETag not readable");
        assertThat(Rgw.leftovers(s3, bucket)).isEmpty();
    }

    @Test
    void anOriginThatIsNotListedIsBlocked() {
        setup("http://other.example.test:8123");

        CorsReport report = proveIn(APP);

        CorsCheck put = check(report, BrowserProof.PUT + APP);
        assertThat(put.status()).isEqualTo(Status.FAILED);
        assertThat(put.message()).contains("blocked by CORS policy");
        assertThat(Rgw.leftovers(s3, bucket)).isEmpty();
    }

    @Test
    void anHttpsOriginIsServedWithTheThrowawayCertificate() {
        String https = "https://app.example.test";
        setup(https);

        CorsReport report = proveIn(https);

        assertThat(report.failures()).isEmpty();
        assertThat(check(report, BrowserProof.PUT + https).status()).isEqualTo(Status.PASSED);
        assertThat(check(report, BrowserProof.MULTIPART + https).status()).isEqualTo(Status.PASSED);
        assertThat(Rgw.leftovers(s3, bucket)).isEmpty();
    }
}
