package io.obitox.upload.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.app.ui.Themes;
import io.obitox.app.ui.ViewFactory;
import io.obitox.common.ui.TextCell;
import io.obitox.common.ui.UiTasks;
import io.obitox.storage.SandboxAccess;
import io.obitox.testing.FxApp;
import io.obitox.testing.TestApp;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import io.obitox.validation.Corpus;
import io.obitox.validation.Programs;
import io.obitox.validation.ValidationResult;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real drag gesture (same-scene robot drag: Monocle routes drags only inside one window) of a folder and a file
 * onto the Upload view: rejected files show their reasons, the valid ones are queued and arrive in the sandbox.
 */
@ExtendWith(ApplicationExtension.class)
class UploadViewDragDropTest {
    private static TestApp app;
    private static Path folder;
    private static Path disguised;
    private Stage stage;

    @BeforeAll
    static void createApp() throws Exception {
        app = TestApp.create("upload-dnd");
        folder = app.dir().resolve("drop/holiday");
        Files.createDirectories(folder.resolve("notes"));
        Files.write(folder.resolve("beach.png"), Corpus.png());
        Files.write(folder.resolve("ticket.pdf"), Corpus.pdf());
        Files.writeString(folder.resolve("notes/todo.txt"), "pack sunscreen\n");
        Files.write(folder.resolve("empty.dat"), new byte[0]);
        Files.write(folder.resolve("cat.jpg"), Programs.elf(true, true, 2));
        Files.writeString(folder.resolve("setup.sh"), "#!/bin/sh\necho hi\n");
        disguised = app.dir().resolve("drop/invoice.pdf.exe");
        Files.write(disguised, Programs.pe(false, false));
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
            content.putFiles(List.of(folder.toFile(), disguised.toFile()));
            db.setContent(content);
            e.consume();
        });
        Scene scene = new Scene(new HBox(source, views.mainWindow()), 1250, 760);
        Themes.apply(io.obitox.settings.Theme.LIGHT, scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void droppedFilesAreCheckedByContentAndTheValidOnesArriveInTheSandbox(FxRobot robot) throws Exception {
        robot.clickOn("#nav-upload");
        FxApp.waitUntil(
                "the sandbox bucket is chosen",
                30,
                () -> "sandbox"
                        .equals(robot.lookup("#uploadBucketBox").queryComboBox().getValue()));
        robot.drag("#dragSource").dropTo("#dropZone");

        @SuppressWarnings("unchecked")
        TableView<ReadyFile> ready = robot.lookup("#readyTable").queryAs(TableView.class);
        @SuppressWarnings("unchecked")
        TableView<ValidationResult> rejected = robot.lookup("#rejectedTable").queryAs(TableView.class);
        FxApp.waitUntil(
                "all seven files checked",
                30,
                () -> ready.getItems().size() + rejected.getItems().size() == 7,
                () -> "ready " + ready.getItems().size() + ", rejected "
                        + rejected.getItems().size());
        assertThat(ready.getItems())
                .extracting(ReadyFile::objectKey)
                .containsExactlyInAnyOrder(
                        "holiday/beach.png", "holiday/ticket.pdf", "holiday/notes/todo.txt", "holiday/empty.dat");
        Map<String, String> reasons = new TreeMap<>();
        rejected.getItems()
                .forEach(r -> reasons.put(
                        r.path().getFileName().toString(), r.error().code().name()));
        assertThat(reasons)
                .containsOnly(
                        Map.entry("cat.jpg", "DANGEROUS_TYPE"),
                        Map.entry("setup.sh", "DANGEROUS_TYPE"),
                        Map.entry("invoice.pdf.exe", "DANGEROUS_TYPE"));
        assertThat(rejected.getItems())
                .allSatisfy(r -> assertThat(r.error().message()).isNotBlank());
        // the reason column cuts long reasons short: each of its cells shows the whole reason as a tooltip
        FxApp.waitUntil(
                "the reasons shown with tooltips",
                10,
                () -> !reasonTips(robot, rejected).isEmpty(), // the rows the short table shows
                () -> "tooltips " + reasonTips(robot, rejected));
        assertThat(reasonTips(robot, rejected))
                .allSatisfy(tip -> assertThat(rejected.getItems())
                        .anyMatch(r -> tip.contains(r.error().message())));
        // a prefix puts every ready file under it (keys made in the background), and taking it away restores them
        robot.interact(() -> robot.lookup("#uploadPrefixField")
                .queryAs(javafx.scene.control.TextField.class)
                .setText("trip"));
        FxApp.waitUntil(
                "the ready files are under trip/",
                10,
                () -> ready.getItems().stream().allMatch(r -> r.objectKey().startsWith("trip/holiday/")),
                () -> ready.getItems().toString());
        robot.interact(() -> robot.lookup("#uploadPrefixField")
                .queryAs(javafx.scene.control.TextField.class)
                .setText(""));
        FxApp.waitUntil(
                "the ready files are back at the top",
                10,
                () -> ready.getItems().stream().allMatch(r -> r.objectKey().startsWith("holiday/"))
                        && !robot.lookup("#uploadButton").queryButton().isDisabled(),
                () -> ready.getItems().toString());
        // The drag source is test scaffolding, not part of the app: out of the picture.
        robot.interact(() -> {
            Node dragSource = robot.lookup("#dragSource").query();
            dragSource.setVisible(false);
            dragSource.setManaged(false);
            stage.setWidth(1180);
        });
        FxApp.waitUntil(
                "the files are compared with the bucket",
                30,
                () -> robot.lookup("#uploadPlanSummary")
                        .queryAs(Label.class)
                        .getText()
                        .startsWith("Compared"));
        assertThat(ready.getItems()).allSatisfy(f -> assertThat(f.plan()).isEqualTo(io.obitox.sync.PlanState.NEW));
        FxApp.screenshot(robot, stage, "upload");

        robot.clickOn("#uploadButton");
        FxApp.waitUntil(
                "the four files are uploaded",
                60,
                () -> app.context().transfers().recent(100).stream()
                                .filter(s -> s.state() == TransferState.COMPLETED)
                                .count()
                        == 4,
                () -> app.context().transfers().recent(100).stream()
                        .map(TransferSnapshot::state)
                        .toList()
                        .toString());
        FxApp.waitUntil("the list is emptied", 10, () -> ready.getItems().isEmpty());
        assertThat(robot.lookup("#uploadStatus").queryAs(Label.class).getText()).contains("4 file(s) queued");
        FxApp.screenshot(robot, stage, "upload-queued");

        SandboxAccess.Endpoint e = app.context().sandbox().orElseThrow().ensureStarted();
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(e.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(e.accessKeyId(), e.secretAccessKey())))
                .forcePathStyle(true)
                .build()) {
            Map<String, String> stored = new TreeMap<>();
            s3.listObjectsV2Paginator(b -> b.bucket("sandbox").prefix("holiday/"))
                    .contents()
                    .forEach(o -> stored.put(o.key(), Long.toString(o.size())));
            assertThat(stored)
                    .containsOnlyKeys(
                            "holiday/beach.png", "holiday/ticket.pdf", "holiday/notes/todo.txt", "holiday/empty.dat");
            assertThat(s3.headObject(b -> b.bucket("sandbox").key("holiday/beach.png"))
                            .contentType())
                    .isEqualTo("image/png");
            assertThat(s3.getObjectAsBytes(b -> b.bucket("sandbox").key("holiday/ticket.pdf"))
                            .asByteArray())
                    .isEqualTo(Files.readAllBytes(folder.resolve("ticket.pdf")));
        }
        assertThat(new File(disguised.toString())).exists();
    }

    /** The tooltips of the rejected table's cells, one per cell that shows text with one. */
    private static List<String> reasonTips(FxRobot robot, TableView<ValidationResult> rejected) {
        return robot.from(rejected).lookup(".table-cell").queryAll().stream()
                .filter(n -> n instanceof TextCell<?> c && c.getTooltip() != null && c.getText() != null)
                .map(n -> ((TextCell<?>) n).getTooltip().getText())
                .toList();
    }
}
