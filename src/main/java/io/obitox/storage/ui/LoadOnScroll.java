package io.obitox.storage.ui;

import io.obitox.storage.ObjectEntry;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;

/**
 * Asks for the next page of a listing when the object table is scrolled to its last row, so a prefix of 100,000
 * keys reads like one long list while only the pages looked at are fetched ("Load more" stays for the keyboard).
 * Checked again when a load ends, because the user may already be at the end then. FX thread only.
 */
final class LoadOnScroll {
    private final TableView<ObjectEntry> table;
    private final ObservableBooleanValue hasMore;
    private final ObservableBooleanValue busy;
    private final Runnable loadMore;

    LoadOnScroll(
            TableView<ObjectEntry> table,
            ObservableBooleanValue hasMore,
            ObservableBooleanValue busy,
            Runnable loadMore) {
        this.table = table;
        this.hasMore = hasMore;
        this.busy = busy;
        this.loadMore = loadMore;
    }

    /** The table's {@link VirtualFlow} exists only once it has a skin; it is looked up then. */
    void install() {
        table.skinProperty().addListener((o, a, skin) -> {
            if (table.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                flow.positionProperty().addListener((p, before, now) -> check(flow));
                busy.addListener((b, was, is) -> {
                    if (!is) {
                        check(flow);
                    }
                });
            }
        });
    }

    private void check(VirtualFlow<?> flow) {
        if (!hasMore.get() || busy.get() || table.getItems().isEmpty()) {
            return;
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        if (flow.getPosition() >= 1.0
                || (last != null && last.getIndex() >= table.getItems().size() - 1)) {
            loadMore.run();
        }
    }
}
