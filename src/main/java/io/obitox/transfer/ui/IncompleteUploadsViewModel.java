package io.obitox.transfer.ui;

import io.obitox.common.Messages;
import io.obitox.common.Sizes;
import io.obitox.common.ui.StatusLine;
import io.obitox.common.ui.UiTasks;
import io.obitox.profile.ProfileService;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.ui.ProfileSelection;
import io.obitox.storage.BucketInfo;
import io.obitox.storage.S3Errors;
import io.obitox.storage.S3Target;
import io.obitox.transfer.IncompleteUpload;
import io.obitox.transfer.MultipartUploads;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Incomplete multipart uploads of the bucket chosen in the bucket browser (also ones ObitoX did not start): list
 * with age and size so far, abort the selected ones or all older than N days. FX thread only.
 */
public final class IncompleteUploadsViewModel {
    private final Messages messages;
    private final MultipartUploads uploads;
    private final ProfileService profiles;
    private final ProfileSelection selection;
    private final ObjectProperty<BucketInfo> bucket;
    private final UiTasks tasks;
    private final Clock clock;
    private final ObservableList<IncompleteUpload> items = FXCollections.observableArrayList();
    private final StatusLine status =
            new StatusLine(this, e -> S3Errors.describe(e).oneLine());
    private final StringProperty olderThanDays = new SimpleStringProperty(this, "olderThanDays", "7");

    public IncompleteUploadsViewModel(
            MultipartUploads uploads,
            ProfileService profiles,
            ProfileSelection selection,
            ObjectProperty<BucketInfo> bucket,
            UiTasks tasks,
            Clock clock,
            Messages messages) {
        this.uploads = uploads;
        this.messages = messages;
        this.profiles = profiles;
        this.selection = selection;
        this.bucket = bucket;
        this.tasks = tasks;
        this.clock = clock;
        bucket.addListener((o, a, b) -> {
            items.clear();
            status.show(b == null ? "" : messages.get("incomplete.refreshToList", b.name()));
        });
    }

    public ObservableList<IncompleteUpload> items() {
        return items;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.messageProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return status.busyProperty();
    }

    public StringProperty olderThanDaysProperty() {
        return olderThanDays;
    }

    public String age(IncompleteUpload u) {
        return Sizes.duration(u.age(clock.instant()).toSeconds());
    }

    public String size(IncompleteUpload u) {
        return u.bytesSoFar() < 0
                ? "?"
                : messages.get("incomplete.sizeInParts", Sizes.bytes(u.bytesSoFar()), u.parts());
    }

    public void refresh() {
        run(null, (t, b) -> null);
    }

    public void abort(List<IncompleteUpload> selected) {
        if (selected.isEmpty()) {
            status.fail(messages.get("incomplete.selectFirst"));
            return;
        }
        List<IncompleteUpload> copy = List.copyOf(selected);
        run(messages.get("incomplete.aborted", copy.size()), (t, b) -> {
            copy.forEach(u -> uploads.abort(t, b, u.key(), u.uploadId()));
            return null;
        });
    }

    public void abortOlderThan() {
        double days;
        try {
            days = Double.parseDouble(olderThanDays.get().trim());
        } catch (RuntimeException e) {
            status.fail(messages.get("incomplete.typeDays"));
            return;
        }
        Duration age = Duration.ofSeconds((long) (days * 86_400));
        run(
                null,
                (t, b) -> messages.get(
                        "incomplete.abortedOlder",
                        uploads.abortOlderThan(t, b, age).size(),
                        String.valueOf(days)));
    }

    /** Runs {@code action} on the current bucket, then lists again; the action may return a message. */
    private void run(String done, Action action) {
        StorageProfile p = selection.getCurrent();
        BucketInfo b = bucket.get();
        if (p == null || b == null) {
            status.fail(messages.get("incomplete.pickBucket"));
            return;
        }
        tasks.run(() -> {
                    S3Target t = profiles.target(p);
                    String message = action.apply(t, b.name());
                    return new Result(uploads.list(t, b.name()), message);
                })
                .tracking(status)
                .onSuccess(r -> {
                    items.setAll(r.list());
                    String listed = r.list().isEmpty()
                            ? messages.get("incomplete.none", b.name())
                            : messages.get(
                                    "incomplete.listed",
                                    r.list().size(),
                                    b.name(),
                                    Sizes.bytes(r.list().stream()
                                            .mapToLong(u -> Math.max(0, u.bytesSoFar()))
                                            .sum()));
                    String first = r.message() != null ? r.message() : done;
                    status.show(first == null ? listed : first + " " + listed);
                })
                .start();
    }

    @FunctionalInterface
    private interface Action {
        String apply(S3Target target, String bucket);
    }

    private record Result(List<IncompleteUpload> list, String message) {}
}
