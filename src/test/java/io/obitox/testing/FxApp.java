package io.obitox.testing;

import io.obitox.app.ui.Themes;
import io.obitox.app.ui.ViewFactory;
import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Builds the real main window of a {@link TestApp} for TestFX tests, and takes screenshots of it into
 * {@code docs/screenshots} (the folder the build passes as {@code obitox.screenshots.dir}).
 */
public final class FxApp {
    private FxApp() {}

    /**
     * Shows the main window of {@code app} on {@code stage}; call from a TestFX {@code @Start} method. In English
     * unless the test chose a language (the setting {@code ui.language}): tests find nodes by their English text,
     * whatever the language of the machine they run on.
     */
    public static ViewFactory show(TestApp app, Stage stage) {
        if (app.context().settings().get(Messages.SETTING).isEmpty()) {
            app.context().settings().put(Messages.SETTING, "en");
        }
        UiTasks tasks = new UiTasks(app.context().background());
        ViewFactory views = new ViewFactory(app.context(), tasks, ViewFactory.Startup.load(app.context()));
        Scene scene = Themes.mainScene(views);
        stage.setScene(scene);
        stage.setWidth(1180);
        stage.setHeight(760);
        stage.show();
        return views;
    }

    public static void waitUntil(String what, int seconds, BooleanSupplier condition) {
        waitUntil(what, seconds, condition, () -> "");
    }

    /** As {@link #waitUntil(String, int, BooleanSupplier)}; {@code state} describes what was seen on a timeout. */
    public static void waitUntil(String what, int seconds, BooleanSupplier condition, Supplier<String> state) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> holds(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("Timed out after " + seconds + " s waiting until " + what + ". " + state.get());
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * The condition, read from the test's thread while the FX thread may be changing what it looks at: a list that
     * changed under its iteration, or a node lookup that met a child being removed (a NullPointerException inside
     * JavaFX's own {@code lookupAll}), is still changing, so that reading counts as "not yet" and the next poll looks
     * again. Any other exception, a NullPointerException of the test's own included, fails the wait as before.
     */
    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (java.util.ConcurrentModificationException | IndexOutOfBoundsException changing) {
            return false;
        } catch (NullPointerException e) {
            StackTraceElement[] at = e.getStackTrace();
            if (at.length > 0 && at[0].getClassName().startsWith("javafx.scene.")) {
                return false;
            }
            throw e;
        }
    }

    /** Writes the stage's scene to {@code docs/screenshots/NAME.png}. */
    public static Path screenshot(FxRobot robot, Stage stage, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = stage.getScene().snapshot(null));
        Path dir = Path.of(System.getProperty("obitox.screenshots.dir", "target/screenshots"));
        Path file = dir.resolve(name + ".png");
        try {
            Png.write(image[0], file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
