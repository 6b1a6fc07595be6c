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
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A prefix of 100,000 keys in the sandbox (written as files of its filesystem store, which is how S3Proxy keeps
 * objects: seconds instead of minutes of PUTs): the first page shows at once, the FX thread keeps answering while
 * pages load, the filter works on what is listed, and "search from here" walks all 100,000. Tagged {@code bench}
 * (about a minute on 2 cores): {@code mvn -B -o test -Dtest=BigPrefixBrowseTest -Dtest.excludedGroups= }.
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class BigPrefixBrowseTest {
    private static final int KEYS = 100_000;
    private static TestApp app;

    @BeforeAll
    static void createApp() throws IOException {
        app = TestApp.create("big-prefix");
        SandboxAccess sandbox = app.context().sandbox().orElseThrow();
        sandbox.ensureStarted();
        Path big = app.home().sandbox().resolve("data/sandbox/big");
        Files.createDirectories(big);
        for (int i = 0; i < KEYS; i++) {
            Files.createFile(big.resolve(String.format("k%06d.bin", i)));
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
    void firstPageAtOnceFxThreadFreeFilterAndSearchThroughAll(FxRobot robot) throws Exception {
        robot.clickOn("#nav-buckets");
        @SuppressWarnings("unchecked")
        TableView<ObjectEntry> objects = robot.lookup("#objectTable").queryAs(TableView.class);
        FxApp.waitUntil(
                "the sandbox is open",
                30,
                () -> objects.getItems().stream().anyMatch(e -> e.key().equals("big/")));

        long started = System.nanoTime();
        robot.doubleClickOn("big/");
        AtomicLong worstFxDelayMs = new AtomicLong();
        // while the page loads, the FX thread must keep running what is posted to it
        while (objects.getItems().size() < 1000 && System.nanoTime() - started < 30_000_000_000L) {
            long posted = System.nanoTime();
            CountDownLatch ran = new CountDownLatch(1);
            Platform.runLater(ran::countDown);
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            worstFxDelayMs.accumulateAndGet((System.nanoTime() - posted) / 1_000_000, Math::max);
            Thread.sleep(20);
        }
        long firstPageMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(objects.getItems()).hasSize(1000);
        assertThat(objects.getItems().get(0).key()).isEqualTo("big/k000000.bin");
        String status = robot.lookup("#bucketStatus").queryAs(Label.class).getText();
        assertThat(status).contains("1000 object(s) so far (more available)");
        System.out.printf(
                "100,000-key prefix: first page after %d ms, worst FX-thread delay %d ms%n",
                firstPageMs, worstFxDelayMs.get());
        assertThat(firstPageMs).as("first page of 100,000 keys").isLessThan(10_000);
        assertThat(worstFxDelayMs.get()).as("FX thread delay while listing").isLessThan(500);

        robot.clickOn("#loadMoreButton");
        FxApp.waitUntil("the second page", 30, () -> objects.getItems().size() == 2000);

        TextField filter = robot.lookup("#filterField").queryAs(TextField.class);
        robot.interact(() -> filter.setText("k0015"));
        FxApp.waitUntil("filtered", 10, () -> objects.getItems().size() == 100);
        assertThat(objects.getItems()).allSatisfy(e -> assertThat(e.key()).contains("k0015"));

        robot.interact(() -> filter.setText("k09999"));
        long searchStarted = System.nanoTime();
        robot.clickOn("#searchButton");
        FxApp.waitUntil(
                "found in all 100,000",
                120,
                () -> objects.getItems().size() == 10
                        && robot.lookup("#bucketStatus")
                                .queryAs(Label.class)
                                .getText()
                                .contains("searched"));
        System.out.printf(
                "search from here through 100,000 keys: %d ms%n", (System.nanoTime() - searchStarted) / 1_000_000);
        assertThat(objects.getItems().get(9).key()).isEqualTo("big/k099999.bin");
        assertThat(robot.lookup("#bucketStatus").queryAs(Label.class).getText()).contains("searched 100000 key(s)");
        FxApp.screenshot(robot, (Stage) objects.getScene().getWindow(), "buckets-search-100k");
    }
}
