package io.obitox.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.cors.CorsCheck.Status;
import io.obitox.storage.Provider;
import io.obitox.storage.S3Target;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** S3Proxy has global CORS only and answers the bucket CORS API with NotImplemented, like MinIO community. */
class CorsServiceS3ProxyTest {
    private static final String APP = "http://localhost:3000";

    private S3ProxyServer server;
    private TestApp app;
    private CorsService cors;

    @BeforeEach
    void setUp() {
        server = S3ProxyServer.start();
        server.createBucket("uploads");
        app = TestApp.create("cors-s3proxy");
        cors = app.context().cors();
    }

    @AfterEach
    void tearDown() {
        app.close();
        server.close();
    }

    @Test
    void notImplementedIsExplainedAsGlobalCorsOnly() {
        CorsReading reading = cors.read(server.target(), "uploads");

        assertThat(reading.state()).isEqualTo(CorsReading.State.UNSUPPORTED);
        assertThat(reading.problem().code()).isEqualTo(CorsReading.CODE_UNSUPPORTED);
        assertThat(reading.headline()).contains("global CORS only").contains("NotImplemented");
        assertThat(reading.problem().fix())
                .contains("s3proxy.cors-allow-origins")
                .contains("cors_allow_origin");
    }

    @Test
    void setupStopsWithTheExplanationInsteadOfWriting() {
        assertThatThrownBy(() -> cors.plan(server.target(), "uploads", List.of(APP), true))
                .isInstanceOf(ObitoxException.class)
                .hasMessageContaining("global CORS only")
                .extracting(e -> ((ObitoxException) e).code())
                .isEqualTo(CorsReading.CODE_UNSUPPORTED);
        assertThat(cors.history(server.target(), "uploads")).isEmpty();
    }

    @Test
    void minioGetsTheMcAdminCommandWithTheOrigins() {
        S3Target minio = withProvider(server.target(), Provider.MINIO);

        assertThatThrownBy(() -> cors.plan(minio, "uploads", List.of(APP), true))
                .isInstanceOf(ObitoxException.class)
                .satisfies(e -> assertThat(((ObitoxException) e).fix())
                        .contains("mc admin config set ALIAS api cors_allow_origin=\"" + APP + "\""));
    }

    @Test
    void verifyStillRunsTheLiveChecksAndCleansUp() {
        CorsReport report = cors.verify(server.target(), "uploads", List.of(APP), true);

        assertThat(report.checks().get(0).status()).isEqualTo(Status.WARNING);
        assertThat(report.checks().get(0).message()).contains("global CORS only");
        assertThat(report.checks()).extracting(CorsCheck::name).contains("Preflight from " + APP, CorsProber.CLEANUP);
        assertThat(report.ok()).as("no CORS is configured on this S3Proxy").isFalse();
        try (S3Client s3 = server.client()) {
            assertThat(s3.listObjectsV2(b -> b.bucket("uploads")).contents()).isEmpty();
            assertThat(s3.listMultipartUploads(b -> b.bucket("uploads")).uploads())
                    .isEmpty();
        }
    }

    @Test
    void backblazeB2GetsTheNativeRuleInsteadOfAnS3Call() {
        S3Target b2 = withProvider(server.target(), Provider.B2);

        assertThatThrownBy(() -> cors.plan(b2, "uploads", List.of(APP), true))
                .isInstanceOf(ObitoxException.class)
                .hasMessageContaining("Backblaze B2")
                .satisfies(e -> assertThat(((ObitoxException) e).fix())
                        .contains("b2 bucket update --cors-rules")
                        .contains("\"" + APP + "\"")
                        .contains("s3_put")
                        .contains("ETag"));
    }

    @Test
    void invalidOriginsAreRejectedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> cors.plan(server.target(), "uploads", List.of("localhost:3000", "https://a/b"), true))
                .isInstanceOf(ObitoxException.class)
                .hasMessageContaining("'localhost:3000'")
                .hasMessageContaining("'https://a/b'")
                .extracting(e -> ((ObitoxException) e).code())
                .isEqualTo(CorsService.INVALID_ORIGIN);
    }

    @Test
    void restoreWithoutHistorySaysSo() {
        assertThatThrownBy(() -> cors.planRestore(server.target(), "uploads", null, false))
                .isInstanceOf(ObitoxException.class)
                .extracting(e -> ((ObitoxException) e).code())
                .isEqualTo(CorsService.NO_HISTORY);
    }

    private static S3Target withProvider(S3Target t, Provider p) {
        return new S3Target(t.key() + p, t.label(), p, t.endpoint(), t.region(), t.pathStyle(), t.credentials());
    }
}
