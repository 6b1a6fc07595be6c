package io.obitox.profile.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.StatusLine;
import io.obitox.common.ui.UiTasks;
import io.obitox.objects.ObjectSettingsDefaults;
import io.obitox.objects.UploadSettings;
import io.obitox.objects.ui.ObjectSettingsViewModel;
import io.obitox.profile.ProfileService;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.BucketInfo;
import io.obitox.storage.BucketService;
import io.obitox.storage.S3Errors;
import java.util.List;
import java.util.TreeSet;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Profiles view's "Object settings defaults" (issue 16): the stored object settings of the selected profile, or of
 * one of its buckets, edited with the same form as the Upload view's and saved through {@link ObjectSettingsDefaults}
 * (they layer: a bucket's over its profile's, field by field; an upload can change them for its batch). The bucket
 * choice offers the profile's buckets (listed in the background, when the endpoint answers) and those that have
 * defaults already; any name may be typed. FX thread only; reads and writes go through {@link UiTasks}.
 */
public final class ObjectDefaultsViewModel {
    private final ObjectSettingsDefaults defaults;
    private final ProfileService profiles;
    private final BucketService buckets;
    private final UiTasks tasks;
    private final Messages messages;
    private final ObjectSettingsViewModel form;

    private final ObjectProperty<StorageProfile> profile = new SimpleObjectProperty<>(this, "profile");
    /** "" for the profile's own defaults (every bucket). */
    private final StringProperty bucket = new SimpleStringProperty(this, "bucket", "");

    private final ObservableList<String> bucketNames = FXCollections.observableArrayList();
    private final StatusLine status = new StatusLine(this, this::describe);
    /** What these defaults layer over: the profile's, when a bucket is chosen. */
    private final ReadOnlyStringWrapper layering = new ReadOnlyStringWrapper(this, "layering", "");

    private final BooleanBinding canSave;
    private int generation;

    public ObjectDefaultsViewModel(
            ObjectSettingsDefaults defaults,
            ProfileService profiles,
            BucketService buckets,
            UiTasks tasks,
            Messages messages) {
        this.messages = messages;
        this.defaults = defaults;
        this.profiles = profiles;
        this.buckets = buckets;
        this.tasks = tasks;
        this.form = new ObjectSettingsViewModel(tasks, true, messages.get("objectDefaults.vm.notSaved"), messages);
        this.canSave = profile.isNotNull().and(status.busyProperty().not()).and(form.validProperty());
        profile.addListener((o, a, p) -> {
            bucketNames.clear();
            if (bucket.get() != null && !bucket.get().isEmpty()) {
                bucket.set(""); // loads
            } else {
                load();
            }
            listBuckets();
        });
        bucket.addListener((o, a, b) -> load());
    }

    // Properties //

    public ObjectSettingsViewModel form() {
        return form;
    }

    /** The saved profile whose defaults are shown; null while none is (a new profile is saved first). */
    public ObjectProperty<StorageProfile> profileProperty() {
        return profile;
    }

    public StringProperty bucketProperty() {
        return bucket;
    }

    public ObservableList<String> bucketNames() {
        return bucketNames;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return status.busyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.messageProperty();
    }

    public ReadOnlyBooleanProperty errorProperty() {
        return status.errorProperty();
    }

    public ReadOnlyStringProperty layeringProperty() {
        return layering.getReadOnlyProperty();
    }

    public BooleanBinding canSaveProperty() {
        return canSave;
    }

    // Commands //

    /** Stores the form as the defaults of the profile, or of the chosen bucket. */
    public void save() {
        StorageProfile p = profile.get();
        if (p == null) {
            return;
        }
        UploadSettings s;
        try {
            s = form.settings();
        } catch (RuntimeException invalid) {
            status.fail(describe(invalid));
            return;
        }
        String b = bucketName();
        tasks.run(() -> defaults.save(p.id(), b, s))
                .tracking(status)
                .onSuccess(v -> {
                    form.load(s, label(p, b));
                    if (b != null && !bucketNames.contains(b)) {
                        bucketNames.add(b);
                    }
                    status.show(
                            s.isEmpty()
                                    ? messages.get("objectDefaults.vm.cleared", where(p, b))
                                    : messages.get("objectDefaults.vm.saved", where(p, b)));
                })
                .onError(status::fail)
                .start();
    }

