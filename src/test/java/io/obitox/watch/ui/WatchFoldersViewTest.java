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
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
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
    @org.junit.jupiter.api.Order(1)
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

        // the details: the selected watch's recent files, a rejected one with its reason
        Files.write(folder.resolve("tool.bin"), elf());
        FxApp.waitUntil(
                "the rejected file in the activity",
                60,
                () -> activity(robot).getItems().stream()
                        .anyMatch(l -> l.contains("rejected · tool.bin — DANGEROUS_TYPE")),
                () -> activity(robot).getItems().toString());
        assertThat(activity(robot).getItems())
                .hasSize(5)
                .filteredOn(l -> l.contains(" · uploaded · "))
                .extracting(l -> l.substring(l.indexOf(" · uploaded · ") + " · uploaded · ".length()))
                .containsExactlyInAnyOrder(
                        "2026-12/page-1.txt", "2026-12/page-2.txt", "receipt.txt", "after-resume.txt");
        FxApp.waitUntil(
                "the counters say so too",
                10,
                () -> table(robot).getItems().get(0).counters().contains("1 rejected"));
        FxApp.screenshot(robot, stage, "watch-folders-activity");
    }

    @Test
    @org.junit.jupiter.api.Order(2) // the first one's watch stays: the list has two rows here
    void aWatchIsEditedAndRemovedFromTheKeyboard(FxRobot robot) throws Exception {
        robot.clickOn("#nav-watch");
        Path other = Files.createDirectories(app.dir().resolve("camera"));
        var w = app.context()
                .watches()
                .add(new io.obitox.watch.WatchFolderService.Draft(
                        other,
                        io.obitox.profile.TargetRef.profile(
                                app.context().watches().list().isEmpty()
                                        ? app.context().profiles().list().get(0).id()
                                        : app.context()
                                                .watches()
                                                .list()
                                                .get(0)
                                                .watch()
                                                .target()
                                                .profileId()),
                        "sandbox",
                        "camera",
                        null,
                        true,
                        null,
                        java.util.List.of(),
                        true,
                        true,
                        java.time.Duration.ofSeconds(3),
                        java.time.Duration.ofMinutes(5),
                        io.obitox.watch.Watch.AfterUpload.KEEP,
                        true));
        FxApp.waitUntil("listed", 30, () -> table(robot).getItems().stream().anyMatch(r -> r.id().equals(w.id())));
        robot.interact(() -> {
            var t = table(robot);
            for (int i = 0; i < t.getItems().size(); i++) {
                if (t.getItems().get(i).id().equals(w.id())) {
                    t.getSelectionModel().select(i);
                }
            }
            t.requestFocus();
        });
        robot.type(javafx.scene.input.KeyCode.ENTER); // edit
        FxApp.waitUntil(
                "the form holds the watch",
                10,
                () -> other.toString().equals(field(robot, "#watchFolderField").getText())
                        && "_Save"
                                .equals(robot.lookup("#addWatchButton")
                                        .queryButton()
                                        .getText()));
        assertThat(field(robot, "#watchPrefixField").getText()).isEqualTo("camera/");
        assertThat(field(robot, "#watchSettle").getText()).isEqualTo("3");
        robot.interact(() -> {
            field(robot, "#watchSettle").setText("1.5");
            field(robot, "#watchPrefixField").setText("camera/raw");
            robot.lookup("#watchIfExists")
                    .queryAs(javafx.scene.control.ChoiceBox.class)
                    .setValue("rename");
            robot.lookup("#watchAfterUpload")
                    .queryAs(javafx.scene.control.ChoiceBox.class)
                    .setValue(io.obitox.watch.Watch.AfterUpload.MOVE);
        });
        FxApp.screenshot(robot, stage, "watch-folders-edit");
        robot.clickOn("#addWatchButton");
        FxApp.waitUntil(
                "saved",
                30,
                () -> app.context().watches().get(w.id()).watch().prefix().equals("camera/raw/"));
        var saved = app.context().watches().get(w.id()).watch();
        assertThat(saved.settle()).isEqualTo(java.time.Duration.ofMillis(1500));
        assertThat(saved.ifExists()).isEqualTo("rename");
        assertThat(saved.afterUpload()).isEqualTo(io.obitox.watch.Watch.AfterUpload.MOVE);
        assertThat(saved.folder()).isEqualTo(other);
        assertThat(saved.paused()).isTrue(); // an edit does not resume it
        FxApp.waitUntil(
                "back to adding",
                10,
                () -> "_Watch"
                        .equals(robot.lookup("#addWatchButton").queryButton().getText()));

        robot.interact(() -> table(robot).requestFocus());
        robot.type(javafx.scene.input.KeyCode.DELETE); // remove, after asking
        FxApp.waitUntil(
                "asked", 10, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        assertThat(robot.lookup(".dialog-pane .content").queryLabeled().getText())
                .contains("Stop watching " + other)
                .contains("stay as they are");
        robot.type(javafx.scene.input.KeyCode.ENTER); // OK is the default button
        FxApp.waitUntil(
                "removed",
                30,
                () -> app.context().watches().list().stream()
                                .noneMatch(r -> r.watch().id().equals(w.id()))
                        && table(robot).getItems().stream().noneMatch(r -> r.id().equals(w.id())));
        assertThat(other).isDirectory();
    }

    @SuppressWarnings("unchecked")
    private static javafx.scene.control.ListView<String> activity(FxRobot robot) {
        return robot.lookup("#watchActivity").queryAs(javafx.scene.control.ListView.class);
    }

    private static TextField field(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TextField.class);
    }

    private static byte[] elf() {
        byte[] b = new byte[256];
        byte[] head = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
        System.arraycopy(head, 0, b, 0, head.length);
        b[16] = 2; // ET_EXEC
        b[18] = 0x3e; // x86-64
        return b;
    }
}
