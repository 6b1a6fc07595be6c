package io.obitox.storage.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.storage.ObjectEntry;
import io.obitox.storage.SandboxAccess;
import io.obitox.testing.FxApp;
import io.obitox.testing.TestApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Paging in the default suite (the 100,000-key run is {@code BigPrefixBrowseTest}, tagged {@code bench}): 2,500 keys
 * in the sandbox, written as files of its filesystem store. The first page of 1,000 shows while the FX thread keeps
 * answering; scrolling to the last row fetches the second page; "Load more" pressed twice before it answers fetches the
 * third page once (no key listed twice); the filter works on all three pages.
 */
@ExtendWith(ApplicationExtension.class)
class BrowsePagingTest {
    private static final int KEYS = 2500;
    private static TestApp app;

    @BeforeAll
    static void createApp() throws IOException {
        app = TestApp.create("browse-paging");
        SandboxAccess sandbox = app.context().sandbox().orElseThrow();
        sandbox.ensureStarted();
        Path logs = app.home().sandbox().resolve("data/sandbox/logs");
        Files.createDirectories(logs);
        for (int i = 0; i < KEYS; i++) {
            Files.createFile(logs.resolve(String.format("k%04d.txt", i)));
        }
        Files.writeString(app.home().sandbox().resolve("data/sandbox/top.txt"), "top");
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Start
    void start(Stage stage) {
        FxApp.show(app, stage);
    }

    @Test
    void firstPageAtOnceScrollLoadsTheNextLoadMoreFetchesEachPageOnceFilterSeesAll(FxRobot robot) throws Exception {
        robot.clickOn("#nav-buckets");
        @SuppressWarnings("unchecked")
        TableView<ObjectEntry> objects = robot.lookup("#objectTable").queryAs(TableView.class);
        Button more = robot.lookup("#loadMoreButton").queryAs(Button.class);
        Label status = robot.lookup("#bucketStatus").queryAs(Label.class);
        FxApp.waitUntil(
                "the sandbox is open",
                30,
                () -> objects.getItems().stream().anyMatch(e -> e.key().equals("logs/")));

        long started = System.nanoTime();
        robot.doubleClickOn("logs/");
        AtomicLong worstFxDelayMs = new AtomicLong();
        int answeredWhileLoading = 0;
        // the click returns before the page is there (a listing on the FX thread would end inside the click)
        while (objects.getItems().size() < 1000 && System.nanoTime() - started < 30_000_000_000L) {
            long posted = System.nanoTime();
            CountDownLatch ran = new CountDownLatch(1);
            Platform.runLater(ran::countDown);
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            worstFxDelayMs.accumulateAndGet((System.nanoTime() - posted) / 1_000_000, Math::max);
            answeredWhileLoading++;
            Thread.sleep(20);
        }
        long firstPageMs = (System.nanoTime() - started) / 1_000_000;
        FxApp.waitUntil("the first page settled", 10, () -> !objects.getItems().isEmpty() && more.isVisible());
        assertThat(objects.getItems()).hasSize(1000);
        assertThat(objects.getItems().get(0).key()).isEqualTo("logs/k0000.txt");
        assertThat(status.getText()).contains("1000 object(s) so far (more available)");
        System.out.printf(
                "2,500-key prefix: first page after %d ms, worst FX-thread delay %d ms (%d answers while loading)%n",
                firstPageMs, worstFxDelayMs.get(), answeredWhileLoading);
        assertThat(firstPageMs).as("first page").isLessThan(10_000);
        // answeredWhileLoading is 0 when the page was there before the double-click returned (a quiet machine lists
        // 1,000 keys from S3Proxy within the click): that proves nothing either way, so only the delays measured
        // while the page was still loading are held to a bound
        // 500 ms on a quiet machine; on a loaded one (load 9 on 2 cores: 1 s) still well under the load itself
        assertThat(worstFxDelayMs.get()).as("FX thread delay while listing").isLessThan(Math.max(500, firstPageMs / 2));
        FxApp.screenshot(robot, (Stage) objects.getScene().getWindow(), "buckets-paged");

        // the scroll bar at its end asks for the next page, with no click
        robot.interact(() -> objects.scrollTo(999));
        FxApp.waitUntil(
                "the second page after scrolling to the end",
                30,
                // rows and the button change in one FX-thread step, which this thread may see half-way
                () -> objects.getItems().size() == 2000 && more.isVisible(),
                () -> objects.getItems().size() + " rows, load more visible: " + more.isVisible());

        // pressed twice before the third page is back: one request for it, every key once
        robot.interact(() -> {
            more.fire();
            more.fire();
        });
        FxApp.waitUntil(
                "the last page",
                30,
                () -> !more.isVisible(),
                () -> objects.getItems().size() + " rows");
        Thread.sleep(1500); // a second answer for the same page, had one been asked for, arrives in this time
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(objects.getItems()).hasSize(KEYS);
        assertThat(objects.getItems().stream().map(ObjectEntry::key).distinct().count())
                .isEqualTo(KEYS);
        assertThat(status.getText()).contains("2500 object(s).");

        TextField filter = robot.lookup("#filterField").queryAs(TextField.class);
        robot.interact(() -> filter.setText("k249"));
        FxApp.waitUntil("filtered", 10, () -> objects.getItems().size() == 10);
        assertThat(objects.getItems())
                .extracting(ObjectEntry::key)
                .allSatisfy(k -> assertThat(k).startsWith("logs/k249"));
        robot.interact(() -> filter.setText(""));
        FxApp.waitUntil("unfiltered", 10, () -> objects.getItems().size() == KEYS);
    }
}