    /** Removes the defaults of this level (the ones below, if any, apply again). */
    public void clear() {
        StorageProfile p = profile.get();
        if (p == null) {
            return;
        }
        String b = bucketName();
        tasks.run(() -> defaults.save(p.id(), b, UploadSettings.NONE))
                .tracking(status)
                .onSuccess(v -> {
                    form.load(UploadSettings.NONE, label(p, b));
                    status.show(messages.get("objectDefaults.vm.cleared", where(p, b)));
                })
                .onError(status::fail)
                .start();
    }

    // helpers //

    private void load() {
        StorageProfile p = profile.get();
        status.show("");
        int gen = ++generation;
        if (p == null) {
            form.setProvider(null);
            form.load(UploadSettings.NONE, "");
            layering.set(messages.get("objectDefaults.vm.saveFirst"));
            return;
        }
        String b = bucketName();
        tasks.run(() -> new Levels(
                        defaults.stored(p.id(), b).orElse(UploadSettings.NONE),
                        b == null ? null : defaults.stored(p.id(), null).orElse(UploadSettings.NONE)))
                .tracking(status)
                .onSuccess(l -> {
                    if (gen != generation) {
                        return;
                    }
                    form.setProvider(p.provider());
                    form.load(l.own(), label(p, b));
                    layering.set(
                            b == null
                                    ? messages.get("objectDefaults.vm.profileLayer")
                                    : messages.get(
                                            "objectDefaults.vm.bucketLayer",
                                            l.profile().isEmpty()
                                                    ? messages.get("objectDefaults.vm.noneSet")
                                                    : ObjectSettingsViewModel.compact(l.profile(), messages)));
                })
                .onError(e -> {
                    if (gen == generation) {
                        status.fail(describe(e));
                    }
                })
                .start();
    }

    /** The profile's buckets (if the endpoint answers) and those with defaults of their own, in the background. */
    private void listBuckets() {
        StorageProfile p = profile.get();
        if (p == null) {
            return;
        }
        tasks.run(() -> {
                    TreeSet<String> names = new TreeSet<>(defaults.bucketsWithDefaults(p.id()));
                    if (p.defaultBucket() != null && !p.defaultBucket().isBlank()) {
                        names.add(p.defaultBucket());
                    }
                    try {
                        buckets.listBuckets(profiles.target(p)).stream()
                                .map(BucketInfo::name)
                                .forEach(names::add);
                    } catch (RuntimeException cannotList) {
                        // a bucket name can still be typed
                    }
                    return List.copyOf(names);
                })
                .onSuccess(names -> {
                    if (p.equals(profile.get())) {
                        bucketNames.setAll(names);
                    }
                })
                .start();
    }

    private String bucketName() {
        String b = bucket.get() == null ? "" : bucket.get().strip();
        return b.isEmpty() ? null : b;
    }

    private String label(StorageProfile p, String b) {
        return b == null
                ? messages.get("objectDefaults.vm.ofProfile", p.name())
                : messages.get("objectDefaults.vm.ofBucket", b);
    }

    private String where(StorageProfile p, String b) {
        return b == null
                ? messages.get("objectDefaults.vm.whereProfile", p.name())
                : messages.get("objectDefaults.vm.whereBucket", b, p.name());
    }

    /** The chosen level's own defaults, and the profile's under a bucket's (null for the profile's own). */
    private record Levels(UploadSettings own, UploadSettings profile) {}

    /** A failure in words in the user's language (S3Errors says it in English with the keys to translate it). */
    private String describe(Throwable failure) {
        return messages.oneLine(S3Errors.describe(failure));
    }
}
