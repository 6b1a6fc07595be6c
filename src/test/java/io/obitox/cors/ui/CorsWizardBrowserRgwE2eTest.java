package io.obitox.cors.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.app.ui.ViewFactory;
import io.obitox.cors.BrowserProof;
import io.obitox.cors.CorsCheck;
import io.obitox.profile.ProfileDraft;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.Provider;
import io.obitox.testing.FxApp;
import io.obitox.testing.Rgw;
import io.obitox.testing.TestApp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.scene.control.ListView;
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

/**
 * "Check in a real browser" in the wizard against Ceph RGW with Debian's Chromium: after the wizard's setup for
 * http://app.example.test:8123 the browser's uploads pass; in Check CORS, with the configuration deleted, the browser's
 * own reason is shown. Screenshots in docs/screenshots.
 */
@Tag("e2e")
@ExtendWith(ApplicationExtension.class)
class CorsWizardBrowserRgwE2eTest {
    private final Rgw rgw = Rgw.require();
    private static final String ORIGIN = "http://app.example.test:8123";

    private TestApp app;
    private S3Client s3;
    private String bucket;

    @Start
    void start(Stage stage) {
        s3 = rgw.client();
        bucket = Rgw.uniqueBucket("cors");
        rgw.createBucket(bucket);
        app = TestApp.create("cors-wizard-browser-e2e");
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

    @SuppressWarnings("unchecked")
    private static List<CorsCheck> checks(FxRobot robot) {
        return List.copyOf(
                robot.lookup("#corsCheckList").queryAs(ListView.class).getItems());
    }

    private static Optional<CorsCheck> check(FxRobot robot, String name) {
        return checks(robot).stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private static void waitForBrowserChecks(FxRobot robot, WizardRobot w) {
        FxApp.waitUntil(
                "browser checks",
                60,
                () -> check(robot, BrowserProof.PUT + ORIGIN).isPresent()
                        && !w.button("#verifyAgain").isDisabled());
    }

    @Test
    void setUpThenProveInARealBrowserThenSeeTheBrowserRefuseWithoutCors(FxRobot robot) {
        WizardRobot w = new WizardRobot(robot);
        w.selectBucket(bucket);

        Stage wizard = w.open("#corsButton");
        w.waitForText("#chooseStatus", "no CORS configuration", 30);
        w.next();
        robot.clickOn("#originsArea").write(ORIGIN);
        w.next();
        w.waitForText("#reviewSummary", "Adds the upload rule", 30);
        w.next();
        w.waitForChecks();
        assertThat(w.text("#applyStatus")).startsWith("CORS works for browser uploads");

        robot.clickOn("#browserCheck");
        waitForBrowserChecks(robot, w);

        assertThat(check(robot, BrowserProof.BROWSER).orElseThrow().status()).isEqualTo(CorsCheck.Status.PASSED);
        assertThat(check(robot, BrowserProof.PUT + ORIGIN).orElseThrow().message())
                .contains("ETag readable");
        assertThat(check(robot, BrowserProof.MULTIPART + ORIGIN).orElseThrow().status())
                .isEqualTo(CorsCheck.Status.PASSED);
        assertThat(w.text("#applyStatus")).startsWith("CORS works for browser uploads");
        robot.interact(() -> robot.lookup("#corsCheckList")
                .queryAs(ListView.class)
                .scrollTo(checks(robot).size() - 1));
        FxApp.screenshot(robot, wizard, "cors-wizard-9-browser-proof");
        robot.clickOn("#wizardNext");
        FxApp.waitUntil("wizard closed", 10, () -> w.wizardOrNull() == null);

        // Check CORS after someone deleted the configuration: the browser says why it blocks
        s3.deleteBucketCors(b -> b.bucket(bucket));
        Stage check = w.open("#checkCorsButton");
        w.next();
        robot.clickOn("#originsArea").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(ORIGIN);
        w.next();
        w.waitForChecks();
        robot.clickOn("#browserCheck");
        waitForBrowserChecks(robot, w);

        CorsCheck put = check(robot, BrowserProof.PUT + ORIGIN).orElseThrow();
        assertThat(put.status()).isEqualTo(CorsCheck.Status.FAILED);
        assertThat(put.message()).contains("has been blocked by CORS policy");
        assertThat(w.text("#applyStatus")).contains("failed");
        robot.interact(() -> robot.lookup("#corsCheckList")
                .queryAs(ListView.class)
                .scrollTo(checks(robot).indexOf(put)));
        FxApp.screenshot(robot, check, "cors-wizard-10-browser-blocked");
        assertThat(Rgw.leftovers(s3, bucket)).isEmpty();
    }
}
