package io.obitox.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.FxApp;
import io.obitox.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Renders every section of the main window to docs/screenshots (the views with live content — transfers, buckets,
 * profiles, the CORS wizard — are shot by their own tests at the interesting moment), plus the dark theme.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTest {
    private static TestApp app;
    private Stage stage;
    private ViewFactory views;

    @BeforeAll
    static void createApp() {
        app = TestApp.create("screenshots");
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        views = FxApp.show(app, stage);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void everySectionRendersInTheLightAndTheDarkTheme(FxRobot robot) throws Exception {
        for (Section s : Section.values()) {
            robot.clickOn("#" + s.navId());
            FxApp.waitUntil(
                    s.name() + " shown",
                    10,
                    () -> robot.lookup("#" + s.navId()).tryQuery().isPresent());
            Path shot = FxApp.screenshot(robot, stage, "section-" + s.name().toLowerCase(java.util.Locale.ROOT));
            assertThat(Files.size(shot)).isGreaterThan(5_000);
        }
        robot.clickOn("#nav-upload");
        robot.clickOn("#themeButton");
        FxApp.waitUntil(
                "dark theme",
                10,
                () -> stage.getScene().getRoot().getStyleClass().contains("theme-dark"));
        FxApp.screenshot(robot, stage, "main-window-dark");
        robot.clickOn("#nav-transfers");
        FxApp.screenshot(robot, stage, "transfers-dark");
        robot.clickOn("#themeButton");
        FxApp.waitUntil(
                "light theme",
                10,
                () -> stage.getScene().getRoot().getStyleClass().contains("theme-light"));
    }
}
