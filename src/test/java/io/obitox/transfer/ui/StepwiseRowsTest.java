package io.obitox.transfer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.FxApp;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * How {@link StepwiseRows} feeds a real table in a real window (Monocle): nothing while the table is in no scene,
 * nothing in the pulse that puts it in one, then the warm-up item alone, then the real rows one a pulse and each as
 * an addition (a replacement makes the table rebuild every row it shows), and once warm a new page's first rows a
 * few a pulse, then the rest.
 */
@ExtendWith(ApplicationExtension.class)
class StepwiseRowsTest {
    private static final String WARM_UP = "warm-up";

    private StackPane holder;
    private TableView<String> table;
    private ObservableList<String> source;
    private StepwiseRows<String> rows;
    /** What the shown list went through, in order (FX thread only). */
    private final List<String> changes = new ArrayList<>();

    @Start
    void start(Stage stage) {
        holder = new StackPane();
        table = new TableView<>();
        source = FXCollections.observableArrayList();
        TableColumn<String, String> column = new TableColumn<>("name");
        column.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue()));
        table.getColumns().add(column);
        rows = new StepwiseRows<>(source, table, WARM_UP);
        table.setItems(rows.shown());
        rows.shown().addListener((ListChangeListener<String>) c -> {
            while (c.next()) {
                changes.add(
                        c.wasReplaced()
                                ? "replaced " + c.getRemoved() + " by " + c.getAddedSubList()
                                : c.wasAdded() ? "added " + c.getAddedSubList() : "removed " + c.getRemoved());
            }
        });
        stage.setScene(new Scene(holder, 400, 600));
        stage.show();
    }

    @Test
    void warmsUpOncePutInAWindowThenAddsOneRowAPulseUntilWarm(FxRobot robot) throws Exception {
        List<String> items = IntStream.range(0, 200).mapToObj(i -> "row " + i).toList();
        robot.interact(() -> source.setAll(items));
        pause(300);
        assertThat(fx(() -> List.copyOf(rows.shown())))
                .as("a table in no window is given no rows")
                .isEmpty();

        robot.interact(() -> holder.getChildren().add(table));
        FxApp.waitUntil(
                "the whole source is shown", 10, () -> fx(() -> rows.shown().equals(items)));

        List<String> seen = fx(() -> List.copyOf(changes));
        assertThat(seen.get(0)).isEqualTo("added [warm-up]");
        assertThat(seen.get(1)).isEqualTo("replaced [warm-up] by [row 0]");
        // then one row a change, each an addition, until the table has made a screenful and more
        for (int i = 1; i < StepwiseRows.WARM; i++) {
            assertThat(seen.get(1 + i)).isEqualTo("added [row " + i + "]");
        }
        assertThat(seen.get(StepwiseRows.WARM + 1))
                .as("warm: the rest at once")
                .isEqualTo("added " + items.subList(StepwiseRows.WARM, items.size()));
        assertThat(seen).hasSize(StepwiseRows.WARM + 2);
        assertThat(rows.isWarmUp(WARM_UP)).isTrue();
        assertThat(rows.isWarmUp("row 0")).isFalse();

        // warm, a new page: its first rows a few a pulse (a row given another item is styled anew), then the rest
        List<String> page2 = IntStream.range(200, 400).mapToObj(i -> "row " + i).toList();
        List<String> after = fx(() -> {
            changes.clear();
            source.setAll(page2);
            return List.copyOf(rows.shown());
        });
        assertThat(after.subList(0, StepwiseRows.TURN)).isEqualTo(page2.subList(0, StepwiseRows.TURN));
        assertThat(after.subList(StepwiseRows.TURN, after.size()))
                .isEqualTo(items.subList(StepwiseRows.TURN, items.size()));
        FxApp.waitUntil("the new page is shown", 10, () -> fx(() -> rows.shown().equals(page2)));
        List<String> turned = fx(() -> List.copyOf(changes));
        // never a replacement (the table would rebuild every row it shows): each step adds the new rows, then
        // removes the old ones, TURN of the first WARM at a time, then the rest
        List<String> expected = new ArrayList<>();
        for (int from = 0; from < StepwiseRows.WARM; from += StepwiseRows.TURN) {
            int to = Math.min(from + StepwiseRows.TURN, StepwiseRows.WARM);
            expected.add("added " + page2.subList(from, to));
            expected.add("removed " + items.subList(from, to));
        }
        expected.add("added " + page2.subList(StepwiseRows.WARM, page2.size()));
        expected.add("removed " + items.subList(StepwiseRows.WARM, items.size()));
        assertThat(turned).isEqualTo(expected);

        robot.interact(() -> holder.getChildren().clear());
        robot.interact(() -> holder.getChildren().add(table));
        pause(200);
        assertThat(fx(() -> List.copyOf(rows.shown()))).isEqualTo(page2);
    }

    /** Runs {@code work} on the FX thread and returns what it gives. */
    private static <T> T fx(java.util.concurrent.Callable<T> work) {
        return org.testfx.util.WaitForAsyncUtils.waitForAsyncFx(10_000, work);
    }

    /** Lets pulses pass, then waits for the FX thread to have run what they queued. */
    private static void pause(long millis) throws InterruptedException {
        Thread.sleep(millis);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }
}
