package io.obitox.transfer.ui;

import javafx.animation.AnimationTimer;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The rows a table shows, following a source list, but the first time the table fills only a few rows more per FX
 * pulse. A table makes a row's skin, cells and styles the first time it shows that many rows (some 20 ms a row on
 * the two shared cores under load): the first page of a full queue appearing at once held the FX thread for 130-410
 * ms (HundredThousandDropTest); three rows a pulse still left gaps of 150-260 ms at load 10, two
 * of 140-250 ms at load 14. Once the table has made rows for {@link #WARM} items it keeps them and reuses them
 * for any page, so later changes are followed in the same pulse.
 *
 * <p>Threading: FX thread only (the source is changed there, the timer runs there).
 */
final class StepwiseRows<T> {
    /** New rows per pulse while the table is cold: one row's cells, 20-60 ms under load (2 still made gaps at 14). */
    static final int STEP = 1;
    /** Rows after which the table has cells for a screen and more (a row is 24 px high). */
    static final int WARM = 30;

    private final ObservableList<T> source;
    private final ObservableList<T> shown = FXCollections.observableArrayList();
    /** The most rows shown so far: the table has made cells for that many. */
    private int made;

    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (!step()) {
                stop();
            }
        }
    };

    StepwiseRows(ObservableList<T> source) {
        this.source = source;
        source.addListener((ListChangeListener<T>) c -> {
            if (!step()) {
                timer.stop();
            } else {
                timer.start();
            }
        });
        step();
    }

    /** What the table shows. */
    ObservableList<T> shown() {
        return shown;
    }

    /** Brings {@link #shown} closer to the source: whole once warm, else a step more. True while rows are left. */
    private boolean step() {
        int allowed = made >= WARM ? Integer.MAX_VALUE : Math.max(STEP, shown.size() + STEP);
        int n = Math.min(allowed, source.size());
        if (n == source.size()) {
            if (!shown.equals(source)) {
                shown.setAll(source);
            }
        } else {
            shown.setAll(source.subList(0, n));
        }
        made = Math.max(made, n);
        return n < source.size();
    }
}
