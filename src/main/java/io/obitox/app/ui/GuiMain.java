package io.obitox.app.ui;

import io.obitox.app.AppContext;
import io.obitox.app.AppHome;
import io.obitox.app.FrontEnds;
import io.obitox.app.InstanceClient;
import io.obitox.app.InstanceLock;
import io.obitox.app.InstanceServer;
import io.obitox.common.Messages;
import io.obitox.common.ui.HeldExecutor;
import io.obitox.common.ui.UiTasks;
import io.obitox.storage.S3Errors;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the GUI: one window per app home, the services opened on their own thread while the toolkit starts, then the
 * main window. A second launch of the same home hands its files to the first one and ends. Uses
 * {@link Platform#startup} instead of an {@code Application} subclass so the context is passed by constructor, not
 * through a static field.
 */
public final class GuiMain {
    /** Not a static field: loading this class must not set up logging, which starts after the toolkit (FxStartup). */
    private static Logger log() {
        return LoggerFactory.getLogger(GuiMain.class);
    }

    /**
     * Diagnostics switch: {@code OBITOX_STARTUP_PROBE=1} prints the start-up times once the main window has painted
     * its first frame, then closes it and exits 0. Used by the packaging build (class-data training) and benchmarks.
     */
    public static final String STARTUP_PROBE_ENV = "OBITOX_STARTUP_PROBE";

    /** How long a second launch waits for the running window to take its files (it may be starting itself). */
    private static final Duration FORWARD_PATIENCE = Duration.ofSeconds(15);
    /** Background work of the views waits for the first frame, but never longer than this. */
    private static final Duration BACKGROUND_HOLD_LIMIT = Duration.ofSeconds(5);

    /** Exit status of a second launch whose files the running window did not take. */
    static final int NOT_HANDED_OVER = 3;

    private GuiMain() {}

    /** What the services thread prepares while the toolkit starts. */
    private record Opened(AppContext app, ViewFactory.Startup startup, Optional<String> geometry) {}

    /** The window for the {@code Launcher} (META-INF/services/io.obitox.app.FrontEnds$Window). */
    public static final class FrontEnd implements FrontEnds.Window {
        @Override
        public void launch(AppHome home, List<Path> files) {
            GuiMain.launch(home, files);
        }
    }

    public static void launch(AppHome home, List<Path> files) {
        StartupTimes times = StartupTimes.start();
        FxStartup fx = FxStartup.start(times);
        // Logging is set up here, while the toolkit starts, and before any other thread of ours asks for a logger.
        LoggerFactory.getILoggerFactory();
        List<Path> absolute = files.stream()
                .map(p -> p.toAbsolutePath().normalize())
                .distinct()
                .toList();
        Optional<InstanceLock> lock;
        try {
            home.create();
            lock = InstanceLock.tryAcquire(home);
        } catch (RuntimeException e) {
            failBeforeWindow(fx, e);
            return;
        }
        if (lock.isEmpty()) {
            handToRunningInstance(fx, home, absolute);
            return;
        }
        InstanceLock held = lock.get();

        // The services (database, profiles, transfer queue) open on their own thread while the toolkit starts on
        // another: the two take about as long, and the machine has more than one core.
        CompletableFuture<Opened> opening = new CompletableFuture<>();
        Thread opener = new Thread(
                () -> {
                    try {
                        opening.complete(open(home));
                        times.servicesReady();
                    } catch (Throwable t) {
                        opening.completeExceptionally(t);
                    }
                },
                "obitox-open");
        opener.start();
        // after the services started opening: the database is the longest part of the start; a later launch that
        // asks before this listens waits for it
        InstanceServer server = listen(home);

        if (!fx.then(() -> showMainWindow(opening, held, server, absolute, times))) {
            Throwable noToolkit = fx.failure();
            log().error("Could not start the window toolkit", noToolkit);
            System.err.println(startText().get("app.start.noWindow", String.valueOf(noToolkit.getMessage())));
            System.exit(1);
        }
    }

    private static Opened open(AppHome home) {
        AppContext app = AppContext.open(home);
        try {
            ViewFactory.Startup startup = ViewFactory.Startup.load(app);
            return new Opened(app, startup, app.settings().get(StageGeometry.SETTING));
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    private static InstanceServer listen(AppHome home) {
        try {
            return InstanceServer.start(home);
        } catch (IOException | RuntimeException e) {
            // the window still works; later launches then say that this one did not answer
            log().warn("Cannot listen for later launches of ObitoX", e);
            return null;
        }
    }

    /** FX thread. Waits for the services, then builds and shows the main window. */
    private static void showMainWindow(
            CompletableFuture<Opened> opening,
            InstanceLock held,
            InstanceServer server,
            List<Path> files,
            StartupTimes times) {
        Opened opened;
        try {
            opened = opening.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            log().error("Start failed", cause);
            Messages text = startText();
            String msg = text.oneLine(S3Errors.describe(cause));
            System.err.println(text.get("app.start.couldNotStart", msg));
            alert(text.get("app.alert.couldNotStart"), msg, 1).run();
            return;
        }
        AppContext app = opened.app();
        DesktopIntegration desktop =
                new DesktopIntegration(app, opened.startup().messages());
        // Closed once: by the window's exit before the JVM stops, or by the shutdown hook on a signal. The exit path
        // closes before System.exit because H2 closes its database in a shutdown hook of its own, which would race
        // ours and leave the webhook dispatcher unable to put its in-flight deliveries back.
        AtomicBoolean closed = new AtomicBoolean();
        Runnable closeAll = () -> {
            if (closed.compareAndSet(false, true)) {
                desktop.close();
                if (server != null) {
                    server.close();
                }
                app.close();
                held.close();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(closeAll, "obitox-shutdown"));

        // the views' background work waits for the first frame (or a few seconds), see HeldExecutor
        HeldExecutor background = new HeldExecutor(app.background());
        CompletableFuture.delayedExecutor(BACKGROUND_HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                .execute(background::open);
        UiTasks tasks = new UiTasks(background);
        ViewFactory views = new ViewFactory(app, tasks, opened.startup());
        MainWindowViewModel vm = views.mainWindowViewModel();
        vm.addPendingFiles(files);

        Stage stage = new Stage();
        Scene scene = Themes.mainScene(views);
        stage.setTitle("ObitoX");
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        StageGeometry geometry = StageGeometry.restore(stage, opened.geometry());
        vm.frontRequestsProperty().addListener((o, a, b) -> toFront(stage));
        stage.setOnHidden(e -> {
            saveGeometry(app, geometry);
            exit(closeAll);
        });
        if (server != null) {
            acceptLaunches(server, vm, tasks);
        }
        boolean probe = "1".equals(System.getenv(STARTUP_PROBE_ENV));
        times.onFirstFrame(scene, () -> {
            background.open();
            log().info("Main window ready: {}", times.summary());
            desktop.start(stage, vm, tasks);
            if (probe) {
                System.out.println("startup: " + times.summary());
                System.out.flush();
                // and exits, as when the user closes the window; after this pulse, since a window cannot be hidden
                // while the toolkit renders
                tasks.onUi(stage::hide);
            }
        });
        stage.show();
        times.windowShown();
    }

    /** Files of later launches go to the Upload view, and the window comes to the front when they ask. */
    static void acceptLaunches(InstanceServer server, MainWindowViewModel vm, UiTasks tasks) {
        server.deliverTo(request -> tasks.onUi(() -> {
            vm.addPendingFiles(request.files());
            if (request.bringToFront()) {
                vm.requestFront();
            }
            log().info("Another launch handed over {} file(s)", request.files().size());
        }));
    }

    private static void saveGeometry(AppContext app, StageGeometry geometry) {
        try {
            // one short statement while the window closes; the services close right after
            app.settings().put(StageGeometry.SETTING, geometry.current());
        } catch (RuntimeException e) {
            log().warn("Could not save the window position", e);
        }
    }

    /**
     * Ends ObitoX once the window is closed. The toolkit alone ending is not enough: the sandbox's server threads
     * would keep the process alive. Closes the services, lock and listener, then exits the JVM, on a thread of its
     * own so that neither waits for the FX thread.
     */
    private static void exit(Runnable closeAll) {
        new Thread(
                        () -> {
                            closeAll.run();
                            System.exit(0);
                        },
                        "obitox-exit")
                .start();
        Platform.exit();
    }

    private static void toFront(Stage stage) {
        if (stage.isIconified()) {
            stage.setIconified(false);
        }
        if (!stage.isShowing()) {
            stage.show();
        }
        stage.toFront();
        stage.requestFocus();
    }

    /** A second launch of this app home: give the running window our files (or just raise it) and end. */
    private static void handToRunningInstance(FxStartup fx, AppHome home, List<Path> files) {
        InstanceClient.Result r = InstanceClient.forward(home, files, FORWARD_PATIENCE);
        Messages text = startText();
        if (r.delivered()) {
            System.out.println(text.get("app.start.handedOver", home.root(), text.render(r.reason())));
            System.exit(0);
        }
        String msg = text.get("app.alert.alreadyRunningText", home.root(), text.render(r.reason()));
        System.err.println(msg);
        alertAndExit(fx, text.get("app.alert.alreadyRunning"), msg, NOT_HANDED_OVER);
    }

    private static void failBeforeWindow(FxStartup fx, RuntimeException e) {
        log().error("Start failed", e);
        Messages text = startText();
        String msg = text.oneLine(S3Errors.describe(e));
        System.err.println(text.get("app.start.couldNotStart", msg));
        alertAndExit(fx, text.get("app.alert.couldNotStart"), msg, 1);
    }

    /**
     * The texts of the start: the dialogs shown when it fails and what goes to the terminal. In the system's
     * language, since the language setting lives in the data folder that may be what could not be opened; the
     * terminal gets the same language, as the command line does.
     */
    private static Messages startText() {
        return Messages.of(Locale.getDefault());
    }

    /** Shows {@code message} in a dialog on the FX thread once the toolkit is up, then exits with {@code status}. */
    private static void alertAndExit(FxStartup fx, String title, String message, int status) {
        if (!fx.then(alert(title, message, status))) {
            System.exit(status); // no display: the message went to stderr
        }
    }

    /** FX thread: the dialog, then the exit. */
    private static Runnable alert(String title, String message, int status) {
        return () -> {
            Alert a = new Alert(Alert.AlertType.INFORMATION, message);
            a.setTitle(title);
            a.setHeaderText(title);
            a.showAndWait();
            Platform.exit();
            System.exit(status);
        };
    }
}
