package io.obitox.transfer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.testing.FxApp;
import io.obitox.testing.TestApp;
import io.obitox.transfer.DownloadFiles;
import io.obitox.transfer.DownloadService;
import io.obitox.transfer.TransferEngine;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import io.obitox.transfer.UploadRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A download in the Transfers view (issue 18): shown with ↓, paused, resumed and cancelled from its row. */
@ExtendWith(ApplicationExtension.class)
class TransfersDownloadViewTest {
    private static TestApp app;
    private Stage stage;

    @BeforeAll
    static void createApp() {
        app = TestApp.create("transfers-download-view");
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
    void aDownloadShowsItsDirectionAndIsPausedResumedAndCancelledFromItsRow(FxRobot robot) throws Exception {
        TransferService service = app.context().transfers();
        TransferEngine engine = service.engine();
        engine.updateSettings(engine.settings()
                .withPartSize(5L << 20)
                .withMultipartThreshold(5L << 20)
                .withConcurrency(1));
        byte[] data = new byte[14 << 20];
        new Random(8).nextBytes(data);
        Path file = app.dir().resolve("up/video.mp4");
        Files.createDirectories(file.getParent());
        Files.write(file, data);
        StorageProfile sandbox = app.context().profiles().defaultProfile().orElseThrow();
        TargetRef ref = TargetRef.profile(sandbox.id());
        List<String> up = service.enqueue(
                        List.of(new UploadRequest(file, ref, "sandbox", "clips/video.mp4", "video/mp4")))
                .transferIds();
        assertThat(service.awaitSettled(up, Duration.ofSeconds(60))).isTrue();

        engine.setBandwidthLimit(3L << 20);
        Path dest = app.dir().resolve("down/video.mp4");
        String id = app.context()
                .downloads()
                .download(ref, "sandbox", "clips/video.mp4", dest, DownloadService.IfExists.OVERWRITE)
                .transferIds()
                .get(0);
        robot.clickOn("#nav-transfers");
        FxApp.waitUntil("the download is visibly under way", 30, () -> {
            TransferSnapshot s = service.snapshot(id).orElseThrow();
            return s.state() == TransferState.RUNNING
                    && s.bytesDone() > (6L << 20)
                    && robot.lookup("#transfer-" + id).tryQuery().isPresent();
        });
        TableRow<?> row = robot.lookup("#transfer-" + id).queryAs(TableRow.class);
        assertThat(robot.from(row).lookup("↓").tryQuery()).isPresent();
        assertThat(robot.from(robot.lookup("#transfer-" + up.get(0)).queryAs(TableRow.class))
                        .lookup("↑")
                        .tryQuery())
                .isPresent();
        FxApp.screenshot(robot, stage, "transfers-download");

        robot.clickOn("#pause-" + id);
        FxApp.waitUntil("paused", 30, () -> service.snapshot(id).orElseThrow().state() == TransferState.PAUSED);
        long pausedAt = service.snapshot(id).orElseThrow().bytesDone();
        assertThat(pausedAt).as("the first part is kept").isBetween(5L << 20, (long) data.length - 1);
        assertThat(DownloadFiles.partFile(dest)).exists();

        engine.setBandwidthLimit(0);
        FxApp.waitUntil(
                "the row shows Resume",
                10,
                () -> robot.lookup("#resume-" + id).tryQuery().isPresent());
        robot.clickOn("#resume-" + id);
        FxApp.waitUntil(
                "completed", 60, () -> service.snapshot(id).orElseThrow().state() == TransferState.COMPLETED);
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);

        engine.setBandwidthLimit(2L << 20);
        Path other = app.dir().resolve("down/again.mp4");
        String second = app.context()
                .downloads()
                .download(ref, "sandbox", "clips/video.mp4", other, DownloadService.IfExists.OVERWRITE)
                .transferIds()
                .get(0);
        FxApp.waitUntil(
                "the second download runs",
                30,
                () -> service.snapshot(second).orElseThrow().bytesDone() > 0
                        && robot.lookup("#cancel-" + second).tryQuery().isPresent());
        robot.clickOn("#cancel-" + second);
        FxApp.waitUntil(
                "cancelled", 30, () -> service.snapshot(second).orElseThrow().state() == TransferState.CANCELLED);
        assertThat(other).doesNotExist();
        assertThat(DownloadFiles.partFile(other))
                .as("a cancelled download leaves nothing")
                .doesNotExist();
        engine.setBandwidthLimit(0);
    }
}
