package io.obitox.upload.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.storage.S3Errors;
import io.obitox.validation.BatchHandle;
import io.obitox.validation.BatchProgress;
import io.obitox.validation.BatchRequest;
import io.obitox.validation.BatchValidator;
import io.obitox.validation.ValidationPolicy;
import io.obitox.validation.ValidationResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.util.Duration;

/**
 * The Upload view's check of what was dropped: validation streams in the background (a 100,000-file drop never
 * blocks the UI); results reach the ready and rejected lists through {@link Verdicts}, drained by a timer ten times a
 * second in bounded slices, so no tick's work grows with the drop. A prefix change rekeys the list ({@link
 * Rekeying}), once the check has ended when one is running. FX thread only.
 */
final class DropCheck {
    /** Says a line in the view's status: (is it an error, the text). */
    interface Status {
        void set(boolean isError, String text);
    }

    /** How often buffered verdicts move into the lists ({@link Verdicts#SLICE} of each kind at most). */
    static final Duration DRAIN_EVERY = Duration.millis(100);

    private final BatchValidator validator;
    /** The policy chosen, or null before the target is loaded. */
    private final Supplier<ValidationPolicy> policy;
    /** The prefix as keys are made with it (normalized). */
    private final Supplier<String> prefix;

    private final Status status;
    private final Verdicts verdicts = new Verdicts();
    private final Rekeying rekeying;
    private final Set<Path> dropped = new LinkedHashSet<>();
    private final ReadOnlyBooleanWrapper checking;
    private final ReadOnlyStringWrapper progress;
    private final Timers.Timer drain;
    private BatchHandle batch;
    /** The words of the status and progress lines: English until the view gives its own. */
    private Messages messages = Messages.english();
    /** The prefix changed while files were being checked: rekey when the check ends. */
    private boolean keysStale;

    /** @param bean the view model whose properties these are */
    DropCheck(
            Object bean,
            BatchValidator validator,
            UiTasks tasks,
            Supplier<ValidationPolicy> policy,
            Supplier<String> prefix,
            Status status,
            Timers timers) {
        this.validator = validator;
        this.policy = policy;
        this.prefix = prefix;
        this.status = status;
        this.rekeying = new Rekeying(tasks, verdicts.ready());
        this.checking = new ReadOnlyBooleanWrapper(bean, "checking", false);
        this.progress = new ReadOnlyStringWrapper(bean, "progress", "");
        drain = timers.repeat(DRAIN_EVERY, this::drain);
    }

    ObservableList<ReadyFile> ready() {
        return verdicts.ready();
    }

    ObservableList<ValidationResult> rejected() {
        return verdicts.rejected();
    }

    ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty rekeyingProperty() {
        return rekeying.runningProperty();
    }

    ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "Upload 12 files (3.4 MiB)", from the ready list's running totals. */
    void useMessages(Messages m) {
        messages = m;
        verdicts.useMessages(m);
    }

    ReadOnlyStringProperty uploadLabelProperty() {
        return verdicts.uploadLabelProperty();
    }

    /** Files or folders were dropped (and not sent or cleared since). */
    boolean hasDropped() {
        return !dropped.isEmpty();
    }

    /**
     * Drag-over feedback from names alone (no file access: it runs on the FX thread): whether at least one item
     * could be accepted under {@code p} (null: not loaded yet, anything goes). Folders always are.
     */
    static boolean accepts(List<Path> paths, java.util.function.Predicate<Path> isFolder, ValidationPolicy p) {
        for (Path path : paths) {
            if (isFolder.test(path) || p == null) {
                return true;
            }
            Path name = path.getFileName();
            if (name != null
                    && io.obitox.validation.NameRules.check(name.toString(), p).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Checks dropped or chosen files and folders not in the list yet. */
    void add(List<Path> paths) {
        List<Path> fresh =
                paths.stream().map(Path::toAbsolutePath).filter(dropped::add).toList();
        if (fresh.isEmpty()) {
            status.set(false, messages.get("upload.check.inList"));
            return;
        }
        start(fresh);
    }

    /** Stops checking; what was checked so far stays. */
    void cancel() {
        if (batch != null) {
            batch.cancel();
        }
    }

    void clear() {
        cancel();
        rekeying.stop();
        keysStale = false;
        dropped.clear();
        verdicts.clear();
        progress.set("");
    }

    /** The ready files were queued: the list starts empty again (rejected files stay, to be read). */
    void sent() {
        verdicts.ready().clear();
        dropped.clear();
    }

    /** Checks every dropped file again (another policy). */
    void revalidate() {
        List<Path> all = new ArrayList<>(dropped);
        cancel();
        rekeying.stop();
        keysStale = false; // every file is checked again, keyed with the prefix of now
        verdicts.clear();
        start(all);
    }

    /**
     * After a prefix change: same files, new keys. The keys are made in the background from a copy of the list
     * (100,000 of them blocked the FX thread) and swapped in with one change, if the list is still the one copied;
     * Upload is off meanwhile. While files are being checked this waits for the check to end (the validator keys
     * the rest with the prefix it started with), then rekeys them all.
     */
    void rekey() {
        rekeying.stop();
        if (checking.get()) {
            keysStale = true;
            return;
        }
        keysStale = false;
        rekeying.start(prefix.get(), sanitize(), e -> status.set(true, messages.oneLine(S3Errors.describe(e))));
    }

    private void start(List<Path> paths) {
        ValidationPolicy p = policy.get() != null ? policy.get() : ValidationPolicy.ANYTHING_BUT_EXECUTABLES;
        if (rekeying.runningProperty().get()) {
            // the files shown keep their old keys for now; the whole list is rekeyed once this check ends
            rekeying.stop();
            keysStale = true;
        }
        checking.set(true);
        status.set(false, "");
        batch = validator.start(new BatchRequest(paths, p, prefix.get()), verdicts.listener());
        drain.start();
    }

    /** Moves buffered verdicts into the lists; stops the timer once the batch is done and the buffer empty. */
    void drain() {
        verdicts.drain();
        long skipped = verdicts.skipped();
        BatchHandle b = batch;
        if (b == null) {
            return;
        }
        BatchProgress pr = b.progress();
        progress.set(messages.get(
                        pr.done() ? "upload.check.checked" : "upload.check.checking",
                        pr.checked(),
                        pr.found(),
                        ready().size(),
                        rejected().size())
                + (skipped > 0 ? messages.get("upload.check.skipped", skipped) : "")
                + (pr.cancelled() ? messages.get("upload.check.stopped") : ""));
        if (pr.done() && !verdicts.buffered()) {
            checking.set(false);
            drain.stop();
            if (keysStale) {
                rekey();
            }
        }
    }

    private boolean sanitize() {
        return policy.get() == null || policy.get().sanitizeNames();
    }
}
