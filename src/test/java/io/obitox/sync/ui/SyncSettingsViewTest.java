package io.obitox.sync.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.sync.ConflictChoice;
import io.obitox.sync.ConflictDefaults;
import io.obitox.testing.FxApp;
import io.obitox.testing.TestApp;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Settings → existing files and exclude rules: the default rules are listed, the test field names the deciding rule,
 * an added rule and the policy are stored under the keys the command line reads, a bad pattern is refused with the
 * fix.
 */
@ExtendWith(ApplicationExtension.class)
class SyncSettingsViewTest {
    private static TestApp app;
    private Stage stage;

    @BeforeAll
    static void createApp() {
        app = TestApp.create("sync-settings");
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        FxApp.show(app, stage);
    }

    @Test
    void rulesAndPolicyAreStoredAndTheTestFieldNamesTheRule(FxRobot robot) {
        robot.clickOn("#nav-settings");
        @SuppressWarnings("unchecked")
        ListView<String> rules = robot.lookup("#excludeRulesList").queryAs(ListView.class);
        FxApp.waitUntil("the rules are loaded", 10, () -> rules.getItems().size() == 5);
        ScrollPane scroll = robot.lookup("#settingsView").queryAs(ScrollPane.class);
        robot.interact(() -> scroll.setVvalue(1.0));

        robot.clickOn("#ruleTestField").write("photos/.DS_Store");
        FxApp.waitUntil(
                "the test field answers",
                5,
                () -> result(robot).equals("Excluded by rule “**/.DS_Store” (Settings, line 1)."),
                () -> result(robot));

        // a new rule, typed in place; stored and read back as the CLI reads it
        robot.clickOn("#newRuleField").write("*.tmp").type(KeyCode.ENTER);
        FxApp.waitUntil(
                "the rule is stored",
                10,
                () -> app.context()
                        .settings()
                        .get(ConflictDefaults.EXCLUDES)
                        .orElse("")
                        .endsWith("\n*.tmp"));
        robot.interact(
                () -> robot.lookup("#ruleTestField").queryTextInputControl().setText("raw/scan.tmp"));
        FxApp.waitUntil(
                "the new rule decides",
                5,
                () -> result(robot).equals("Excluded by rule “*.tmp” (Settings, line 6)."),
                () -> result(robot));
        assertThat(new ConflictDefaults(app.context().settings()).rules()).hasSize(6);

        @SuppressWarnings("unchecked")
        ChoiceBox<ConflictChoice> policy = robot.lookup("#ifExistsSettingBox").queryAs(ChoiceBox.class);
        robot.interact(() -> policy.setValue(ConflictChoice.ASK));
        FxApp.waitUntil(
                "the policy is stored",
                10,
                () -> app.context()
                        .settings()
                        .get(ConflictDefaults.POLICY)
                        .orElse("")
                        .equals("ask"));
        assertThat(new ConflictDefaults(app.context().settings())
                        .choice("any-profile", "any-bucket")
                        .unattended()
                        .cliName())
                .isEqualTo("skip");

        // a bucket's own default, added with the keyboard path (type the bucket, Enter), read as the CLI reads it
        @SuppressWarnings("unchecked")
        ComboBox<SyncSettingsViewModel.ProfileRef> profile =
                robot.lookup("#overrideProfileBox").queryAs(ComboBox.class);
        FxApp.waitUntil("the profiles are listed", 10, () -> profile.getValue() != null);
        String profileId = profile.getValue().id();
        @SuppressWarnings("unchecked")
        ChoiceBox<ConflictChoice> overrideChoice =
                robot.lookup("#overrideChoiceBox").queryAs(ChoiceBox.class);
        robot.interact(() -> overrideChoice.setValue(ConflictChoice.FAIL));
        robot.clickOn("#overrideBucketField").write("photos").type(KeyCode.ENTER);
        @SuppressWarnings("unchecked")
        ListView<SyncSettingsViewModel.OverrideRow> overrides =
                robot.lookup("#ifExistsOverridesList").queryAs(ListView.class);
        FxApp.waitUntil(
                "the bucket's default is listed", 10, () -> overrides.getItems().size() == 1);
        assertThat(overrides.getItems().get(0).text())
                .isEqualTo(profile.getValue().name() + " · bucket photos → " + ConflictChoice.FAIL);
        ConflictDefaults stored = new ConflictDefaults(app.context().settings());
        assertThat(stored.choice(profileId, "photos")).isEqualTo(ConflictChoice.FAIL);
        assertThat(stored.choice(profileId, "other")).isEqualTo(ConflictChoice.ASK); // the global one above
        robot.interact(() -> scroll.setVvalue(1.0));
        FxApp.screenshot(robot, stage, "settings-exclude-rules");
        // an invalid bucket name is refused with the fix, nothing stored
        robot.interact(() ->
                robot.lookup("#overrideBucketField").queryTextInputControl().setText("No_Such"));
        robot.clickOn("#addOverrideButton");
        FxApp.waitUntil("the refusal is shown", 5, () -> message(robot).startsWith("Not saved:"), () -> message(robot));
        assertThat(stored.overrides()).hasSize(1);
        robot.interact(() ->
                robot.lookup("#overrideBucketField").queryTextInputControl().setText(""));
        robot.interact(() -> scroll.setVvalue(1.0));
        FxApp.screenshot(robot, stage, "settings-exclude-rules");

        robot.interact(() -> overrides.getSelectionModel().select(0));
        robot.clickOn("#removeOverrideButton");
        FxApp.waitUntil(
                "the bucket's default is removed",
                10,
                () -> overrides.getItems().isEmpty());
        assertThat(stored.choice(profileId, "photos")).isEqualTo(ConflictChoice.ASK);

        // an unusable pattern is not stored, and the message says how to fix it
        robot.interact(() -> rules.getItems().add("/"));
        FxApp.waitUntil("the refusal is shown", 5, () -> message(robot).startsWith("Not saved:"), () -> message(robot));
        assertThat(message(robot)).contains("'/'").contains("gitignore syntax");
        assertThat(app.context().settings().get(ConflictDefaults.EXCLUDES).orElse(""))
                .doesNotEndWith("\n/");
    }

    private static String result(FxRobot robot) {
        return robot.lookup("#ruleTestResult").queryAs(Label.class).getText();
    }

    private static String message(FxRobot robot) {
        return robot.lookup("#rulesMessage").queryAs(Label.class).getText();
    }
}
