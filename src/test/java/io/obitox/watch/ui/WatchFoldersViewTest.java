package io.obitox.watch.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.FxApp;
import io.obitox.testing.TestApp;
import io.obitox.watch.WatchHealth;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Watch folders section against the sandbox (the in-process S3Proxy): a watch is added from the form, files
 * written into the folder arrive in the bucket and the counters move; pause shows as paused. Screenshots
 * {@code watch-folders} and {@code watch-folders-paused}.
 */
@ExtendWith(ApplicationExtension.class)
class WatchFoldersViewTest {
    private static TestApp app;
    private static Path folder;
    private Stage stage;

    @BeforeAll
    static void createApp() throws Exception {
        app = TestApp.create("watch-view");
        folder = Files.createDirectories(app.dir().resolve("scanner-out"));
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

    @SuppressWarnings("unchecked")
    private static TableView<WatchRow> table(FxRobot robot) {
        return robot.lookup("#watchTable").queryAs(TableView.class);
    }

    @Test
    void aWatchAddedInTheWindowUploadsWhatArrivesAndItsCountersMove(FxRobot robot) throws Exception {
        robot.clickOn("#nav-watch");
        FxApp.waitUntil(
                "the view", 10, () -> robot.lookup("#watchTable").tryQuery().isPresent());
        robot.interact(() -> {
            robot.lookup("#watchFolderField").queryAs(TextField.class).setText(folder.toString());
            robot.lookup("#watchBucketField").queryAs(TextField.class).setText("sandbox");
            robot.lookup("#watchPrefixField").queryAs(TextField.class).setText("scans");
        });
        robot.clickOn("#addWatchButton");
        FxApp.waitUntil(
                "the watch listed and running",
                30,
                () -> table(robot).getItems().size() == 1
                        && table(robot).getItems().get(0).state().equals("watching"));
        Files.createDirectories(folder.resolve("2026-12"));
        Files.writeString(folder.resolve("2026-12/page-1.txt"), "scanned page one");
        Files.writeString(folder.resolve("2026-12/page-2.txt"), "scanned page two");
        Files.writeString(folder.resolve("receipt.txt"), "a receipt");
        FxApp.waitUntil(
                "three uploaded",
                90,
                () -> table(robot).getItems().get(0).counters().contains("3 uploaded"),
                () -> table(robot).getItems().toString());
        WatchHealth.Counters c = app.context().watches().list().get(0).health().counters();
        assertThat(c).isEqualTo(new WatchHealth.Counters(3, 3, 0, 0, 0));
        var target = app.context()
                .profiles()
                .resolve(app.context().watches().list().get(0).watch().target());
        assertThat(app.context().buckets().listAll(target, "sandbox", "scans/", true, 10))
                .extracting(io.obitox.storage.ObjectEntry::key)
                .containsExactlyInAnyOrder("scans/2026-12/page-1.txt", "scans/2026-12/page-2.txt", "scans/receipt.txt");
        assertThat(robot.lookup("#watchStatus").queryAs(Label.class).getText()).startsWith("Watching " + folder);
        FxApp.screenshot(robot, stage, "watch-folders");

        robot.interact(() -> table(robot).getSelectionModel().select(0));
        robot.clickOn("#pauseWatchButton");
        FxApp.waitUntil(
                "paused", 30, () -> table(robot).getItems().get(0).state().equals("paused"));
        FxApp.waitUntil(
                "Resume offered on the still selected row",
                10,
                () -> "Resume"
                        .equals(robot.lookup("#pauseWatchButton").queryButton().getText()));
        FxApp.screenshot(robot, stage, "watch-folders-paused");
        robot.clickOn("#pauseWatchButton");
        FxApp.waitUntil(
                "watching again",
                30,
                () -> table(robot).getItems().get(0).state().equals("watching"));
        Files.writeString(folder.resolve("after-resume.txt"), "after resume");
        FxApp.waitUntil(
                "the fourth uploaded",
                60,
                () -> table(robot).getItems().get(0).counters().contains("4 uploaded"));
    }
}
