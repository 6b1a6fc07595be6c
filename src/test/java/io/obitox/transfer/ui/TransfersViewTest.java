package io.obitox.transfer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.testing.FxApp;
import io.obitox.testing.TestApp;
import io.obitox.transfer.TransferEngine;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import io.obitox.transfer.UploadRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import software.amazon.awssdk.services.s3.S3Client;

@ExtendWith(ApplicationExtension.class)
class TransfersViewTest {
    private static TestApp app;
    private Stage stage;

    @BeforeAll
    static void createApp() {
        app = TestApp.create("transfers-view");
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        FxApp.show(app, stage);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void showsProgressAndPausesAndResumesARealUploadToTheSandbox(FxRobot robot) throws Exception {
        TransferService service = app.context().transfers();
        TransferEngine engine = service.engine();
        engine.updateSettings(engine.settings()
                .withPartSize(5L << 20)
                .withMultipartThreshold(5L << 20)
                .withConcurrency(1)
                .withBandwidthLimit(3L << 20));
        byte[] data = new byte[14 << 20];
        new Random(5).nextBytes(data);
        Path file = app.dir().resolve("video.mp4");
        Files.write(file, data);
        StorageProfile sandbox = app.context().profiles().defaultProfile().orElseThrow();
        String id = service.enqueue(List.of(new UploadRequest(
                        file, TargetRef.profile(sandbox.id()), "sandbox", "clips/video.mp4", "video/mp4")))
                .transferIds()
                .get(0);

        robot.clickOn("#nav-transfers");
        // past 6 MiB with one request at a time: part 1 (5 MiB) is stored, so the pause below must keep it
        FxApp.waitUntil("the upload is visibly under way", 30, () -> {
            TransferSnapshot s = service.snapshot(id).orElseThrow();
            return s.state() == TransferState.RUNNING
                    && s.bytesDone() > (6L << 20)
                    && robot.lookup("#transfer-" + id).tryQuery().isPresent();
        });
        FxApp.waitUntil(
                "the totals show the speed",
                10,
                () -> robot.lookup("#transferTotals")
                        .queryAs(Label.class)
                        .getText()
                        .contains("/s"));
        // the table's first row was made on a hidden warm-up item (StepwiseRows): gone, and the real row is seen
        assertThat(robot.lookup("#transfer-warm-up").tryQuery()).isEmpty();
        assertThat(robot.lookup("#transfer-" + id).query().getOpacity()).isEqualTo(1.0);
        FxApp.screenshot(robot, stage, "transfers-running");

        robot.clickOn("#pause-" + id);
        FxApp.waitUntil("paused", 30, () -> service.snapshot(id).orElseThrow().state() == TransferState.PAUSED);
        FxApp.waitUntil(
                "the row shows Resume",
                10,
                () -> robot.lookup("#resume-" + id).tryQuery().isPresent());
        long pausedAt = service.snapshot(id).orElseThrow().bytesDone();
        assertThat(pausedAt).as("the first part is kept").isBetween(5L << 20, (long) data.length - 1);
        FxApp.waitUntil(
                "the totals count it as paused",
                10,
                () -> robot.lookup("#transferTotals")
                        .queryAs(Label.class)
                        .getText()
                        .startsWith("0 running · 0 queued · 1 paused"));
        FxApp.screenshot(robot, stage, "transfers-paused");

        engine.setBandwidthLimit(0);
        robot.clickOn("#resume-" + id);
        FxApp.waitUntil(
                "completed", 60, () -> service.snapshot(id).orElseThrow().state() == TransferState.COMPLETED);
        FxApp.waitUntil(
                "the table shows it done",
                10,
                () -> robot.lookup("#transferTotals")
                        .queryAs(Label.class)
                        .getText()
                        .contains("1 done"));

        var endpoint = app.context().sandbox().orElseThrow().ensureStarted();
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(endpoint.uri())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                endpoint.accessKeyId(), endpoint.secretAccessKey())))
                .forcePathStyle(true)
                .build()) {
            byte[] stored = s3.getObjectAsBytes(b -> b.bucket("sandbox").key("clips/video.mp4"))
                    .asByteArray();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            assertThat(HexFormat.of().formatHex(sha.digest(stored)))
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        }
        FxApp.screenshot(robot, stage, "transfers");

        // the state filter: failed shows none of a done upload, done shows it again; the totals count everything
        TableView<?> table = robot.lookup("#transferTable").queryAs(TableView.class);
        robot.interact(() -> robot.lookup("#stateFilter")
                .queryAs(ComboBox.class)
                .getSelectionModel()
                .select(StateFilter.FAILED));
        FxApp.waitUntil(
                "the failed filter hides the done upload",
                5,
                () -> table.getItems().isEmpty());
        assertThat(robot.lookup("#transferTotals").queryAs(Label.class).getText())
                .contains("1 done");
        robot.interact(() -> robot.lookup("#stateFilter")
                .queryAs(ComboBox.class)
                .getSelectionModel()
                .select(StateFilter.DONE));
        FxApp.waitUntil("the done filter shows it", 5, () -> table.getItems().size() == 1);
        robot.interact(() -> robot.lookup("#stateFilter")
                .queryAs(ComboBox.class)
                .getSelectionModel()
                .select(StateFilter.ALL));
    }
}
