package io.obitox.cors.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obitox.cors.BrowserProof;
import io.obitox.cors.UploadRules;
import io.obitox.testing.CliRun;
import io.obitox.testing.Rgw;
import io.obitox.testing.TestPaths;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;

/** The whole CLI flow against Ceph RGW: setup asks, verify proves, restore undoes. */
@Tag("e2e")
class CorsCliRgwE2eTest {
    private final Rgw rgw = Rgw.require();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "http://localhost:3000";

    private S3Client s3;
    private String bucket;
    private Path home;
    private String owner;
    private String stranger;

    @BeforeEach
    void setUp() {
        s3 = rgw.client();
        bucket = Rgw.uniqueBucket("cors");
        rgw.createBucket(bucket);
        home = TestPaths.newDir("cors-cli-e2e");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        owner = addProfile("cors-owner-" + suffix, rgw.accessKey(), rgw.secretKey());
        stranger = addProfile("cors-stranger-" + suffix, rgw.accessKey2(), rgw.secretKey2());
    }

    @AfterEach
    void tearDown() {
        rgw.deleteBucket(bucket);
        s3.close();
    }

    private String addProfile(String name, String key, String secret) {
        CliRun add = CliRun.run(
                home,
                "profile",
                "add",
                name,
                "--provider",
                "ceph",
                "--endpoint-url",
                rgw.endpoint().toString(),
                "--access-key-id",
                key,
                "--secret-access-key",
                secret);
        assertThat(add.exit()).as(add.err()).isZero();
        return name;
    }

    private CliRun cors(String... args) {
        return CliRun.run(home, prepend(args));
    }

    private String[] prepend(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "cors";
        all[1] = args[0];
        all[2] = "--bucket";
        all[3] = bucket;
        all[4] = "--profile";
        System.arraycopy(args, 1, all, 5, args.length - 1);
        return all;
    }

    @Test
    void setupAsksAndAppliesOnlyOnYesThenVerifyAndRestoreWork() throws Exception {
        s3.putBucketCors(b -> b.bucket(bucket)
                .corsConfiguration(c -> c.corsRules(CORSRule.builder()
                        .id("viewer")
                        .allowedOrigins("https://viewer.example.com")
                        .allowedMethods("GET")
                        .build())));

        CliRun declined = CliRun.runWithInput(home, "n\n", prepend("setup", owner, "--origin", APP));
        assertThat(declined.exit()).isEqualTo(1);
        assertThat(declined.out())
                .contains("+     \"ID\" : \"" + UploadRules.RULE_ID + "\"")
                .contains("Keeps 1 other rule");
        assertThat(declined.err()).contains("[y/N]").contains("Not applied");
        assertThat(s3.getBucketCors(b -> b.bucket(bucket)).corsRules()).hasSize(1);

        CliRun accepted = CliRun.runWithInput(home, "y\n", prepend("setup", owner, "--origin", APP));
        assertThat(accepted.exit()).as(accepted.err()).isZero();
        assertThat(accepted.out()).contains("Applied (history #");
        assertThat(s3.getBucketCors(b -> b.bucket(bucket)).corsRules()).hasSize(2);

        CliRun verify = cors("verify", owner, "--json");
        JsonNode ok = JSON.readTree(verify.out());
        assertThat(verify.exit()).as(verify.out()).isZero();
        assertThat(ok.get("ok").asBoolean()).isTrue();
        assertThat(ok.get("origins").get(0).asText()).isEqualTo(APP);

        s3.deleteBucketCors(b -> b.bucket(bucket));
        CliRun broken = cors("verify", owner, "--origin", APP, "--json");
        JsonNode failed = JSON.readTree(broken.out());
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(failed.get("ok").asBoolean()).isFalse();
        assertThat(failed.get("checks").get(0).get("passed").asBoolean()).isFalse();

        JsonNode history = JSON.readTree(cors("history", owner, "--json").out());
        long setupId = history.get("changes").get(0).get("id").asLong();
        CliRun restore = cors("restore", owner, "--id", Long.toString(setupId), "--yes");
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("Restored (history #");
        assertThat(cors("verify", owner, "--origin", APP).exit()).isZero();
        assertThat(cors("history", owner).out()).contains("restore of #" + setupId);
        assertThat(Rgw.leftovers(s3, bucket)).isEmpty();
    }

    @Test
    void aUserWhoDoesNotOwnTheBucketReadsWhichPermissionIsMissing() {
        CliRun show = cors("show", stranger);
        CliRun setup = cors("setup", stranger, "--origin", APP, "--yes");

        assertThat(show.exit()).isEqualTo(1);
        assertThat(show.err()).contains("Error [ACCESS_DENIED]").contains("s3:GetBucketCors");
        assertThat(setup.exit()).isEqualTo(1);
        assertThat(setup.err()).contains("s3:PutBucketCors");
    }

    @Test
    void verifyWithBrowserAddsTheBrowserChecksToTheJsonAndExitsOneWhenTheBrowserIsBlocked() throws Exception {
        String origin = "http://app.example.test:8123";
        assertThat(cors("setup", owner, "--origin", origin, "--yes").exit()).isZero();

        CliRun passed = cors("verify", owner, "--origin", origin, "--browser", "--json");
        JsonNode ok = JSON.readTree(passed.out());
        assertThat(passed.exit()).as(passed.out() + passed.err()).isZero();
        assertThat(ok.get("ok").asBoolean()).isTrue();
        assertThat(names(ok))
                .contains(
                        BrowserProof.BROWSER,
                        BrowserProof.PUT + origin,
                        BrowserProof.MULTIPART + origin,
                        BrowserProof.CLEANUP);

        s3.putBucketCors(b -> b.bucket(bucket)
                .corsConfiguration(c -> c.corsRules(CORSRule.builder()
                        .allowedOrigins(origin)
                        .allowedMethods("PUT")
                        .allowedHeaders("*")
                        .build())));
        CliRun blocked = cors("verify", owner, "--origin", origin, "--browser", "--json");
        JsonNode failed = JSON.readTree(blocked.out());
        assertThat(blocked.exit()).isEqualTo(1);
        JsonNode put = check(failed, BrowserProof.PUT + origin);
        assertThat(put.get("passed").asBoolean()).isFalse();
        assertThat(put.get("message").asText()).contains("ETag not readable");

        CliRun text = cors("verify", owner, "--origin", origin, "--browser");
        assertThat(text.exit()).isEqualTo(1);
        assertThat(text.out()).contains("FAIL  " + BrowserProof.PUT + origin);
        assertThat(cors("verify", owner, "--browser", "--static-only").exit()).isEqualTo(2);
        assertThat(Rgw.leftovers(s3, bucket)).isEmpty();
    }

    private static java.util.List<String> names(JsonNode report) {
        java.util.List<String> out = new java.util.ArrayList<>();
        report.get("checks").forEach(c -> out.add(c.get("name").asText()));
        return out;
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode c : report.get("checks")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }
}
