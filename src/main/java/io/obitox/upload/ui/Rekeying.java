package io.obitox.upload.ui;

import io.obitox.common.ui.UiTasks;
import io.obitox.validation.ObjectKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.ObservableList;

/**
 * New object keys for the ready files after a prefix change. The keys are made in the background (through
 * {@link UiTasks}) from a copy of the list — made on the FX thread, 100,000 of them blocked it for seconds — and
 * swapped in with one change, and only if the list still holds the files copied. Threading: FX thread only, but
 * for the key making itself.
 */
final class Rekeying {
    /** How many keys are made between two looks at the interrupt flag (a newer prefix cancels this round). */
    private static final int CHECK_EVERY = 4096;

    private final UiTasks tasks;
    private final ObservableList<ReadyFile> ready;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private UiTasks.Handle handle;
    /** The current round: a result (or end) of an older, cancelled round is dropped. */
    private long round;

    Rekeying(UiTasks tasks, ObservableList<ReadyFile> ready) {
        this.tasks = tasks;
        this.ready = ready;
    }

    /** True while keys are being made (Upload is off meanwhile: it would send the old keys). */
    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Rekeys every ready file under {@code prefix} (normalized), cancelling a round still running. */
    void start(String prefix, boolean sanitize, Consumer<Throwable> onError) {
        stop();
        List<ReadyFile> before = List.copyOf(ready);
        if (before.isEmpty()) {
            return;
        }
        long mine = round;
        running.set(true);
        handle = tasks.run(() -> {
                    List<ReadyFile> after = new ArrayList<>(before.size());
                    for (ReadyFile x : before) {
                        if (after.size() % CHECK_EVERY == 0
                                && Thread.currentThread().isInterrupted()) {
                            throw new InterruptedException("a newer prefix");
                        }
                        after.add(x.withObjectKey(ObjectKeys.key(prefix, x.relativePath(), sanitize)));
                    }
                    return after;
                })
                .onSuccess(after -> {
                    if (mine == round && holds(before)) {
                        ready.setAll(after);
                    }
                })
                .onError(onError)
                .onFinally(() -> {
                    if (mine == round) {
                        running.set(false);
                        handle = null;
                    }
                })
                .start();
    }

    /** Cancels a running round; its late result is dropped. */
    void stop() {
        round++;
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
        running.set(false);
    }

    /** The ready list holds exactly these files still (one pass of reference compares). */
    private boolean holds(List<ReadyFile> files) {
        if (ready.size() != files.size()) {
            return false;
        }
        for (int i = 0; i < files.size(); i++) {
            if (ready.get(i) != files.get(i)) {
                return false;
            }
        }
        return true;
    }
}
