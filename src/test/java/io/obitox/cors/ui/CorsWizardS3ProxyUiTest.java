package io.obitox.cors.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.app.ui.ViewFactory;
import io.obitox.profile.ProfileDraft;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.Provider;
import io.obitox.testing.FxApp;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import java.util.UUID;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The wizard on a server with global CORS only (S3Proxy): setup is refused with the explanation, Check works. */
@ExtendWith(ApplicationExtension.class)
class CorsWizardS3ProxyUiTest {
    private S3ProxyServer server;
    private TestApp app;
    private Stage main;

    @Start
    void start(Stage stage) {
        main = stage;
        server = S3ProxyServer.start();
        server.createBucket("uploads");
        app = TestApp.create("cors-wizard-ui");
        StorageProfile p = app.context()
                .profiles()
                .add(new ProfileDraft(
                        "S3Proxy " + UUID.randomUUID().toString().substring(0, 4),
                        Provider.GENERIC,
                        server.endpoint().toString(),
                        "us-east-1",
                        true,
                        null,
                        ProfileDraft.CredentialMode.KEYS,
                        null,
                        server.accessKey(),
                        server.secretKey(),
                        null));
        ViewFactory views = FxApp.show(app, stage);
        views.selection().reload(p.id());
    }

    @AfterEach
    void tearDown() {
        app.close();
        server.close();
    }

    @Test
    void setupExplainsGlobalCorsOnlyAndCheckStillRunsTheLiveChecks(FxRobot robot) {
        WizardRobot w = new WizardRobot(robot);
        w.selectBucket("uploads");
        WizardRobot.assertShot(FxApp.screenshot(robot, main, "cors-buckets-view"));
        Stage wizard = w.open("#corsButton");

        w.waitForText("#chooseStatus", "global CORS only", 30);
        assertThat(w.button("#wizardNext").isDisabled())
                .as("setup is impossible here")
                .isTrue();
        assertThat(w.text("#chooseFix")).contains("s3proxy.cors-allow-origins");
        WizardRobot.assertShot(FxApp.screenshot(robot, wizard, "cors-wizard-global-cors-only"));

        robot.clickOn("#modeCheck");
        w.next();
        robot.clickOn("#suggest-http---localhost-3000");
        assertThat(w.button("#wizardNext").getText()).isEqualTo("Check");
        w.next();
        w.waitForChecks();

        assertThat(robot.lookup("#corsCheckList").queryAs(ListView.class).getItems())
                .isNotEmpty();
        assertThat(w.text("#applyStatus")).contains("failed");
        assertThat(w.button("#undoButton").isDisabled()).isTrue();
        robot.clickOn("#wizardNext");
        FxApp.waitUntil("wizard closed", 10, () -> w.wizardOrNull() == null);
    }
}
