package io.obitox.watch.ui;

import io.obitox.common.ObitoxException;
import io.obitox.common.ui.UiTasks;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.watch.Watch;
import io.obitox.watch.WatchFolderService;
import java.nio.file.Path;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Watch folders section: the watches with their state and counters (read from the database once a second in
 * the background, so it also shows what a headless {@code watch run} does), a form to add one, pause/resume and
 * "scan now". The window runs every watch no other process runs ({@link WatchFolderService#runAvailable}); adding
 * one restarts that set. FX thread only; service calls go through {@link UiTasks}.
 */
public final class WatchFoldersViewModel {
    private final WatchFolderService service;
    private final UiTasks tasks;
    private final ObservableList<WatchRow> rows = FXCollections.observableArrayList();
    private final StringProperty folder = new SimpleStringProperty(this, "folder", "");
    private final StringProperty bucket = new SimpleStringProperty(this, "bucket", "");
    private final StringProperty prefix = new SimpleStringProperty(this, "prefix", "");
    private final ObjectProperty<StorageProfile> profile = new SimpleObjectProperty<>(this, "profile");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final Timeline poll;
    private WatchFolderService.Running running; // background thread only, one task at a time (see restart)
    private boolean refreshing;
    private boolean starting;

    public WatchFoldersViewModel(WatchFolderService service, UiTasks tasks) {
        this.service = service;
        this.tasks = tasks;
        poll = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> refresh()));
        poll.setCycleCount(Timeline.INDEFINITE);
        profile.addListener((o, was, now) -> {
            if (now != null && bucket.get().isBlank()) {
                bucket.set(now.defaultBucketOpt().orElse(""));
            }
        });
    }

    // Properties

    public ObservableList<WatchRow> rows() {
        return rows;
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

    public ObjectProperty<StorageProfile> profileProperty() {
        return profile;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
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

    public void add() {
        StorageProfile p = profile.get();
        if (p == null || folder.get().isBlank()) {
            status.set("Choose a folder and a profile first.");
            return;
        }
        WatchFolderService.Draft d = new WatchFolderService.Draft(
                Path.of(folder.get().strip()),
                TargetRef.profile(p.id()),
                bucket.get().strip(),
                prefix.get(),
                null,
                true,
                null,
                List.of(),
                true,
                true,
                Watch.DEFAULT_SETTLE,
                Watch.DEFAULT_SCAN,
                Watch.AfterUpload.KEEP,
                false);
        tasks.run(() -> service.add(d))
                .onSuccess(w -> {
                    status.set("Watching " + w.folder() + " → " + w.destination() + ".");
                    folder.set("");
                    restart();
                })
                .onError(this::showError)
                .start();
    }

    public void togglePause(WatchRow row) {
        if (row == null) {
            return;
        }
        tasks.run(() -> row.paused() ? service.resume(row.id()) : service.pause(row.id()))
                .onSuccess(w -> refresh())
                .onError(this::showError)
                .start();
    }

    public void scanNow() {
        WatchFolderService.Running r = running;
        if (r != null) {
            r.scanNow();
            status.set("Scanning the watched folders now.");
        }
    }

    /** Reads the list in the background; a tick is skipped while the last read runs. */
    public void refresh() {
        if (refreshing) {
            return;
        }
        refreshing = true;
        tasks.run(() -> service.list().stream().map(WatchRow::of).toList())
                .onSuccess(rows::setAll)
                .onError(this::showError)
                .onFinally(() -> refreshing = false)
                .start();
    }

    // helpers

    /** (Re)starts the window's set of watches in the background: every watch no other process runs. */
    private void restart() {
        WatchFolderService.Running before = running;
        starting = true;
        tasks.run(() -> {
                    if (before != null) {
                        before.close();
                    }
                    return service.runAvailable(problem -> tasks.onUi(() -> status.set(problem)));
                })
                .onSuccess(r -> {
                    running = r;
                    refresh();
                })
                .onError(this::showError)
                .onFinally(() -> starting = false)
                .start();
    }

    private void showError(Throwable t) {
        status.set(t instanceof ObitoxException e ? e.toUserMessage().oneLine() : String.valueOf(t.getMessage()));
    }
}
