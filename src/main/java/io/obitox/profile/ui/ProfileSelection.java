package io.obitox.profile.ui;

import io.obitox.common.ui.UiTasks;
import io.obitox.profile.ProfileService;
import io.obitox.profile.StorageProfile;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The saved profiles and the one the user works with now, shared by every view (the header's profile chooser, the
 * bucket browser, uploads, links). FX thread only.
 */
public final class ProfileSelection {
    private final ProfileService profiles;
    private final UiTasks tasks;
    private final ObservableList<StorageProfile> all = FXCollections.observableArrayList();
    private final ObjectProperty<StorageProfile> current = new SimpleObjectProperty<>(this, "current");

    public ProfileSelection(ProfileService profiles, UiTasks tasks) {
        this.profiles = profiles;
        this.tasks = tasks;
    }

    public ObservableList<StorageProfile> profiles() {
        return all;
    }

    public ObjectProperty<StorageProfile> currentProperty() {
        return current;
    }

    public StorageProfile getCurrent() {
        return current.get();
    }

    /** Reloads the list in the background, keeping the current profile when it still exists. */
    public void reload() {
        reload(null);
    }

    /** Reloads, then selects the profile with {@code selectId} (or keeps the current one when null). */
    public void reload(String selectId) {
        tasks.run(() -> new Loaded(profiles.list(), profiles.defaultProfile()))
                .onSuccess(l -> apply(l, selectId))
                .start();
    }

    /** Applies a list loaded elsewhere (tests and first start load it synchronously). */
    public void set(List<StorageProfile> list, Optional<StorageProfile> defaultProfile) {
        apply(new Loaded(list, defaultProfile), null);
    }

    private void apply(Loaded l, String selectId) {
        String keep = selectId != null
                ? selectId
                : current.get() == null ? null : current.get().id();
        all.setAll(l.list());
        StorageProfile next = l.list().stream()
                .filter(p -> p.id().equals(keep))
                .findFirst()
                .orElse(l.defaultProfile()
                        .orElse(l.list().isEmpty() ? null : l.list().get(0)));
        current.set(next);
    }

    private record Loaded(List<StorageProfile> list, Optional<StorageProfile> defaultProfile) {}
}
