package io.obitox.storage.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.storage.ObjectEntry;
import io.obitox.storage.SandboxAccess;
import io.obitox.testing.FxApp;
import io.obitox.testing.Png;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestPaths;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The bucket browser's actions on the embedded sandbox, as a user does them: the context menu and the details pane,
 * Delete with its confirmation, the filter, and files dragged onto a folder (a real robot drag from a source in the
 * same window: Monocle routes a drag only inside one window).
 */
@ExtendWith(ApplicationExtension.class)
class BucketBrowserActionsTest {
    private static TestApp app;
    private static S3Client s3;
    private static List<File> dropped;
    private Stage stage;

    @BeforeAll
    static void createApp() throws IOException {
        app = TestApp.create("browser-actions");
        SandboxAccess.Endpoint e = app.context().sandbox().orElseThrow().ensureStarted();
        s3 = S3Client.builder()
                .endpointOverride(e.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(e.accessKeyId(), e.secretAccessKey())))
                .forcePathStyle(true)
                .build();
        s3.putObject(
                b -> b.bucket("sandbox")
                        .key("report.pdf")
                        .contentType("application/pdf")
                        .metadata(Map.of("sha256", "9f86d081884c7d65", "owner", "ana")),
                RequestBody.fromBytes(new byte[123_456]));
        for (String k : List.of("old/a.log", "old/b.log", "old/deep/c.log", "photos/cat.png", "photos/dog.png")) {
            s3.putObject(b -> b.bucket("sandbox").key(k), RequestBody.fromBytes(new byte[1000]));
        }
        s3.putObject(b -> b.bucket("sandbox").key("old-keep.txt"), RequestBody.fromString("keep"));
        Path dir = TestPaths.newDir("browser-drop");
        Path notes = Files.writeString(dir.resolve("notes.txt"), "dropped onto photos/\n");
        byte[] exe = new byte[256];
        exe[0] = 'M';
        exe[1] = 'Z';
        Path tool = Files.write(dir.resolve("tool.exe"), exe);
        dropped = List.of(notes.toFile(), tool.toFile());
    }

    @AfterAll
    static void close() {
        s3.close();
        app.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        FxApp.show(app, stage);
        // a drag source in the same scene as the app (see the class comment)
        Label source = new Label("drag\nfiles");
        source.setId("dragSource");
        source.setMinWidth(40);
        source.setOnDragDetected(e -> {
            Dragboard db = source.startDragAndDrop(TransferMode.COPY);
            ClipboardContent content = new ClipboardContent();
            content.putFiles(dropped);
            db.setContent(content);
            e.consume();
        });
        Scene scene = stage.getScene();
        Parent appRoot = scene.getRoot();
        HBox.setHgrow(appRoot, Priority.ALWAYS);
        scene.setRoot(new HBox(source, appRoot));
    }

    @SuppressWarnings("unchecked")
    private TableView<ObjectEntry> openSandbox(FxRobot robot) {
        robot.clickOn("#nav-buckets");
        TableView<ObjectEntry> objects = robot.lookup("#objectTable").queryAs(TableView.class);
        FxApp.waitUntil(
                "the sandbox is listed",
                30,
                () -> objects.getItems().stream().anyMatch(e -> e.key().equals("report.pdf")));
        return objects;
    }

    private static List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket("sandbox").prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#bucketStatus").queryAs(Label.class).getText();
    }

    @Test
    void contextMenuOpensTheDetailsPaneWithHeadersMetadataAndCopyButtons(FxRobot robot) {
        TableView<ObjectEntry> objects = openSandbox(robot);
        // Monocle turns neither a secondary click nor Shift+F10 into a context-menu request, so the test sends the
        // request the window system would send for a right click on the row; the table shows its menu as it would
        robot.clickOn("report.pdf");
        Node cell = robot.lookup("report.pdf").query();
        robot.interact(() -> {
            javafx.geometry.Bounds b = cell.localToScreen(cell.getBoundsInLocal());
            javafx.geometry.Bounds l = cell.getBoundsInLocal();
            javafx.event.Event.fireEvent(
                    cell,
                    new javafx.scene.input.ContextMenuEvent(
                            javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                            l.getCenterX(),
                            l.getCenterY(),
                            b.getCenterX(),
                            b.getCenterY(),
                            false,
                            new javafx.scene.input.PickResult(cell, b.getCenterX(), b.getCenterY())));
        });
        FxApp.waitUntil(
                "the context menu is shown", 10, () -> objects.getContextMenu().isShowing());
        screenshot(robot, objects.getContextMenu().getScene().getWindow(), "buckets-context-menu");
        robot.clickOn(robot.lookup(".context-menu .menu-item")
                .lookup((Node n) -> n.lookup(".label") != null
                        && "Details".equals(((javafx.scene.control.Labeled) n.lookup(".label")).getText()))
                .queryAs(Node.class));
        FxApp.waitUntil(
                "details loaded",
                20,
                () -> robot.lookup("#detail-content-type").tryQuery().isPresent());
        assertThat(field(robot, "#detail-key")).isEqualTo("report.pdf");
        assertThat(field(robot, "#detail-size")).startsWith("123,456 bytes");
        assertThat(field(robot, "#detail-content-type")).isEqualTo("application/pdf");
        assertThat(field(robot, "#detail-etag")).isNotBlank();
        assertThat(field(robot, "#detail-s3-uri")).isEqualTo("s3://sandbox/report.pdf");
        assertThat(field(robot, "#detail-url")).endsWith("/sandbox/report.pdf");
        assertThat(robot.lookup("#detail-metadata").queryTextInputControl().getText())
                .contains("owner=ana")
                .contains("sha256=9f86d081884c7d65");
        assertThat(robot.lookup("#detail-tags").queryTextInputControl().getText())
                .isNotBlank();
        showDragSource(robot, false);
        FxApp.screenshot(robot, stage, "buckets-details");
        showDragSource(robot, true);

        robot.clickOn("#copyUriButton");
        String[] clip = new String[1];
        robot.interact(() ->
                clip[0] = javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertThat(clip[0]).isEqualTo("s3://sandbox/report.pdf");
        robot.clickOn("#closeDetailsButton");
        FxApp.waitUntil(
                "the pane is closed",
                10,
                () -> robot.lookup("#detail-key").tryQuery().isEmpty());
    }

    private static String field(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TextField.class).getText();
    }

    @Test
    void deleteKeyAsksWithCountAndSizeThenDeletesTheFolderOnly(FxRobot robot) {
        TableView<ObjectEntry> objects = openSandbox(robot);
        robot.clickOn("old/");
        robot.type(KeyCode.DELETE);
        FxApp.waitUntil(
                "the confirmation is shown",
                20,
                () -> robot.lookup("#deleteDialog").tryQuery().isPresent());
        Node dialog = robot.lookup("#deleteDialog").query();
        String text = robot.lookup("#deleteDialog .content").queryLabeled().getText();
        assertThat(text).contains("Delete 3 object(s), 2.9 KiB").contains("old/deep/c.log");
        screenshot(robot, dialog.getScene().getWindow(), "buckets-delete-confirm");

        robot.clickOn("#cancelDeleteButton");
        FxApp.waitUntil("cancelled", 10, () -> status(robot).contains("Nothing was deleted"));
        assertThat(keys("old/")).hasSize(3);

        robot.clickOn("old/");
        robot.clickOn("#deleteButton");
        FxApp.waitUntil(
                "asked again",
                20,
                () -> robot.lookup("#confirmDeleteButton").tryQuery().isPresent());
        robot.clickOn("#confirmDeleteButton");
        FxApp.waitUntil("deleted", 20, () -> status(robot).contains("Deleted 3 object(s)"), () -> status(robot));
        FxApp.waitUntil(
                "the listing no longer shows old/",
                20,
                () -> objects.getItems().stream().noneMatch(e -> e.key().equals("old/")));
        assertThat(keys("old")).containsExactly("old-keep.txt");
    }

    @Test
    void enterOpensAFolderBackspaceGoesUpEnterOnAnObjectStays(FxRobot robot) {
        TableView<ObjectEntry> objects = openSandbox(robot);
        Label path = robot.lookup("#pathLabel").queryAs(Label.class);
        robot.clickOn("photos/");
        robot.type(KeyCode.ENTER);
        FxApp.waitUntil(
                "inside photos/ by Enter",
                20,
                () -> path.getText().equals("s3://sandbox/photos/")
                        && objects.getItems().stream().anyMatch(e -> e.key().equals("photos/cat.png")),
                path::getText);
        robot.clickOn("cat.png");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(path.getText()).isEqualTo("s3://sandbox/photos/");
        robot.type(KeyCode.BACK_SPACE);
        FxApp.waitUntil(
                "back at the top by Backspace",
                20,
                () -> path.getText().equals("s3://sandbox/")
                        && objects.getItems().stream().anyMatch(e -> e.key().equals("report.pdf")),
                path::getText);
    }

    @Test
    void filterNarrowsTheListingAndCtrlFGoesThere(FxRobot robot) {
        TableView<ObjectEntry> objects = openSandbox(robot);
        robot.clickOn("report.pdf");
        robot.press(KeyCode.CONTROL).press(KeyCode.F).release(KeyCode.F).release(KeyCode.CONTROL);
        TextField filter = robot.lookup("#filterField").queryAs(TextField.class);
        assertThat(filter.isFocused()).isTrue();
        robot.write("PHO");
        FxApp.waitUntil("filtered", 10, () -> objects.getItems().size() == 1);
        assertThat(objects.getItems().get(0).key()).isEqualTo("photos/");

        robot.interact(() -> filter.setText("dog"));
        robot.clickOn("#searchButton");
        FxApp.waitUntil(
                "found below",
                20,
                () -> objects.getItems().size() == 1
                        && objects.getItems().get(0).key().equals("photos/dog.png"),
                () -> status(robot));
        assertThat(status(robot)).contains("1 match(es) for 'dog'");
        robot.interact(() -> filter.setText(""));
        robot.type(KeyCode.F5);
        FxApp.waitUntil(
                "the folder again",
                20,
                () -> objects.getItems().stream().anyMatch(e -> e.key().equals("report.pdf")));

        // sizes sort as numbers (4 B before 121 KiB), not as the text shown; folders (no size) come first
        robot.clickOn("Size");
        assertThat(objects.getItems()).extracting(ObjectEntry::size).isSorted();
        robot.clickOn("Size");
        assertThat(objects.getItems().get(0).key()).isEqualTo("report.pdf");
        assertThat(objects.getItems())
                .extracting(ObjectEntry::size)
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void filesDroppedOnAFolderAreCheckedAndUploadedIntoIt(FxRobot robot) {
        TableView<ObjectEntry> objects = openSandbox(robot);
        robot.doubleClickOn("photos/");
        FxApp.waitUntil(
                "inside photos/",
                20,
                () -> objects.getItems().stream().anyMatch(e -> e.key().equals("photos/cat.png")));
        robot.drag("#dragSource").dropTo("#objectTable");
        FxApp.waitUntil("queued", 30, () -> status(robot).contains("queued"), () -> status(robot));
        assertThat(status(robot))
                .contains("1 file(s) queued for s3://sandbox/photos/")
                .contains("1 rejected")
                .contains("tool.exe");
        showDragSource(robot, false);
        FxApp.screenshot(robot, stage, "buckets-drop-onto-folder");
        FxApp.waitUntil("uploaded into photos/", 60, () -> {
            try {
                return s3.headObject(b -> b.bucket("sandbox").key("photos/notes.txt"))
                                .contentLength()
                        == 21;
            } catch (NoSuchKeyException notYet) {
                return false;
            } catch (software.amazon.awssdk.services.s3.model.S3Exception notYet) {
                return false;
            }
        });
        assertThat(keys("")).doesNotContain("notes.txt", "tool.exe", "photos/tool.exe");
        robot.type(KeyCode.F5);
        FxApp.waitUntil(
                "listed after refresh",
                20,
                () -> objects.getItems().stream().anyMatch(e -> e.key().equals("photos/notes.txt")));
    }

    /** The drag source is test scaffolding, not part of the app: out of the pictures. */
    private static void showDragSource(FxRobot robot, boolean shown) {
        robot.interact(() -> {
            javafx.scene.Node source = robot.lookup("#dragSource").query();
            source.setVisible(shown);
            source.setManaged(shown);
        });
    }

    private static void screenshot(FxRobot robot, Window window, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = window.getScene().snapshot(null));
        Path dir = Path.of(System.getProperty("obitox.screenshots.dir", "target/screenshots"));
        try {
            Png.write(image[0], dir.resolve(name + ".png"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
