package io.obitox.transfer.ui;

import io.obitox.common.Messages;
import io.obitox.common.Sizes;
import io.obitox.common.ui.StatusLine;
import io.obitox.common.ui.UiTasks;
import io.obitox.storage.S3Errors;
import io.obitox.transfer.TransferPages;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

/**
 * The transfer queue, a page at a time: the table holds one page of rows ({@link #PAGE_SIZE}) read from the
 * database in the background, with the running ones' live progress laid over them, and the totals of the whole queue
 * (one aggregate query). So a queue of a million transfers costs one page of rows in memory and a few milliseconds
 * per refresh. Per-row and global commands, paging, the bandwidth limit.
 *
 * <p>Threading: FX thread only. Refreshes run on the {@link UiTasks} pool four times a second; a tick is skipped
 * while the previous refresh is still running (no pile-up), and the totals, whose query grows with the queue, are
 * asked for at most once a second and never more often than four times their last duration. Between
 * totals, the unfiltered page is counted by the last totals, not by a query of its own.
 */
public final class TransfersViewModel {
    /** Rows per page: a few screens of the table, small enough to read and lay out in milliseconds. */
    public static final int PAGE_SIZE = 200;

    private final Messages messages;
    private final TransferService service;
    private final UiTasks tasks;
    /** The current page's rows, in the order the query gave them. */
    private final ObservableList<TransferRow> rows = FXCollections.observableArrayList();

    private final ObjectProperty<StateFilter> filter = new SimpleObjectProperty<>(this, "filter", StateFilter.ALL);
    private final Map<String, TransferRow> byId = new HashMap<>();
    private final ReadOnlyStringWrapper totals = new ReadOnlyStringWrapper(this, "totals", "");
    private final ReadOnlyStringWrapper pageInfo = new ReadOnlyStringWrapper(this, "pageInfo", "");
    private final ReadOnlyBooleanWrapper hasPrevious = new ReadOnlyBooleanWrapper(this, "hasPrevious", false);
    private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper(this, "hasNext", false);
    private final StatusLine status =
            new StatusLine(this, e -> S3Errors.describe(e).oneLine());
    private final StringProperty bandwidthLimit = new SimpleStringProperty(this, "bandwidthLimit", "");
    private final Timeline poll;
    private final SseCKeyResume sseCKeys;
    private SseCKeyResume.KeyFilePrompt keyFilePrompt = (name, fingerprint) -> java.util.Optional.empty();

    /** Where the page starts among the transfers the filter shows. */
    private long offset;
    /** How many transfers the filter shows, as of the last refresh. */
    private long matching;
    /** A refresh is running: ticks until it ends are skipped. */
    private boolean refreshing;
    /** The paging or the filter changed while a refresh ran: refresh again as soon as it ends. */
    private boolean again;
    /** The counts of the last totals, for the unfiltered page between totals; null before the first. */
    private TransferPages.Totals lastCounts;
    /** System.nanoTime() after which the next refresh asks for the totals too. */
    private long totalsDue;

    public TransfersViewModel(TransferService service, UiTasks tasks, Messages messages) {
        this.service = service;
        this.messages = messages;
        this.tasks = tasks;
        this.sseCKeys = new SseCKeyResume(service.sseC(), tasks, status::show, this::refreshNow, messages);
        long limit = service.engine().settings().bandwidthLimit();
        bandwidthLimit.set(limit <= 0 ? "" : Long.toString(limit / (1024 * 1024)));
        poll = new Timeline(new KeyFrame(Duration.millis(250), e -> refresh()));
        poll.setCycleCount(Timeline.INDEFINITE);
        filter.addListener((o, a, f) -> {
            offset = 0;
            refreshNow();
        });
        refresh();
    }

    // Properties //

    /** The rows of the current page. */
    public ObservableList<TransferRow> rows() {
        return rows;
    }

    /** The rows the table shows: the current page of those the state filter lets through (filtered in the query). */
    public ObservableList<TransferRow> shownRows() {
        return rows;
    }

    public ObjectProperty<StateFilter> filterProperty() {
        return filter;
    }

