package io.obitox.watch.ui;

import io.obitox.common.Messages;
import io.obitox.common.ObitoxException;
import io.obitox.common.ui.StatusLine;
import io.obitox.common.ui.UiTasks;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.watch.Watch;
import io.obitox.watch.WatchFolderService;
import io.obitox.watch.WatchLedger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Watch folders section: the watches with their state and counters (read from the database once a second in
 * the background, so it also shows what a headless {@code watch run} does), the selected watch's details (its
 * recent activity: uploaded, skipped, excluded, rejected and failed files with the reason), a form that adds a
 * watch or edits the selected one (folder, bucket, prefix, validation, if-exists, after upload, settle time),
 * pause/resume, remove, open the folder and "scan now". The window runs every watch no other process runs ({@link
 * WatchFolderService#runAvailable}); adding, editing or removing one restarts that set. FX thread only; service
 * calls go through {@link UiTasks}.
 */
public final class WatchFoldersViewModel {
    /** How many of a watch's latest files the details show. */
    static final int ACTIVITY = 20;

    /** The if-exists choices; the first means "the stored default of the profile and bucket". */
    public static final List<String> IF_EXISTS = List.of("default", "skip-identical", "skip", "overwrite", "rename");

    private static final List<WatchLedger.Outcome> SHOWN = List.of(
            WatchLedger.Outcome.UPLOADED,
            WatchLedger.Outcome.SKIPPED,
            WatchLedger.Outcome.EXCLUDED,
            WatchLedger.Outcome.REJECTED,
            WatchLedger.Outcome.FAILED);

    private final WatchFolderService service;
    private final UiTasks tasks;
    private final FolderOpener opener;
    private final ObservableList<WatchRow> rows = FXCollections.observableArrayList();
    private final ObservableList<String> activity = FXCollections.observableArrayList();
    private final ObjectProperty<WatchRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty folder = new SimpleStringProperty(this, "folder", "");
    private final StringProperty bucket = new SimpleStringProperty(this, "bucket", "");
    private final StringProperty prefix = new SimpleStringProperty(this, "prefix", "");
    private final StringProperty settleSeconds = new SimpleStringProperty(this, "settleSeconds", "3");
    private final StringProperty ifExists = new SimpleStringProperty(this, "ifExists", IF_EXISTS.get(0));
    private final ObjectProperty<Watch.AfterUpload> afterUpload =
            new SimpleObjectProperty<>(this, "afterUpload", Watch.AfterUpload.KEEP);
    private final BooleanProperty validate = new SimpleBooleanProperty(this, "validate", true);
    private final ObjectProperty<StorageProfile> profile = new SimpleObjectProperty<>(this, "profile");
    private final ReadOnlyObjectWrapper<Watch> editing = new ReadOnlyObjectWrapper<>(this, "editing");
    private final StatusLine status = new StatusLine(
            this, t -> t instanceof ObitoxException e ? e.toUserMessage().oneLine() : String.valueOf(t.getMessage()));
    private final Messages messages;
    private final Timeline poll;
    private WatchFolderService.Running running; // background thread only, one task at a time (see restart)
    private boolean refreshing;
    private boolean starting;
    private String activityOf; // the watch whose files activity() holds

    public WatchFoldersViewModel(WatchFolderService service, UiTasks tasks, FolderOpener opener, Messages messages) {
        this.service = service;
        this.messages = messages;
        this.tasks = tasks;
        this.opener = opener;
        poll = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> refresh()));
        poll.setCycleCount(Timeline.INDEFINITE);
        profile.addListener((o, was, now) -> {
            if (now != null && bucket.get().isBlank()) {
                bucket.set(now.defaultBucketOpt().orElse(""));
            }
        });
        selected.addListener((o, was, now) -> {
            // null comes and goes with each refresh (the rows are replaced, the view selects the same id again)
            if (now != null && (was == null || !now.id().equals(was.id()))) {
                if (!now.id().equals(activityOf)) {
                    activity.clear();
                }
                loadActivity();
            }
        });
    }

    // Properties

    public ObservableList<WatchRow> rows() {
        return rows;
    }

    /** The selected watch's latest files, newest first: "time · outcome · path — reason". */
    public ObservableList<String> activity() {
        return activity;
    }

    public ObjectProperty<WatchRow> selectedProperty() {
        return selected;
    }

    public StringProperty folderProperty() {
        return folder;
    }

    public StringProperty bucketProperty() {
        return bucket;
    }

    public StringProperty prefixProperty() {
        return prefix;
    }

    public StringProperty settleSecondsProperty() {
        return settleSeconds;
    }

    public StringProperty ifExistsProperty() {
        return ifExists;
    }

    public ObjectProperty<Watch.AfterUpload> afterUploadProperty() {
        return afterUpload;
    }

    public BooleanProperty validateProperty() {
        return validate;
    }

    public ObjectProperty<StorageProfile> profileProperty() {
        return profile;
    }

    /** The watch the form edits, or null when it adds a new one. */
    public ReadOnlyObjectProperty<Watch> editingProperty() {
        return editing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.messageProperty();
    }

    // Commands

    /** The section is shown: list now, poll once a second, and start the watches the first time. */
    public void activate() {
        if (running == null && !starting) {
            restart();
        }
        refresh();
        poll.play();
    }

    public void deactivate() {
        poll.stop();
    }

    /** Adds a watch from the form, or stores the edited one. */
    public void save() {
        Watch old = editing.get();
        StorageProfile p = profile.get();
        if ((old == null && p == null) || folder.get().isBlank()) {
            status.fail(messages.get("watch.chooseFolderFirst"));
            return;
        }
        Duration settle;
        try {
            settle = Duration.ofMillis(
                    Math.round(Double.parseDouble(settleSeconds.get().strip()) * 1000));
        } catch (NumberFormatException e) {
            status.fail(messages.get("watch.settleNumber"));
            return;
        }
        WatchFolderService.Draft d = new WatchFolderService.Draft(
                Path.of(folder.get().strip()),
                old != null ? old.target() : TargetRef.profile(p.id()),
                bucket.get().strip(),
                prefix.get(),
                old != null ? old.policy() : null,
                validate.get(),
                ifExists.get() == null || ifExists.get().equals(IF_EXISTS.get(0)) ? null : ifExists.get(),
                old != null ? old.rules() : List.of(),
                old == null || old.defaultExcludes(),
                old == null || old.recursive(),
                settle,
                old != null ? old.scanInterval() : Watch.DEFAULT_SCAN,
                afterUpload.get(),
                old != null && old.paused());
        tasks.run(() -> old == null ? service.add(d) : service.update(old.id(), d))
                .onSuccess(w -> {
                    status.show(
                            messages.get(old == null ? "watch.watching" : "watch.saved", w.folder(), w.destination()));
                    clearForm();
                    restart();
                })
                .onError(status::fail)
                .start();
    }

    /** Fills the form with the watch of {@code row} (read from the database) to edit it. */
    public void edit(WatchRow row) {
        if (row == null) {
            return;
        }
        tasks.run(() -> service.get(row.id()).watch())
                .onSuccess(w -> {
                    editing.set(w);
                    folder.set(w.folder().toString());
                    bucket.set(w.bucket());
                    prefix.set(w.prefix());
                    settleSeconds.set(seconds(w.settle()));
                    ifExists.set(w.ifExists() == null ? IF_EXISTS.get(0) : w.ifExists());
                    afterUpload.set(w.afterUpload());
                    validate.set(w.validate());
                    status.show(messages.get("watch.editing", w.folder()));
                })
                .onError(status::fail)
                .start();
    }

    public void cancelEdit() {
        clearForm();
        status.show("");
    }

    /** Removes the watch (the view asks first); the folder and the bucket are left as they are. */
    public void remove(WatchRow row) {
        if (row == null) {
            return;
        }
        tasks.run(() -> service.remove(row.id()))
                .onSuccess(w -> {
                    status.show(messages.get("watch.removed", w.folder()));
                    if (editing.get() != null && editing.get().id().equals(w.id())) {
                        clearForm();
                    }
                    activityOf = null;
                    activity.clear();
                    restart();
                })
                .onError(status::fail)
                .start();
    }

    public void openFolder(WatchRow row) {
        if (row == null) {
            return;
        }
        Path f = Path.of(row.folder());
        tasks.run(() -> {
                    opener.open(f);
                    return f;
                })
                .onSuccess(v -> status.show(messages.get("watch.opened", f)))
                .onError(t -> status.fail(messages.get("watch.cannotOpen", f, t.getMessage())))
                .start();
    }

    public void togglePause(WatchRow row) {
        if (row == null) {
            return;
        }
        tasks.run(() -> row.paused() ? service.resume(row.id()) : service.pause(row.id()))
                .onSuccess(w -> refresh())
                .onError(status::fail)
                .start();
    }

    public void scanNow() {
        WatchFolderService.Running r = running;
        if (r != null) {
            r.scanNow();
            status.show(messages.get("watch.scanning"));
        }
    }

    /** Reads the list (and the selected watch's activity) in the background; a tick is skipped while one runs. */
    public void refresh() {
        if (refreshing) {
            return;
        }
        refreshing = true;
        tasks.run(() -> service.list().stream()
                        .map(r -> WatchRow.of(r, messages))
                        .toList())
                .onSuccess(list -> {
                    // only when something changed: a table told its rows were replaced rebuilds and restyles every
                    // row it shows, and the view has to select the chosen watch again, once a second for nothing
                    if (!rows.equals(list)) {
                        rows.setAll(list);
                    }
                })
                .onError(status::fail)
                .onFinally(() -> refreshing = false)
                .start();
        loadActivity();
    }

    // helpers

    private void loadActivity() {
        WatchRow row = selected.get();
        if (row == null) {
            return;
        }
        String id = row.id();
        tasks.run(() -> service.files(id, SHOWN, ACTIVITY).stream()
                        .map(e -> line(e, messages))
                        .toList())
                .onSuccess(lines -> {
                    WatchRow now = selected.get();
                    if (now != null && now.id().equals(id) && !lines.equals(activity)) {
                        activity.setAll(lines);
                    }
                    activityOf = id;
                })
                .onError(status::fail)
                .start();
    }

    static String line(WatchLedger.Entry e, Messages messages) {
        String time = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                .withZone(java.time.ZoneId.systemDefault())
                .format(e.at());
        String what = messages.get("watch.outcome." + e.outcome().name().toLowerCase(java.util.Locale.ROOT));
        return time + " · " + what + " · " + e.relPath() + (e.reason() == null ? "" : " — " + e.reason());
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? String.valueOf(d.toSeconds()) : String.valueOf(d.toMillis() / 1000.0);
    }

    private void clearForm() {
        editing.set(null);
        folder.set("");
        prefix.set("");
        settleSeconds.set("3");
        ifExists.set(IF_EXISTS.get(0));
        afterUpload.set(Watch.AfterUpload.KEEP);
        validate.set(true);
    }

    /** (Re)starts the window's set of watches in the background: every watch no other process runs. */
    private void restart() {
        WatchFolderService.Running before = running;
        starting = true;
        tasks.run(() -> {
                    if (before != null) {
                        before.close();
                    }
                    return service.runAvailable(problem -> tasks.onUi(() -> status.fail(problem)));
                })
                .onSuccess(r -> {
                    running = r;
                    refresh();
                })
                .onError(status::fail)
                .onFinally(() -> starting = false)
                .start();
    }
}
