package io.obitox.cors;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.storage.Provider;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The provider advice: English word for word as before it came from the bundle, German for the wizard. */
class UploadRulesTest {
    private final Messages german = Messages.of(Locale.GERMAN);

    @Test
    void b2InstructionsKeepTheCommandInEveryLanguage() {
        UploadRules.Advice b2 = UploadRules.advice(Provider.B2, List.of("https://a.example"));
        String command = "b2 bucket update --cors-rules '[{\"corsRuleName\":\"obitoxBrowserUploads\","
                + "\"allowedOrigins\":[\"https://a.example\"],"
                + "\"allowedOperations\":[\"s3_head\",\"s3_get\",\"s3_put\",\"s3_post\",\"s3_delete\"],"
                + "\"allowedHeaders\":[\"*\"],\"exposeHeaders\":[\"ETag\",\"x-bz-content-sha1\",\"x-amz-version-id\"],"
                + "\"maxAgeSeconds\":3600}]' BUCKET";

        assertThat(b2.perBucketApi()).isFalse();
        assertThat(b2.instructions())
                .isEqualTo("Set a B2 CORS rule with the b2 command-line tool: " + command
                        + ". The web UI offers only presets without ETag."
                        + " Then run 'Check CORS' to prove it with a real preflight.");
        assertThat(b2.notes())
                .containsExactly(
                        "Backblaze B2 keeps CORS in its own bucket rules; S3 PutBucketCors does not set them.");
        assertThat(german.render(b2.instructionsText())).contains(command).startsWith("Legen Sie");
    }

    @Test
    void minioAndGlobalOnlyFixes() {
        List<String> origins = List.of("https://a.example", "https://b.example");
        assertThat(UploadRules.globalOnlyFix(Provider.MINIO, origins).english())
                .isEqualTo("Set the server-wide origins instead: mc admin config set ALIAS api"
                        + " cors_allow_origin=\"https://a.example,https://b.example\" and restart with mc admin"
                        + " service restart ALIAS (or the environment variable MINIO_API_CORS_ALLOW_ORIGIN)."
                        + " The default allows every origin.");
        assertThat(UploadRules.globalOnlyFix(Provider.SANDBOX, origins).english())
                .startsWith("Set the allowed origins in the server's own configuration (MinIO: 'mc admin");
        assertThat(german.render(UploadRules.globalOnlyFix(Provider.SANDBOX, origins)))
                .startsWith("Legen Sie die erlaubten Origins");
        assertThat(UploadRules.advice(Provider.R2, origins).notes())
                .first()
                .isEqualTo("Cloudflare R2: AllowedHeaders lists the headers explicitly, because '*' was reported"
                        + " not to work on R2.");
        assertThat(UploadRules.advice(Provider.AWS, origins).instructions()).isEmpty();
    }
}
