package io.obitox.storage.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.StatusLine;
import io.obitox.common.ui.UiTasks;
import io.obitox.storage.BucketService;
import io.obitox.storage.ObjectEntry;
import io.obitox.storage.S3Target;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The bucket browser's filter and "search from here": the filter narrows what is listed (part of the name after the
 * folder shown, any case; no request), the search lists every level below the folder for names containing the same
 * text, at most {@link #SEARCH_LIMIT} matches, page by page so Esc stops it. FX thread only.
 */
public final class ListingFilterViewModel {
    /** The most matches "search from here" collects before it stops and says so. */
    public static final int SEARCH_LIMIT = 10_000;

    private final Messages messages;
    private final BucketService buckets;
    private final UiTasks tasks;
    private final StatusLine status;
    private final FilteredList<ObjectEntry> visible;
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");

    ListingFilterViewModel(
            ObservableList<ObjectEntry> entries,
            Supplier<String> prefix,
            BucketService buckets,
            UiTasks tasks,
            StatusLine status,
            Messages messages) {
        this.messages = messages;
        this.buckets = buckets;
        this.tasks = tasks;
        this.status = status;
        this.visible = new FilteredList<>(entries);
        filter.addListener((o, a, text) -> {
            String needle = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            visible.setPredicate(
                    needle.isEmpty()
                            ? null
                            : e -> e.name(prefix.get()).toLowerCase(Locale.ROOT).contains(needle));
        });
    }

    /** The listing as shown: the entries through the filter. */
    public ObservableList<ObjectEntry> visibleEntries() {
        return visible;
    }

    /** Text the listing is filtered by; also what "search from here" looks for. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** Searches below {@code prefix}; {@code show} gets the matches (on the FX thread). */
    UiTasks.Handle search(S3Target t, String bucket, String prefix, Consumer<List<ObjectEntry>> show) {
        String text = filter.get() == null ? "" : filter.get().trim();
        String where = bucket + "/" + prefix;
        status.show(messages.get("buckets.searching", where, text));
        return tasks.run(() -> buckets.search(t, bucket, prefix, text, SEARCH_LIMIT))
                .tracking(status)
                .onSuccess(r -> {
                    show.accept(r.matches());
                    status.show(messages.get(
                            r.truncated() ? "buckets.foundTruncated" : "buckets.found",
                            r.matches().size(),
                            text,
                            where,
                            r.scanned(),
                            SEARCH_LIMIT));
                })
                .onCancelled(() -> status.show(messages.get("buckets.searchStopped")))
                .start();
    }
}
