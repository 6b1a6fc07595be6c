package io.obitox.settings.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.cors.BrowserLocator;
import io.obitox.testing.FxApp;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The browser of the CORS check in Settings: saved, and the view says which browser the check will use. */
@ExtendWith(ApplicationExtension.class)
class BrowserPathSettingTest {
    private TestApp app;

    @Start
    void start(Stage stage) {
        app = TestApp.create("settings-browser");
        FxApp.show(app, stage);
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    private String found(FxRobot robot) {
        return robot.lookup("#browserFound").queryAs(Label.class).getText();
    }

    @Test
    void aPathIsSavedAndJudgedAndClearingItGoesBackToFindingTheBrowser(FxRobot robot) throws Exception {
        Path notABrowser = TestPaths.newDir("settings-browser").resolve("chrome.txt");
        Files.writeString(notABrowser, "not a program");
        robot.clickOn("#nav-settings");
        FxApp.waitUntil("browser described", 10, () -> !found(robot).isEmpty());

        robot.clickOn("#browserField").write(notABrowser.toString()).type(KeyCode.ENTER);

        FxApp.waitUntil("judged", 10, () -> found(robot).contains("is not an executable file"));
        assertThat(app.context().settings().get(BrowserLocator.SETTING)).contains(notABrowser.toString());

        robot.interact(
                () -> robot.lookup("#browserField").queryAs(TextField.class).clear());
        robot.clickOn("#browserField").type(KeyCode.ENTER);

        FxApp.waitUntil("back to finding it", 10, () -> !found(robot).contains("is not an executable file"));
        assertThat(app.context().settings().get(BrowserLocator.SETTING)).isEmpty();
        boolean installed =
                new BrowserLocator(java.util.Optional::empty).locate().found();
        assertThat(found(robot)).contains(installed ? "The check uses " : "No Chromium/Chrome found");
    }
}
