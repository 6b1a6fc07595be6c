package io.obitox.cors.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.app.ui.ViewFactory;
import io.obitox.cors.CorsConfig;
import io.obitox.cors.CorsRule;
import io.obitox.cors.UploadRules;
import io.obitox.profile.ProfileDraft;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.Provider;
import io.obitox.testing.FxApp;
import io.obitox.testing.Rgw;
import io.obitox.testing.TestApp;
import java.util.List;
import java.util.UUID;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;

/**
 * Walks through the CORS wizard against Ceph RGW from the Buckets view: set up, check, then undo from the history,
 * with a screenshot of every step in docs/screenshots.
 */
@Tag("e2e")
@ExtendWith(ApplicationExtension.class)
class CorsWizardRgwE2eTest {
    private final Rgw rgw = Rgw.require();
    private TestApp app;
    private S3Client s3;
    private String bucket;

    @Start
    void start(Stage stage) {
        s3 = rgw.client();
        bucket = Rgw.uniqueBucket("cors");
        rgw.createBucket(bucket);
        s3.putBucketCors(b -> b.bucket(bucket)
                .corsConfiguration(c -> c.corsRules(CORSRule.builder()
                        .id("viewer")
                        .allowedOrigins("https://viewer.example.com")
                        .allowedMethods("GET")
                        .build())));
        app = TestApp.create("cors-wizard-e2e");
        StorageProfile p = app.context()
                .profiles()
                .add(new ProfileDraft(
                        "Lab Ceph " + UUID.randomUUID().toString().substring(0, 4),
                        Provider.CEPH,
                        rgw.endpoint().toString(),
                        "us-east-1",
                        true,
                        null,
                        ProfileDraft.CredentialMode.KEYS,
                        null,
                        rgw.accessKey(),
                        rgw.secretKey(),
                        null));
        ViewFactory views = FxApp.show(app, stage);
        views.selection().reload(p.id());
    }

    @AfterEach
    void tearDown() {
        rgw.deleteBucket(bucket);
        s3.close();
        app.close();
    }

    private List<CorsRule> rules() {
        return s3.getBucketCors(b -> b.bucket(bucket)).corsRules().stream()
                .map(CorsRule::fromSdk)
                .toList();
    }

    @Test
    void setUpCheckAndUndoFromTheBucketsView(FxRobot robot) {
        WizardRobot w = new WizardRobot(robot);
        w.selectBucket(bucket);
        List<CorsRule> original = rules();

        // 1. bucket: the current configuration is shown
        Stage wizard = w.open("#corsButton");
        w.waitForText("#chooseStatus", "CORS is configured with 1 rule", 30);
        assertThat(robot.lookup("#currentJson").queryAs(TextArea.class).getText())
                .contains("viewer.example.com");
        FxApp.screenshot(robot, wizard, "cors-wizard-1-bucket");

        // 2. origins: a suggestion and a typed origin (normalised: no trailing slash)
        w.next();
        robot.clickOn("#suggest-http---localhost-3000");
        robot.clickOn("#originsArea").press(KeyCode.CONTROL, KeyCode.END).release(KeyCode.END, KeyCode.CONTROL);
        robot.write("\nhttps://app.example.com/");
        FxApp.waitUntil("origins valid", 5, () -> !w.button("#wizardNext").isDisabled());
        assertThat(w.button("#wizardNext").getText()).isEqualTo("Review");
        FxApp.screenshot(robot, wizard, "cors-wizard-2-origins");

        // 3. review: summary and diff, nothing applied yet
        w.next();
        w.waitForText("#reviewSummary", "Adds the upload rule", 30);
        assertThat(w.text("#reviewSummary")).contains("Keeps 1 other rule(s) unchanged");
        assertThat(robot.lookup("#reviewDiff").queryAs(ListView.class).getItems())
                .isNotEmpty();
        assertThat(w.button("#wizardNext").getText()).isEqualTo("Apply");
        assertThat(rules()).isEqualTo(original);
        FxApp.screenshot(robot, wizard, "cors-wizard-3-review");

        // 4. apply and verify live
        w.next();
        w.waitForChecks();
        assertThat(w.text("#applyStatus")).startsWith("CORS works for browser uploads");
        assertThat(w.text("#appliedText")).contains("Applied").contains("history #");
        assertThat(w.button("#wizardBack").isDisabled())
                .as("the reviewed plan is spent")
                .isTrue();
        assertThat(w.button("#undoButton").isDisabled()).isFalse();
        assertThat(rules()).hasSize(2).containsAll(original);
        assertThat(rules().get(1).id())
                .as("the viewer rule is for another origin, so the upload rule goes after it")
                .isEqualTo(UploadRules.RULE_ID);
        assertThat(rules().get(1).allowedOrigins()).containsExactly("http://localhost:3000", "https://app.example.com");
        assertThat(Rgw.leftovers(s3, bucket)).isEmpty();
        FxApp.screenshot(robot, wizard, "cors-wizard-4-apply-verify");
        robot.clickOn("#wizardNext");
        FxApp.waitUntil("wizard closed", 10, () -> w.wizardOrNull() == null);

        // Check CORS: origins come from the upload rule
        Stage check = w.open("#checkCorsButton");
        w.next();
        FxApp.waitUntil("origins prefilled", 10, () -> !w.button("#wizardNext").isDisabled());
        assertThat(robot.lookup("#originsArea").queryAs(TextArea.class).getText())
                .contains("https://app.example.com");
        w.next();
        w.waitForChecks();
        assertThat(w.text("#applyStatus")).startsWith("CORS works for browser uploads");
        FxApp.screenshot(robot, check, "cors-wizard-5-check");
        robot.clickOn("#wizardClose");
        FxApp.waitUntil("check closed", 10, () -> w.wizardOrNull() == null);

        // History: undo the setup
        Stage history = w.open("#corsButton");
        w.waitForText("#chooseStatus", "CORS is configured with 2 rules", 30);
        robot.clickOn("#modeHistory");
        w.next();
        w.waitForText("#historyStatus", "1 change(s)", 20);
        robot.clickOn("#restoreBefore");
        FxApp.waitUntil(
                "undo preview",
                5,
                () -> robot.lookup("#historyPreview")
                        .queryAs(TextArea.class)
                        .getText()
                        .contains("viewer.example.com"));
        assertThat(robot.lookup("#historyPreview").queryAs(TextArea.class).getText())
                .doesNotContain(UploadRules.RULE_ID);
        FxApp.screenshot(robot, history, "cors-wizard-6-history");
        w.next();
        w.waitForText("#reviewSummary", "Keeps 1 other rule(s)", 30);
        FxApp.screenshot(robot, history, "cors-wizard-7-restore-review");
        w.next();
        w.waitForChecks();
        assertThat(rules()).isEqualTo(original);
        assertThat(w.text("#applyStatus")).contains("failed");
        FxApp.screenshot(robot, history, "cors-wizard-8-restored");
        assertThat(app.context().cors().history(rgw.target(), bucket))
                .extracting(c -> c.action().name())
                .containsExactly("RESTORE", "SETUP");
        assertThat(new CorsConfig(rules()).uploadRule()).isEmpty();
    }
}
