package io.obitox.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.app.InstanceLock;
import io.obitox.app.InstanceServer;
import io.obitox.common.ui.UiTasks;
import io.obitox.testing.ChildProcess;
import io.obitox.testing.FxApp;
import io.obitox.testing.TestApp;
import io.obitox.upload.ui.ReadyFile;
import io.obitox.validation.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The running window of an app home takes the files of a second launch: a real second JVM started through
 * ObitoX's entry point with a file argument ends at once, and the file shows up in this window's Upload view.
 */
@ExtendWith(ApplicationExtension.class)
class SecondLaunchTest {
    private static TestApp app;
    private static InstanceLock lock;
    private static InstanceServer server;

    @BeforeAll
    static void createApp() throws IOException {
        app = TestApp.create("second-launch");
        lock = InstanceLock.tryAcquire(app.home()).orElseThrow();
        server = InstanceServer.start(app.home());
    }

    @AfterAll
    static void close() {
        server.close();
        lock.close();
        app.close();
    }

    @Start
    void start(Stage stage) {
        UiTasks tasks = new UiTasks(app.context().background());
        ViewFactory views = new ViewFactory(app.context(), tasks, ViewFactory.Startup.load(app.context()));
        views.mainWindowViewModel().show(Section.SETTINGS); // the second launch must bring the Upload view back
        stage.setScene(new Scene(views.mainWindow(), 1180, 760));
        stage.show();
        GuiMain.acceptLaunches(server, views.mainWindowViewModel(), tasks);
    }

    @Test
    void aSecondLaunchWithAFileAddsItToTheRunningWindowsUploadViewAndEnds(FxRobot robot) throws Exception {
        Path photo = app.dir().resolve("from the file manager/beach photo.png");
        Files.createDirectories(photo.getParent());
        Files.write(photo, Corpus.png());

        Process second = ChildProcess.start(
                app.dir(),
                "second-launch",
                Map.of(),
                List.of(),
                List.of("--home", app.home().root().toString(), photo.toString()),
                ChildProcess.productionClasspath());
        assertThat(second.waitFor(60, TimeUnit.SECONDS))
                .as("the second launch ends by itself")
                .isTrue();
        String out = Files.readString(app.dir().resolve("second-launch.out"));
        assertThat(second.exitValue())
                .as("exit status; stderr: %s", Files.readString(app.dir().resolve("second-launch.err")))
                .isZero();
        assertThat(out).contains("ObitoX is already running").contains("1 file(s) handed over");

        FxApp.waitUntil(
                "the Upload view is shown",
                10,
                () -> robot.lookup("#uploadView")
                        .tryQuery()
                        .map(n -> n.isVisible() && n.getScene() != null)
                        .orElse(false));
        @SuppressWarnings("unchecked")
        TableView<ReadyFile> ready = robot.lookup("#readyTable").queryAs(TableView.class);
        FxApp.waitUntil(
                "the handed-over file is checked and ready",
                30,
                () -> ready.getItems().stream().anyMatch(r -> r.path().equals(photo)),
                () -> "ready: " + ready.getItems());
        assertThat(ready.getItems()).extracting(ReadyFile::path).containsExactly(photo);
    }
}
