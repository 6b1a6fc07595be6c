package io.obitox.upload.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.app.ui.Themes;
import io.obitox.app.ui.ViewFactory;
import io.obitox.common.ui.UiTasks;
import io.obitox.sync.ConflictChoice;
import io.obitox.sync.PlanState;
import io.obitox.testing.FxApp;
import io.obitox.testing.TestApp;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import io.obitox.transfer.ui.TransferRow;
import io.obitox.validation.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 15 in the Upload view, against the sandbox (the in-process S3Proxy): a folder dropped twice shows its files
 * as new, then as identical (skip), and the second upload sends nothing; with policy "ask", changed files bring the
 * conflict dialog (Enter skips, "Keep both" renames). Same-scene robot drags, as in {@link UploadViewDragDropTest}.
 */
@ExtendWith(ApplicationExtension.class)
class UploadConflictsViewTest {
    private static TestApp app;
    private static Path folder;
    private Stage stage;

    @BeforeAll
    static void createApp() throws Exception {
        app = TestApp.create("upload-conflicts");
        folder = app.dir().resolve("drop/album");
        Files.createDirectories(folder.resolve("notes"));
        Files.write(folder.resolve("beach.png"), Corpus.png());
        Files.write(folder.resolve("ticket.pdf"), Corpus.pdf());
        Files.writeString(folder.resolve("notes/todo.txt"), "pack sunscreen\n");
        Files.writeString(folder.resolve("notes/plan.txt"), "day 1: beach\n");
        Files.writeString(folder.resolve("notes/~$draft.txt"), "an editor's lock file\n");
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        ViewFactory views = new ViewFactory(
                app.context(), new UiTasks(app.context().background()), ViewFactory.Startup.load(app.context()));
        Label source = new Label("drag\nfrom\nhere");
        source.setId("dragSource");
        source.setMinWidth(70);
        source.setOnDragDetected(e -> {
            Dragboard db = source.startDragAndDrop(TransferMode.COPY);
            ClipboardContent content = new ClipboardContent();
            content.putFiles(List.of(folder.toFile()));
            db.setContent(content);
            e.consume();
        });
        Scene scene = new Scene(new HBox(source, views.mainWindow()), 1250, 760);
        Themes.apply(io.obitox.settings.Theme.LIGHT, scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aFolderDroppedTwiceIsSkippedAsIdenticalAndAskShowsTheConflictDialog(FxRobot robot) throws Exception {
        robot.clickOn("#nav-upload");
        FxApp.waitUntil(
                "the sandbox bucket is chosen",
                30,
                () -> "sandbox"
                        .equals(robot.lookup("#uploadBucketBox").queryComboBox().getValue()));
        @SuppressWarnings("unchecked")
        TableView<ReadyFile> ready = robot.lookup("#readyTable").queryAs(TableView.class);

        // first drop: everything is new, the editor's lock file is excluded by a default rule
        Map<String, String> first = dropAndPreview(robot, ready, 5);
        assertThat(first)
                .containsOnly(
                        Map.entry("album/beach.png", "new"),
                        Map.entry("album/ticket.pdf", "new"),
                        Map.entry("album/notes/todo.txt", "new"),
                        Map.entry("album/notes/plan.txt", "new"),
                        Map.entry("album/notes/~$draft.txt", "excluded by ~$*"));
        robot.clickOn("#uploadButton");
        FxApp.waitUntil("four files are uploaded", 60, () -> completed() == 4, this::states);
        FxApp.waitUntil("the list is emptied", 10, () -> ready.getItems().isEmpty());
        assertThat(text(robot, "#uploadSummary")).startsWith("Last upload: 4 queued (0 renamed) · 0 skipped identical");
        assertThat(text(robot, "#uploadSummary")).contains("1 excluded");

        // second drop of the same folder: the four are identical and nothing is sent
        Map<String, String> second = dropAndPreview(robot, ready, 5);
        assertThat(second.values()).containsOnly("identical (skip)", "excluded by ~$*");
        assertThat(ready.getItems())
                .filteredOn(f -> f.plan() == PlanState.IDENTICAL)
                .hasSize(4);
        assertThat(text(robot, "#uploadPlanSummary"))
                .contains("4 identical (skip)")
                .contains("1 excluded");
        assertThat(robot.lookup("#uploadButton").queryButton().getText()).isEqualTo("Upload 0 of 5 files (0 B)");
        hideDragSource(robot);
        FxApp.screenshot(robot, stage, "upload-identical");
        robot.clickOn("#uploadButton");
        FxApp.waitUntil("the list is emptied", 30, () -> ready.getItems().isEmpty());
        assertThat(text(robot, "#uploadSummary"))
                .startsWith("Last upload: 0 queued (0 renamed) · 4 skipped identical · 0 skipped existing · 1"
                        + " excluded · 0 failed");
        assertThat(text(robot, "#uploadStatus")).startsWith("Nothing to send to s3://sandbox/: 5 file(s) skipped");
        assertThat(completed()).isEqualTo(4);
        // the four identical files are transfers of their own, final in state Skipped, and nothing was queued
        assertThat(app.context().transfers().recent(100))
                .hasSize(8)
                .filteredOn(s -> s.state() == TransferState.SKIPPED)
                .extracting(TransferSnapshot::key)
                .containsExactlyInAnyOrder(
                        "album/beach.png", "album/ticket.pdf", "album/notes/todo.txt", "album/notes/plan.txt");
        FxApp.screenshot(robot, stage, "upload-skipped-summary");
        robot.clickOn("#nav-transfers");
        @SuppressWarnings("unchecked")
        TableView<TransferRow> transfers = robot.lookup("#transferTable").queryAs(TableView.class);
        FxApp.waitUntil(
                "the Transfers view lists the skipped files and counts them",
                20,
                () -> transfers.getItems().stream()
                                        .filter(r -> r.stateProperty().get() == TransferState.SKIPPED)
                                        .count()
                                == 4
                        && text(robot, "#transferTotals").contains("4 skipped"),
                () -> text(robot, "#transferTotals"));
        assertThat(text(robot, "#transferTotals")).contains("4 done").contains("0 failed · 4 skipped");
        List<String> stateCells = new ArrayList<>();
        robot.interact(() -> robot.lookup(".state-skipped").queryAll().forEach(n -> {
            if (n.isVisible() && n instanceof javafx.scene.control.Labeled l && l.getText() != null) {
                stateCells.add(l.getText());
            }
        }));
        assertThat(stateCells).hasSize(4).containsOnly("Skipped");
        // a skipped row sent nothing: words in the progress column, not a full bar
        List<String> notSent = new ArrayList<>();
        robot.interact(() -> robot.lookup(".not-sent").queryAll().forEach(n -> {
            if (n.isVisible() && n.getParent() != null && n instanceof javafx.scene.control.Labeled l) {
                notSent.add(l.getText());
            }
        }));
        assertThat(notSent).hasSize(4).containsOnly("not sent");
        // no pause / resume / retry / cancel on a skipped row
        for (TransferRow r : transfers.getItems()) {
            if (r.stateProperty().get() == TransferState.SKIPPED) {
                for (String action : List.of("pause", "resume", "retry", "cancel")) {
                    assertThat(robot.lookup("#" + action + "-" + r.id())
                                    .tryQuery()
                                    .filter(Node::isVisible)
                                    .filter(n -> n.getScene() != null
                                            && n.getParent() != null
                                            && n.getParent().getParent() != null))
                            .isEmpty();
                }
            }
        }
        FxApp.screenshot(robot, stage, "transfers-skipped");
        robot.clickOn("#nav-upload");
        showDragSource(robot);

        // two files change; with "ask" the dialog asks for each: Enter skips, "Keep both" renames
        Files.writeString(folder.resolve("notes/todo.txt"), "pack sunscreen and a hat\n");
        Files.writeString(folder.resolve("notes/plan.txt"), "day 1: museum\n");
        @SuppressWarnings("unchecked")
        ComboBox<ConflictChoice> policy = robot.lookup("#uploadConflictBox").queryAs(ComboBox.class);
        robot.interact(() -> policy.setValue(ConflictChoice.ASK));
        Map<String, String> third = dropAndPreview(robot, ready, 5);
        assertThat(third)
                .containsEntry("album/notes/todo.txt", "changed (ask)")
                .containsEntry("album/notes/plan.txt", "changed (ask)")
                .containsEntry("album/beach.png", "identical (skip)");
        assertThat(robot.lookup("#uploadButton").queryButton().getText()).startsWith("Upload up to 2 of 5 files");
        hideDragSource(robot);
        FxApp.screenshot(robot, stage, "upload-ask");
        robot.clickOn("#uploadButton");
        FxApp.waitUntil(
                "the conflict dialog is shown",
                10,
                () -> robot.lookup("#conflictDialog").tryQuery().isPresent());
        FxApp.screenshot(robot, dialogStage(robot), "upload-conflict-dialog");
        String firstAsked = header(robot);
        robot.type(KeyCode.ENTER); // the default answer: skip
        FxApp.waitUntil(
                "the second question",
                10,
                () -> robot.lookup("#conflictDialog").tryQuery().isPresent()
                        && !header(robot).equals(firstAsked));
        String secondAsked = header(robot);
        robot.clickOn("#conflictKeepBoth");
        FxApp.waitUntil("the list is emptied", 30, () -> ready.getItems().isEmpty());
        FxApp.waitUntil("the renamed file is uploaded", 60, () -> completed() == 5, this::states);
        String renamedFrom = secondAsked.contains("todo.txt") ? "todo" : "plan";
        assertThat(firstAsked).doesNotContain(renamedFrom);
        List<String> keys = app.context().transfers().recent(100).stream()
                .map(TransferSnapshot::key)
                .collect(Collectors.toCollection(ArrayList::new));
        assertThat(keys).contains("album/notes/" + renamedFrom + " (1).txt");
        assertThat(text(robot, "#uploadSummary"))
                .startsWith("Last upload: 1 queued (1 renamed) · 2 skipped identical · 1 skipped existing · 1"
                        + " excluded · 0 failed");
    }

    private Map<String, String> dropAndPreview(FxRobot robot, TableView<ReadyFile> ready, int files) {
        robot.drag("#dragSource").dropTo("#dropZone");
        FxApp.waitUntil(
                "the files are checked and compared with the bucket",
                60,
                () -> ready.getItems().size() == files
                        && ready.getItems().stream().allMatch(f -> f.plan() != null)
                        && text(robot, "#uploadPlanSummary").startsWith("Compared"),
                () -> "ready " + ready.getItems().size() + "; " + text(robot, "#uploadPlanSummary"));
        // what the "In the bucket" column shows, row by row (scrolled into view: the table may show fewer rows)
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i < ready.getItems().size(); i++) {
            int row = i;
            robot.interact(() -> ready.scrollTo(row));
            robot.interact(() -> robot.lookup(".plan-cell").queryAll().forEach(n -> {
                @SuppressWarnings("unchecked")
                javafx.scene.control.TableCell<ReadyFile, ReadyFile> c =
                        (javafx.scene.control.TableCell<ReadyFile, ReadyFile>) n;
                if (c.getItem() != null && c.isVisible()) {
                    out.put(c.getItem().objectKey(), c.getText());
                }
            }));
        }
        robot.interact(() -> ready.scrollTo(0));
        assertThat(out).hasSize(files);
        return out;
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static String header(FxRobot robot) {
        return robot.lookup("#conflictDialog")
                .queryAs(javafx.scene.control.DialogPane.class)
                .getHeaderText();
    }

    private static Stage dialogStage(FxRobot robot) {
        Window w = robot.lookup("#conflictDialog").query().getScene().getWindow();
        return (Stage) w;
    }

    private void hideDragSource(FxRobot robot) {
        robot.interact(() -> {
            Node dragSource = robot.lookup("#dragSource").query();
            dragSource.setVisible(false);
            dragSource.setManaged(false);
            stage.setWidth(1180);
        });
    }

    private void showDragSource(FxRobot robot) {
        robot.interact(() -> {
            Node dragSource = robot.lookup("#dragSource").query();
            dragSource.setVisible(true);
            dragSource.setManaged(true);
        });
    }

    private long completed() {
        return app.context().transfers().recent(100).stream()
                .filter(s -> s.state() == TransferState.COMPLETED)
                .count();
    }

    private String states() {
        return app.context().transfers().recent(100).stream()
                .map(s -> s.key() + ":" + s.state())
                .toList()
                .toString();
    }
}
