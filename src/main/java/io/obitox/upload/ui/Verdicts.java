package io.obitox.upload.ui;

import io.obitox.common.Messages;
import io.obitox.common.Sizes;
import io.obitox.validation.BatchListener;
import io.obitox.validation.SkippedPath;
import io.obitox.validation.ValidationResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The Upload view's two lists and the buffers that feed them. Threading: the {@link #listener()} runs on the
 * validator's threads and only makes {@link ReadyFile}s and adds to concurrent queues; everything else is FX thread
 * only. {@link #drain()} moves at most {@link #SLICE} verdicts of each kind per call (fewer while a list is short), so what one call adds to the
 * tables is bounded whatever the size of the drop, and the Upload button's text is kept from running totals (one
 * pass over the changed items, never over the list).
 */
final class Verdicts {
    /**
     * Verdicts moved into each list per drain (every {@link DropCheck#DRAIN_EVERY}, 100 ms): the validator checks
     * some 20,000–25,000 small files a second on two cores, so 4,000 a tick keeps up, while what one tick adds to the
     * tables (listeners, the table's cell count, the totals) stays a few milliseconds of the FX thread.
     */
    static final int SLICE = 4_000;

    /**
     * While a list is shorter than {@link #WARM}, a drain adds at most this many (to an empty list one: a table's
     * first row costs several later ones), then at most doubles it: the first
     * rows of an empty table make their cells and skins and style them (some 7 controls a row, about 20 ms a row on
     * the two shared cores under load), which for a screenful at once held the FX thread over 100 ms; doubling from
     * 4 still made 16 rows' cells in one tick (a 180-220 ms gap at the drop, HundredThousandDropTest at load 8-10).
     * A few rows a tick until a screenful is shown, then doubling, reaches {@link #SLICE} in about 1.5 s.
     */
    static final int FIRST = 4;

    /** Rows after which a table has made the cells of a screenful (the Upload tables show fewer). */
    static final int WARM = 24;

    private final ObservableList<ReadyFile> ready = FXCollections.observableArrayList();
    private final ObservableList<ValidationResult> rejected = FXCollections.observableArrayList();
    private final Queue<ReadyFile> readyInbox = new ConcurrentLinkedQueue<>();
    private final Queue<ValidationResult> rejectedInbox = new ConcurrentLinkedQueue<>();
    private final AtomicLong skipped = new AtomicLong();
    /** The folders ready files are relative to, one object each (validator threads add to it). */
    private final Map<Path, Path> bases = new ConcurrentHashMap<>();
    /** Bytes of the files in {@link #ready}, kept as they come and go. */
    private long readyBytes;

    private final ReadOnlyStringWrapper uploadLabel = new ReadOnlyStringWrapper(this, "uploadLabel", "Upload");
    private Messages messages = Messages.english();

    Verdicts() {
        // the byte total follows every change of the ready list (adds, removals, replacements: rekey, clear)
        ready.addListener((ListChangeListener<ReadyFile>) c -> {
            while (c.next()) {
                for (ReadyFile r : c.getRemoved()) {
                    readyBytes -= Math.max(0, r.size());
                }
                if (c.wasAdded()) {
                    for (ReadyFile r : c.getAddedSubList()) {
                        readyBytes += Math.max(0, r.size());
                    }
                }
            }
            relabel();
        });
    }

    /** The words of the upload button: English until the view gives its own. FX thread. */
    void useMessages(Messages m) {
        messages = m;
        relabel();
    }

    private void relabel() {
        int n = ready.size();
        uploadLabel.set(
                n == 0
                        ? messages.get("upload.vm.uploadButton")
                        : messages.get("upload.vm.uploadFiles", n, Sizes.bytes(readyBytes)));
    }

    ObservableList<ReadyFile> ready() {
        return ready;
    }

    ObservableList<ValidationResult> rejected() {
        return rejected;
    }

    /** Why a rejected file was refused, in the language of {@code m} (English where the reason has no key). */
    static String reason(ValidationResult rejected, Messages m) {
        return m.render(rejected.error().text(), rejected.error().message());
    }

    /** Hidden or repeated paths the batch skipped. */
    long skipped() {
        return skipped.get();
    }

    /** "Upload 12 files (3.4 MiB)". */
    ReadOnlyStringProperty uploadLabelProperty() {
        return uploadLabel.getReadOnlyProperty();
    }

    /** Where a batch's verdicts go; called on the validator's threads. */
    BatchListener listener() {
        return new BatchListener() {
            @Override
            public void onResult(ValidationResult result) {
                // the compact form is made here, so the FX thread only moves references
                if (result.valid()) {
                    readyInbox.add(ReadyFile.of(result, bases));
                } else {
                    rejectedInbox.add(result);
                }
            }

            @Override
            public void onSkipped(SkippedPath path) {
                skipped.incrementAndGet();
            }
        };
    }

    /** Moves buffered verdicts into the lists, a slice of each kind at most. */
    void drain() {
        List<ReadyFile> good = new ArrayList<>();
        int goodMax = slice(ready.size());
        ReadyFile f;
        while (good.size() < goodMax && (f = readyInbox.poll()) != null) {
            good.add(f);
        }
        List<ValidationResult> bad = new ArrayList<>();
        // a table's first row (its first cells, skins and styles: 100 ms and more under load) is made in a tick of
        // its own: the rejected list's waits while the ready list is still making its first screen of rows
        int badMax = rejected.isEmpty() && !good.isEmpty() && ready.size() < WARM ? 0 : slice(rejected.size());
        ValidationResult r;
        while (bad.size() < badMax && (r = rejectedInbox.poll()) != null) {
            bad.add(r);
        }
        if (!good.isEmpty()) {
            ready.addAll(good);
        }
        if (!bad.isEmpty()) {
            rejected.addAll(bad);
        }
    }

    /** How many verdicts one drain may add to a list of {@code shown} rows: the first alone, a few, then a slice. */
    static int slice(int shown) {
        return shown == 0 ? 1 : shown < WARM ? FIRST : Math.min(SLICE, shown);
    }

    /** Verdicts are waiting for a drain. Ask after the batch says it is done: it delivers every verdict first. */
    boolean buffered() {
        return !readyInbox.isEmpty() || !rejectedInbox.isEmpty();
    }

    /** Forgets every verdict, shown or buffered (a new check starts, or the user clears the lists). */
    void clear() {
        readyInbox.clear();
        rejectedInbox.clear();
        bases.clear();
        skipped.set(0);
        ready.clear();
        rejected.clear();
    }
}
