package io.obitox.transfer.ui;

import io.obitox.common.Sizes;
import io.obitox.common.ui.UiTasks;
import io.obitox.storage.S3Errors;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.util.Duration;

/**
 * The transfer queue: rows refreshed from in-memory snapshots four times a second (never per byte, never from the
 * database), totals, per-row and global commands, the bandwidth limit. FX thread only.
 */
public final class TransfersViewModel {
    private final TransferService service;
    private final UiTasks tasks;
    /** Every row; a row's state change is a list change too, so the filtered view re-judges it. */
    private final ObservableList<TransferRow> rows =
            FXCollections.observableArrayList(r -> new Observable[] {r.stateProperty()});

    private final ObjectProperty<StateFilter> filter = new SimpleObjectProperty<>(this, "filter", StateFilter.ALL);
    private final FilteredList<TransferRow> shown = new FilteredList<>(rows);
    private final Map<String, TransferRow> byId = new HashMap<>();
    private final ReadOnlyStringWrapper totals = new ReadOnlyStringWrapper(this, "totals", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final StringProperty bandwidthLimit = new SimpleStringProperty(this, "bandwidthLimit", "");
    private final Timeline poll;

    public TransfersViewModel(TransferService service, UiTasks tasks) {
        this.service = service;
        this.tasks = tasks;
        long limit = service.engine().settings().bandwidthLimit();
        bandwidthLimit.set(limit <= 0 ? "" : Long.toString(limit / (1024 * 1024)));
        poll = new Timeline(new KeyFrame(Duration.millis(250), e -> refresh()));
        poll.setCycleCount(Timeline.INDEFINITE);
        filter.addListener((o, a, f) -> shown.setPredicate(predicate(f)));
        refresh();
    }

    // Properties //

    public ObservableList<TransferRow> rows() {
        return rows;
    }

    /** The rows the table shows: those the state filter lets through. */
    public ObservableList<TransferRow> shownRows() {
        return shown;
    }

    public ObjectProperty<StateFilter> filterProperty() {
        return filter;
    }

    private static java.util.function.Predicate<TransferRow> predicate(StateFilter f) {
        return f == null || f == StateFilter.ALL
                ? null
                : r -> f.shows(r.stateProperty().get());
    }

    public ReadOnlyStringProperty totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** MiB/s as typed; empty for no limit. */
    public StringProperty bandwidthLimitProperty() {
        return bandwidthLimit;
    }

    // Commands //

    /** Starts refreshing (when the view is shown). */
    public void start() {
        poll.play();
    }

    public void stop() {
        poll.stop();
    }

    /** Pulls the engine's snapshots into the rows and totals. Cheap: memory only. */
    public void refresh() {
        List<TransferSnapshot> all = service.snapshots();
        long size = 0;
        long done = 0;
        double speed = 0;
        int running = 0;
        int queued = 0;
        int completed = 0;
        int failed = 0;
        int paused = 0;
        for (TransferSnapshot s : all) {
            TransferRow row = byId.get(s.id());
            if (row == null) {
                row = new TransferRow(s);
                byId.put(s.id(), row);
                rows.add(row);
            } else {
                row.update(s);
            }
            switch (s.state()) {
                case RUNNING -> running++;
                case QUEUED -> queued++;
                case COMPLETED -> completed++;
                case FAILED -> failed++;
                case PAUSED -> paused++;
                default -> {}
            }
            if (s.state() != TransferState.CANCELLED) {
                size += s.size();
                done += s.bytesDone();
            }
            speed += s.speedBps();
        }
        if (rows.size() > all.size()) {
            java.util.Set<String> present = new java.util.HashSet<>();
            all.forEach(s -> present.add(s.id()));
            rows.removeIf(r -> !present.contains(r.id()));
            byId.keySet().retainAll(present);
        }
        long eta = speed > 1 ? (long) ((size - done) / speed) : -1;
        totals.set(
                all.isEmpty()
                        ? "No transfers yet. Drop files on the Upload view, or run 'obitox upload'."
                        : running + " running · " + queued + " queued · " + paused + " paused · " + completed
                                + " done · "
                                + failed + " failed  —  " + Sizes.bytes(done) + " of " + Sizes.bytes(size)
                                + (speed > 0 ? " · " + Sizes.rate(speed) : "")
                                + (eta >= 0 && running > 0 ? " · " + Sizes.duration(eta) + " left" : ""));
    }

    public void pause(TransferRow row) {
        background(() -> service.pause(row.id()));
    }

    /** Resume a paused one, retry a failed one: either way only the missing parts are sent. */
    public void resume(TransferRow row) {
        background(() -> service.resume(row.id()));
    }

    public void cancel(TransferRow row) {
        background(() -> service.cancel(row.id()));
    }

    public void pauseAll() {
        background(service::pauseAll);
    }

    public void resumeAll() {
        background(service::resumeAll);
    }

    public void cancelAll() {
        background(service::cancelAll);
    }

    /** Engine commands write to the database: never on the FX thread. */
    private void background(Runnable command) {
        tasks.run(command)
                .onSuccess(v -> refresh())
                .onError(e -> status.set(S3Errors.describe(e).oneLine()))
                .start();
    }

    public void clearFinished() {
        tasks.run(service::clearFinished)
                .onSuccess(n -> {
                    status.set(n + " finished transfer(s) removed from the list.");
                    refresh();
                })
                .onError(e -> status.set(S3Errors.describe(e).oneLine()))
                .start();
    }

    /** Applies the typed limit (MiB/s; empty or 0 for none) to every running transfer at once. */
    public void applyBandwidthLimit() {
        String text = bandwidthLimit.get() == null ? "" : bandwidthLimit.get().trim();
        try {
            double mib = text.isEmpty() ? 0 : Double.parseDouble(text);
            if (mib < 0) {
                throw new NumberFormatException();
            }
            long bytes = (long) (mib * 1024 * 1024);
            service.engine().setBandwidthLimit(bytes);
            status.set(bytes == 0 ? "No bandwidth limit." : "Limited to " + Sizes.rate(bytes) + " over all transfers.");
        } catch (NumberFormatException e) {
            status.set("Type the limit in MiB/s, e.g. 5 or 0.5; leave it empty for no limit.");
        }
    }

    /** Makes a resume token for another machine and hands it to {@code onToken}, or says why there is none. */
    public void exportToken(TransferRow row, java.util.function.Consumer<String> onToken) {
        tasks.run(() -> service.exportToken(row.id(), row.snapshot().targetLabel()))
                .onSuccess(token -> {
                    onToken.accept(token);
                    status.set("Resume token copied: finish this upload elsewhere with 'obitox transfers "
                            + "import-token TOKEN --file PATH'.");
                })
                .onError(e -> status.set(S3Errors.describe(e).oneLine()))
                .start();
    }
}
