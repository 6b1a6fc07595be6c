package io.obitox.cors.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.FxApp;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the Buckets view and the CORS wizard window in TestFX tests. */
final class WizardRobot {
    static final String TITLE = "CORS for browser uploads";
    private final FxRobot robot;

    WizardRobot(FxRobot robot) {
        this.robot = robot;
    }

    /** Shows the Buckets view and selects {@code bucket} in its list. */
    void selectBucket(String bucket) {
        robot.clickOn("#nav-buckets");
        FxApp.waitUntil(
                "bucket " + bucket + " listed",
                30,
                () -> robot.lookup("#bucketList .list-cell").queryAllAs(Labeled.class).stream()
                        .anyMatch(c -> bucket.equals(c.getText())));
        Node cell = robot.lookup("#bucketList .list-cell").queryAllAs(Labeled.class).stream()
                .filter(c -> bucket.equals(c.getText()))
                .findFirst()
                .orElseThrow();
        robot.clickOn(cell);
        FxApp.waitUntil("CORS buttons enabled", 10, () -> !button("#corsButton").isDisabled());
    }

    /** Clicks a Buckets-view button that opens the wizard and returns the wizard's window. */
    Stage open(String buttonId) {
        robot.clickOn(buttonId);
        FxApp.waitUntil("wizard window", 10, () -> wizardOrNull() != null);
        return wizardOrNull();
    }

    Stage wizardOrNull() {
        return robot.listTargetWindows().stream()
                .filter(w -> w instanceof Stage s && TITLE.equals(s.getTitle()) && s.isShowing())
                .map(w -> (Stage) w)
                .findFirst()
                .orElse(null);
    }

    Button button(String id) {
        return robot.lookup(id).queryAs(Button.class);
    }

    String text(String id) {
        return robot.lookup(id).queryAs(Labeled.class).getText();
    }

    void waitForText(String id, String part, int seconds) {
        FxApp.waitUntil(id + " to contain '" + part + "'", seconds, () -> {
            String t = text(id);
            return t != null && t.contains(part);
        });
    }

    void next() {
        FxApp.waitUntil("Next enabled", 30, () -> !button("#wizardNext").isDisabled());
        robot.clickOn("#wizardNext");
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until the last step has its check results and is idle. */
    void waitForChecks() {
        FxApp.waitUntil("check results", 60, () -> {
            ListView<?> list = robot.lookup("#corsCheckList").queryAs(ListView.class);
            return !list.getItems().isEmpty() && !button("#verifyAgain").isDisabled();
        });
    }

    <T> T onFx(Callable<T> read) {
        Object[] out = new Object[1];
        robot.interact(() -> {
            try {
                out[0] = read.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        @SuppressWarnings("unchecked")
        T t = (T) out[0];
        return t;
    }

    static void assertShot(java.nio.file.Path png) {
        assertThat(png).exists().isNotEmptyFile();
    }
}
