package io.obitox.app.ui;

import io.obitox.app.AppContext;
import io.obitox.app.AppHome;
import io.obitox.app.InstanceLock;
import io.obitox.common.ui.UiTasks;
import io.obitox.storage.S3Errors;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the GUI: one instance per app home, the services opened before the toolkit, then the main window. Uses
 * {@link Platform#startup} instead of an {@code Application} subclass so the context is passed by constructor,
 * not through a static field.
 */
public final class GuiMain {
    private static final Logger log = LoggerFactory.getLogger(GuiMain.class);

    private GuiMain() {}

    public static void launch(AppHome home, List<Path> files) {
        Optional<InstanceLock> lock;
        AppContext app;
        ViewFactory.Startup startup;
        try {
            home.create();
            lock = InstanceLock.tryAcquire(home);
            if (lock.isEmpty()) {
                String msg = "ObitoX is already running with the data folder " + home.root()
                        + ". Switch to its window, or start this one with another --home.";
                System.err.println(msg);
                showAndExit("ObitoX is already running", msg, 3);
                return;
            }
            app = AppContext.open(home);
            startup = ViewFactory.Startup.load(app);
            AppContext started = app;
            app.background().execute(() -> resumeInterrupted(started));
        } catch (RuntimeException e) {
            log.error("Start failed", e);
            String msg = S3Errors.describe(e).oneLine();
            System.err.println("ObitoX could not start: " + msg);
            showAndExit("ObitoX could not start", msg, 1);
            return;
        }
        InstanceLock held = lock.get();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.close();
                            held.close();
                        },
                        "obitox-shutdown"));
        Platform.setImplicitExit(true);
        Platform.startup(() -> {
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> log.error("Uncaught on FX thread", e));
            UiTasks tasks = new UiTasks(app.background());
            ViewFactory views = new ViewFactory(app, tasks, startup);
            Stage stage = new Stage();
            Scene scene = Themes.mainScene(views);
            stage.setTitle("ObitoX");
            stage.setScene(scene);
            stage.setMinWidth(900);
            stage.setMinHeight(600);
            stage.setOnHidden(e -> Platform.exit());
            stage.show();
        });
    }

    /** Transfers a crash or kill interrupted go on (or wait paused, when the user turned auto-resume off). */
    private static void resumeInterrupted(AppContext app) {
        try {
            boolean auto = app.transfers().engine().settings().autoResume();
            int n = app.transfers().engine().recover(false, auto);
            if (n > 0) {
                log.info("{} interrupted transfer(s) {}", n, auto ? "resumed" : "marked paused");
            }
        } catch (RuntimeException e) {
            log.warn("Could not resume interrupted transfers", e);
        }
    }

    private static void showAndExit(String title, String message, int status) {
        try {
            Platform.startup(() -> {
                Alert a = new Alert(Alert.AlertType.INFORMATION, message);
                a.setTitle(title);
                a.setHeaderText(title);
                a.showAndWait();
                Platform.exit();
                System.exit(status);
            });
        } catch (RuntimeException | Error noDisplay) {
            System.exit(status);
        }
    }
}
