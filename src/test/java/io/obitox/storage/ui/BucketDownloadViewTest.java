package io.obitox.storage.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.app.ui.ViewFactory;
import io.obitox.storage.ObjectEntry;
import io.obitox.storage.SandboxAccess;
import io.obitox.testing.FxApp;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestPaths;
import io.obitox.transfer.TransferDirection;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * "Download…" in the bucket browser on the embedded sandbox (S3Proxy): an object and a folder selected together,
 * queued through the download dialog into a folder the (injected) chooser gives, then fetched by the transfer queue as
 * downloads. The native directory chooser is replaced through {@link ViewFactory#useDownloadFolderDialog}: TestFX
 * cannot drive it.
 */
@ExtendWith(ApplicationExtension.class)
class BucketDownloadViewTest {
    private static TestApp app;
    private static final Map<String, byte[]> CONTENT = Map.of(
            "report.bin", bytes(1, 300_000),
            "photos/cat.png", bytes(2, 70_000),
            "photos/deep/dog.png", bytes(3, 5_000));
    private Stage stage;
    /** What the folder chooser answers next; null = the user cancelled. */
    private Path answer;

    private final List<Integer> asked = new ArrayList<>();

    private static byte[] bytes(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @BeforeAll
    static void createApp() {
        app = TestApp.create("bucket-download");
        SandboxAccess.Endpoint e = app.context().sandbox().orElseThrow().ensureStarted();
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(e.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(e.accessKeyId(), e.secretAccessKey())))
                .forcePathStyle(true)
                .build()) {
            CONTENT.forEach((k, v) -> s3.putObject(b -> b.bucket("sandbox").key(k), RequestBody.fromBytes(v)));
            // a folder marker with nothing below it: downloading it is an error the status line must explain
            s3.putObject(b -> b.bucket("sandbox").key("empty/"), RequestBody.empty());
        }
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        ViewFactory views = FxApp.show(app, stage);
        views.useDownloadFolderDialog((owner, count) -> {
            asked.add(count);
            return Optional.ofNullable(answer);
        });
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#bucketStatus").queryAs(Label.class).getText();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anObjectAndAFolderAreDownloadedThroughTheQueueIntoTheChosenFolder(FxRobot robot) throws IOException {
        robot.clickOn("#nav-buckets");
        TableView<ObjectEntry> objects = robot.lookup("#objectTable").queryAs(TableView.class);
        FxApp.waitUntil(
                "the sandbox is listed",
                30,
                () -> objects.getItems().stream().anyMatch(e -> e.key().equals("photos/")));
        Button download = robot.lookup("#downloadButton").queryButton();
        assertThat(download.isDisabled()).as("nothing selected yet").isTrue();

        // the chooser cancelled: no folder, so the dialog cannot download; cancelled, nothing is queued or said
        robot.clickOn("report.bin");
        assertThat(download.isDisabled()).isFalse();
        answer = null;
        robot.clickOn("#downloadButton");
        robot.clickOn("#downloadChooseFolder");
        assertThat(asked).containsExactly(1);
        assertThat(robot.lookup("#downloadConfirm").queryButton().isDisabled()).isTrue();
        robot.clickOn("#downloadCancel");
        assertThat(app.context().transfers().recent(100)).isEmpty();

        answer = TestPaths.newDir("bucket-download").resolve("into");
        robot.press(KeyCode.CONTROL).clickOn("photos/").release(KeyCode.CONTROL);
        assertThat(objects.getSelectionModel().getSelectedItems()).hasSize(2);
        robot.clickOn("#downloadButton");
        robot.clickOn("#downloadChooseFolder");
        assertThat(asked).containsExactly(1, 2);
        assertThat(robot.lookup("#downloadFolder").queryTextInputControl().getText())
                .isEqualTo(answer.toString());
        robot.clickOn("#downloadConfirm");
        FxApp.waitUntil("queued", 30, () -> status(robot).contains("queued"), () -> status(robot));
        assertThat(status(robot)).isEqualTo("3 download(s) queued into " + answer + " — follow them under Transfers.");
        FxApp.screenshot(robot, stage, "buckets-download");

        Map<String, Path> local = Map.of(
                "report.bin", answer.resolve("report.bin"),
                "photos/cat.png", answer.resolve("photos/cat.png"),
                "photos/deep/dog.png", answer.resolve("photos/deep/dog.png"));
        FxApp.waitUntil(
                "every download completed",
                60,
                () -> downloads().size() == 3
                        && downloads().stream().allMatch(s -> s.state() == TransferState.COMPLETED),
                () -> downloads().toString());
        for (Map.Entry<String, Path> e : local.entrySet()) {
            assertThat(Files.readAllBytes(e.getValue())).as(e.getKey()).isEqualTo(CONTENT.get(e.getKey()));
        }
        assertThat(downloads())
                .extracting(TransferSnapshot::key)
                .containsExactlyInAnyOrder("report.bin", "photos/cat.png", "photos/deep/dog.png");
        assertThat(downloads())
                .extracting(TransferSnapshot::source)
                .containsExactlyInAnyOrderElementsOf(local.values());
        try (var files = Files.walk(answer)) {
            assertThat(files.filter(Files::isRegularFile).count())
                    .as("no part files or strays left")
                    .isEqualTo(3);
        }

        // the same selection again by keyboard: the files are there with the same bytes, so nothing is fetched
        robot.type(KeyCode.F5);
        FxApp.waitUntil("listed again", 30, () -> status(robot).contains("object(s)"), () -> status(robot));
        robot.clickOn("report.bin");
        robot.press(KeyCode.CONTROL).clickOn("photos/").release(KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL).type(KeyCode.D).release(KeyCode.CONTROL);
        // the dialog remembers the folder of the window's last download
        robot.clickOn("#downloadConfirm");
        FxApp.waitUntil("answered", 30, () -> status(robot).contains("skipped"), () -> status(robot));
        assertThat(asked).containsExactly(1, 2);
        assertThat(status(robot))
                .isEqualTo(
                        "Nothing new to download into " + answer + ". 3 skipped: already there with the same content.");
        assertThat(downloads()).hasSize(3);

        // a folder with no objects below it: a clear message, nothing queued
        robot.clickOn("empty/");
        robot.clickOn("#downloadButton");
        robot.clickOn("#downloadConfirm");
        FxApp.waitUntil("refused", 30, () -> status(robot).contains("not downloaded"), () -> status(robot));
        assertThat(status(robot))
                .startsWith("1 not downloaded, e.g. empty/: ")
                .contains("There are no objects below s3://sandbox/empty/")
                .doesNotContain("Exception");
        assertThat(robot.lookup("#bucketStatus").queryAs(Label.class).getStyleClass())
                .contains("danger");
        assertThat(downloads()).hasSize(3);
    }

    private static List<TransferSnapshot> downloads() {
        return app.context().transfers().recent(100).stream()
                .filter(s -> s.direction() == TransferDirection.DOWNLOAD)
                .toList();
    }
}