    public ReadOnlyStringProperty totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    /** "1–200 of 1,000,000". */
    public ReadOnlyStringProperty pageInfoProperty() {
        return pageInfo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasPreviousProperty() {
        return hasPrevious.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasNextProperty() {
        return hasNext.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.messageProperty();
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

    public void nextPage() {
        goTo(offset + PAGE_SIZE);
    }

    public void previousPage() {
        goTo(offset - PAGE_SIZE);
    }

    public void firstPage() {
        goTo(0);
    }

    /** The last page (the query clamps an offset past the end to it). */
    public void lastPage() {
        goTo(Long.MAX_VALUE / 2);
    }

    private void goTo(long newOffset) {
        offset = Math.max(0, newOffset);
        refreshNow();
    }

    /** A refresh with the totals, at once or right after the running one. */
    private void refreshNow() {
        totalsDue = 0;
        if (refreshing) {
            again = true;
        } else {
            refresh();
        }
    }

    /**
     * Reads the current page (and, when due, the totals) in the background and shows them. Skipped while the
     * previous refresh runs, so a slow database never queues refreshes up behind each other.
     */
    public void refresh() {
        if (refreshing) {
            return;
        }
        refreshing = true;
        again = false;
        Set<TransferState> states =
                filter.get() == null ? StateFilter.ALL.states() : filter.get().states();
        long from = offset;
        boolean withTotals = System.nanoTime() - totalsDue >= 0;
        // between totals, the whole list's page is counted by the last totals: the count walks the whole queue
        // (0.7 GB of garbage at 100,000 queued rows at four refreshes a second); a filtered page counts its states
        // itself, as a stale count there could misplace the rows where one state's segment ends
        boolean whole = states.size() == TransferState.values().length;
        TransferPages.Totals known = whole ? lastCounts : null;
        tasks.run(() -> {
                    long t0 = System.nanoTime();
                    TransferService.QueueTotals t = withTotals ? service.totals() : null;
                    long took = System.nanoTime() - t0;
                    TransferPages.Page page =
                            service.page(states, from, PAGE_SIZE, t == null ? known : whole ? t.committed() : null);
                    return new Refreshed(page, t, took);
                })
                .onSuccess(this::show)
                .onError(status::fail)
                .onFinally(() -> {
                    refreshing = false;
                    if (again) {
                        refresh();
                    }
                })
                .start();
    }

    private record Refreshed(TransferPages.Page page, TransferService.QueueTotals totals, long totalsNanos) {}

    private void show(Refreshed r) {
        TransferPages.Page page = r.page();
        if (page.offset() != offset && !again) {
            offset = page.offset(); // past the end (rows went away): the query gave the last page
        }
        matching = page.matching();
        Map<String, TransferRow> next = new HashMap<>();
        List<TransferRow> ordered = new ArrayList<>(page.rows().size());
        boolean sameOrder = page.rows().size() == rows.size();
        for (int i = 0; i < page.rows().size(); i++) {
            TransferSnapshot s = page.rows().get(i);
            TransferRow row = byId.get(s.id());
            if (row == null) {
                row = new TransferRow(s, messages);
            } else {
                row.update(s);
            }
            next.put(s.id(), row);
            ordered.add(row);
            sameOrder = sameOrder && rows.get(i) == row;
        }
        if (!sameOrder) {
            rows.setAll(ordered); // one list change, only when the page's rows or their order changed
        }
        byId.clear();
        byId.putAll(next);
        pageInfo.set(
                matching == 0
                        ? ""
                        : messages.get(
                                "transfers.pageInfo",
                                page.offset() + 1,
                                page.offset() + page.rows().size(),
                                matching));
        hasPrevious.set(page.offset() > 0);
        hasNext.set(page.offset() + page.rows().size() < matching);
        if (r.totals() != null) {
            long millis = r.totalsNanos() / 1_000_000;
            totalsDue = System.nanoTime() + Math.max(1000, 4 * millis) * 1_000_000;
            totals.set(describe(r.totals(), messages));
            lastCounts = r.totals().committed();
        }
    }

    /**
     * "2 running · 99,998 queued · 0 paused · 3 done · 1 failed · 4 skipped — 1.2 MiB of 4.5 MiB …" (skipped files
     * are in no byte total: nothing of them is to be sent).
     */
    static String describe(TransferService.QueueTotals t, Messages messages) {
        if (t.committed().all() == 0) {
            return messages.get("transfers.noneYet");
        }
        long running = t.count(TransferState.RUNNING);
        double speed = t.speedBps();
        long eta = speed > 1 ? (long) ((t.bytes() - t.bytesDone()) / speed) : -1;
        return messages.get(
                        "transfers.totals",
                        running,
                        t.count(TransferState.QUEUED),
                        t.count(TransferState.PAUSED),
                        t.count(TransferState.COMPLETED),
                        t.count(TransferState.FAILED))
                + (t.count(TransferState.SKIPPED) > 0
                        ? " · " + messages.get("transfers.totalsSkipped", t.count(TransferState.SKIPPED))
                        : "")
                + (t.count(TransferState.CANCELLED) > 0
                        ? " · " + messages.get("transfers.totalsCancelled", t.count(TransferState.CANCELLED))
                        : "")
                + "  —  " + messages.get("transfers.bytesOf", Sizes.bytes(t.bytesDone()), Sizes.bytes(t.bytes()))
                + (speed > 0 ? " · " + Sizes.rate(speed) : "")
                + (eta >= 0 && running > 0 ? " · " + messages.get("transfers.left", Sizes.duration(eta)) : "");
    }

    public void pause(TransferRow row) {
        background(() -> service.pause(row.id()));
    }

    /**
     * Resume a paused one, retry a failed one: either way only the missing parts are sent. An SSE-C upload whose key
     * this process does not hold asks for its key file first (issue 16).
     */
    public void resume(TransferRow row) {
        sseCKeys.resume(row, () -> background(() -> service.resume(row.id())), keyFilePrompt);
    }

    /** How the view asks for an SSE-C key file (a file chooser over its window). */
    public void useKeyFilePrompt(SseCKeyResume.KeyFilePrompt prompt) {
        this.keyFilePrompt = prompt;
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
        tasks.run(command).onSuccess(v -> refreshNow()).onError(status::fail).start();
    }

    public void clearFinished() {
        tasks.run(service::clearFinished)
                .onSuccess(n -> {
                    status.show(messages.get("transfers.cleared", n));
                    refreshNow();
                })
                .onError(status::fail)
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
            status.show(
                    bytes == 0
                            ? messages.get("transfers.noLimit")
                            : messages.get("transfers.limited", Sizes.rate(bytes)));
        } catch (NumberFormatException e) {
            status.show(messages.get("transfers.limitHelp"));
        }
    }

    /** Makes a resume token for another machine and hands it to {@code onToken}, or says why there is none. */
    public void exportToken(TransferRow row, java.util.function.Consumer<String> onToken) {
        tasks.run(() -> service.exportToken(row.id(), row.snapshot().targetLabel()))
                .onSuccess(token -> {
                    onToken.accept(token);
                    status.show(messages.get("transfers.tokenCopied"));
                })
                .onError(status::fail)
                .start();
    }
}
