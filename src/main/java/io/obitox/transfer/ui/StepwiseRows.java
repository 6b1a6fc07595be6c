package io.obitox.transfer.ui;

import java.util.List;
import java.util.Objects;
import javafx.animation.AnimationTimer;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;

/**
 * The rows a table shows, following a source list, but the first time the table fills only a few rows more per FX
 * pulse. A table makes a row's skin, cells and styles the first time it shows that many rows (some 20 ms a row on
 * the two shared cores under load): the first page of a full queue appearing at once held the FX thread for 130-410
 * ms (HundredThousandDropTest); three rows a pulse still left gaps of 150-260 ms at load 10, two
 * of 140-250 ms at load 14. Once the table has made rows for {@link #WARM} items it keeps them and reuses them
 * for any page, so later changes are followed in the same pulse.
 *
 * <p>Two things made each step cost more than its row. Rows were given by {@code setAll}, which a table takes as its
 * items replaced and answers by rebuilding every row it shows (TableViewSkinBase): a step now adds. And the pulse
 * that puts the view in the window (the view is swapped in when its section is chosen) styles and lays out all of it
 * again: no row is added until the pulse after (HundredThousandDropTest: the switch's pulse 119-142 ms before).
 * Still the table's very first row cost 100-120 ms where later ones cost 15-35 (its classes, the first matching of
 * its styles, a first tooltip): a table that has never shown a row shows, the pulse after it is first put in a
 * scene, one {@code warmUp} item that its row factory makes transparent, and that row's cells are reused for the
 * real ones. So the first row's price is paid when the view is built, a one-off cost like the view's own styling,
 * not when the first page of a queue arrives.
 *
 * <p>Threading: FX thread only (the source is changed there, the timer runs there).
 */
final class StepwiseRows<T> {
    /** New rows per pulse while the table is cold: one row's cells, 20-60 ms under load (2 still made gaps at 14). */
    static final int STEP = 1;
    /** Rows after which the table has cells for a screen and more (a row is 24 px high). */
    static final int WARM = 30;
    /** Rows given another item per pulse when a page turns: about 3-4 ms each on the two shared cores. */
    static final int TURN = 8;

    private final ObservableList<T> source;
    private final Node table;
    private final ObservableList<T> shown = FXCollections.observableArrayList();
    /** The most rows shown so far: the table has made cells for that many. */
    private int made;
    /** Pulses to let pass before the next step: the one that lays out the table just put in a scene. */
    private int settle;
    /** Shown once, for a pulse, before any real row (null for none). */
    private final T warmUp;
    /** {@link #warmUp} has been shown (or there is none). */
    private boolean warmedUp;

    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (settle > 0) {
                settle--;
            } else if (!warmedUp) {
                shown.setAll(List.of(warmUp));
                warmedUp = true;
            } else if (!step()) {
                stop();
            }
        }
    };

    /**
     * @param warmUp an item whose row the table's row factory hides (see {@link #isWarmUp}), or null for none
     */
    StepwiseRows(ObservableList<T> source, Node table, T warmUp) {
        this.source = source;
        this.table = table;
        this.warmUp = warmUp;
        this.warmedUp = warmUp == null;
        source.addListener((ListChangeListener<T>) c -> follow());
        table.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null && made < WARM) {
                settle = 1; // the timer's next call is in the very pulse that styles and lays the view out
            }
            follow();
        });
        follow();
    }

    /** What the table shows. */
    ObservableList<T> shown() {
        return shown;
    }

    /** The item shown once to make the table's first row: its row must not be seen. */
    boolean isWarmUp(T item) {
        return item != null && item == warmUp;
    }

    private void follow() {
        if (made >= WARM) {
            // the table has its cells: in this pulse, whether it is in a scene or not (a page turn in a few)
            if (step()) {
                timer.start();
            } else {
                timer.stop();
            }
        } else if (table.getScene() == null) {
            timer.stop(); // cells are made where the table is shown: nothing to step until then
        } else if (!warmedUp || !shown.equals(source)) {
            timer.start(); // the timer steps, once a pulse: a step here too made two rows' cells in one pulse
        } else {
            timer.stop();
        }
    }

    /** Brings {@link #shown} closer to the source: whole once warm, else a step more. True while rows are left. */
    private boolean step() {
        if (made >= WARM) {
            return turn();
        }
        boolean warming = !shown.isEmpty() && isWarmUp(shown.get(0));
        int have = warming ? 0 : shown.size();
        int n = Math.min(have + STEP, source.size());
        List<T> target = n == source.size() ? source : source.subList(0, n);
        if (!warming && have < n && shown.equals(target.subList(0, have))) {
            shown.addAll(target.subList(have, n)); // an addition: the table makes the new rows' cells only
        } else if (warming || !shown.equals(target)) {
            shown.setAll(target);
        }
        made = Math.max(made, n);
        return n < source.size();
    }

    /**
     * Warm: the source at once, except that of the first {@link #WARM} rows at most {@link #TURN} a pulse take
     * another item, and never as a replacement. A row given another item is styled again from scratch with all its
     * cells (its id changes, and JavaFX matches a node's styles anew when its id does); and a table told that items
     * were replaced, or that all were removed, rebuilds every row it shows, clearing each row's item (and id) and
     * setting it again: every row styled twice. A page turn by {@code setAll} held the FX thread 70-90 ms while a
     * queue ran (HundredThousandDropTest, up to 131 ms between pulses).
     */
    private boolean turn() {
        int common = Math.min(WARM, Math.min(shown.size(), source.size()));
        for (int i = 0; i < common; i++) {
            if (!Objects.equals(shown.get(i), source.get(i))) {
                int to = Math.min(i + TURN, common);
                swap(i, to, source.subList(i, to));
                return !shown.equals(source);
            }
        }
        int have = shown.size();
        int want = source.size();
        if (have < want && shown.equals(source.subList(0, have))) {
            shown.addAll(source.subList(have, want)); // more rows
        } else if (have > want && source.equals(shown.subList(0, want))) {
            shown.remove(want, have); // fewer
        } else if (!shown.equals(source)) {
            swap(common, have, source.subList(common, want));
        }
        return false;
    }

    /** Puts {@code items} in place of {@code shown[from, to)} as an addition, then a removal (see {@link #turn}). */
    private void swap(int from, int to, List<T> items) {
        shown.addAll(to, List.copyOf(items));
        shown.remove(from, to);
    }
}
