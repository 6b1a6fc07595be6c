package io.obitox.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.FxApp;
import io.obitox.testing.TestApp;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private static TestApp app;

    @BeforeAll
    static void createApp() {
        app = TestApp.create("main-window");
    }

    @Start
    void start(Stage stage) {
        FxApp.show(app, stage);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void opensOnTheSandboxProfileWithEveryNavigationEntry(FxRobot robot) {
        ComboBox<?> chooser = robot.lookup("#profileChooser").queryAs(ComboBox.class);
        assertThat(chooser.getValue()).hasToString(chooser.getValue().toString());
        assertThat(((io.obitox.profile.StorageProfile) chooser.getValue()).isSandbox())
                .isTrue();
        for (Section s : Section.values()) {
            assertThat(robot.lookup("#" + s.navId()).tryQuery()).as(s.name()).isPresent();
        }
        assertThat(robot.lookup("#nav-upload").queryAs(ToggleButton.class).isSelected())
                .isTrue();
    }

    @Test
    void navigationShowsEachSectionByClickAndByShortcut(FxRobot robot) {
        robot.clickOn("#nav-settings");
        assertThat(robot.lookup("#settingsView").tryQuery()).isPresent();
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        FxApp.waitUntil(
                "profiles view",
                5,
                () -> robot.lookup("#profilesView").tryQuery().isPresent());
        Node buckets = robot.clickOn("#nav-buckets").lookup("#bucketsView").query();
        assertThat(buckets.isVisible()).isTrue();
    }
}
