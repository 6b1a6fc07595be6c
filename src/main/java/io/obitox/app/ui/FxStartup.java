package io.obitox.app.ui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;
import org.slf4j.LoggerFactory;

/**
 * Starts the JavaFX toolkit on a thread of its own as the very first thing of a GUI launch, then lets the FX thread
 * wait for its first step (show the main window, or an alert).
 *
 * <p>Why: the toolkit's set-up (display connection, graphics pipeline, the theme's stylesheet) takes about half a
 * second, most of it native. Started first, it overlaps logging's set-up, the instance lock and the services instead
 * of following them. Nothing here may log before the launching thread has set up logging (SLF4J hands a second thread
 * that asks during the set-up a stand-in logger, which can end up silent), so the FX thread touches logging only in
 * the step it is given, or on an uncaught exception.
 *
 * <p>Threading: {@link #start} once, from the launching thread; {@link #then} once, from any thread but the FX thread.
 */
final class FxStartup {
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Runnable> firstStep = new CompletableFuture<>();

    private FxStartup() {}

    static FxStartup start(StartupTimes times) {
        FxStartup fx = new FxStartup();
        Thread starter = new Thread(
                () -> {
                    try {
                        Platform.setImplicitExit(true);
                        Platform.startup(() -> fx.onFxThread(times));
                    } catch (RuntimeException | Error noToolkit) {
                        fx.started.completeExceptionally(noToolkit);
                    }
                },
                "obitox-toolkit");
        // not a daemon: the toolkit's threads inherit it, and the FX thread must keep the JVM alive once the
        // launching thread returns
        starter.start();
        return fx;
    }

    private void onFxThread(StartupTimes times) {
        Thread.currentThread()
                .setUncaughtExceptionHandler(
                        (t, e) -> LoggerFactory.getLogger(GuiMain.class).error("Uncaught on FX thread", e));
        times.toolkitReady();
        started.complete(null);
        RuntimeException preloadFailed = null;
        try {
            Themes.preload(); // while the launching thread opens the services
        } catch (RuntimeException e) {
            preloadFailed = e; // only a head start was lost; logged once logging is set up
        }
        Runnable step = firstStep.join();
        if (preloadFailed != null) {
            LoggerFactory.getLogger(GuiMain.class).warn("Preloading the theme failed", preloadFailed);
        }
        step.run();
    }

    /**
     * Runs {@code step} on the FX thread once the toolkit is up; blocks until then. Returns false, without running
     * it, when the toolkit could not start (no display): see {@link #failure()}.
     */
    boolean then(Runnable step) {
        firstStep.complete(step);
        return failure() == null;
    }

    /** Why the toolkit could not start, or null when it started. Blocks until one or the other. */
    Throwable failure() {
        try {
            started.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause() == null ? e : e.getCause();
        }
    }
}
