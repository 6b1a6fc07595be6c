package io.obitox.presign.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.objects.Encryption;
import io.obitox.objects.ObjectSettingsDefaults;
import io.obitox.objects.SseCKey;
import io.obitox.objects.UploadSettings;
import io.obitox.objects.ui.ObjectSettingsViewModel;
import io.obitox.presign.LinkMethod;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.ui.ProfileSelection;
import io.obitox.storage.S3Errors;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * Issue 16 in the Links view: the object settings PUT links are signed with, in the shared {@code objects.ui} form,
 * pre-filled with the layered stored defaults of the profile and bucket (as the Upload view is). GET links ignore
 * them, except an SSE-C key, which is signed into every link as {@code obitox presign --sse-c-key-file} does: an SSE-C
 * object cannot be read without it. FX thread only; the defaults are read in the background.
 */
public final class LinkObjectSettings {
    /** What a batch of links is signed with. {@code key} is the SSE-C key (memory only), or null. */
    public record Applied(UploadSettings settings, SseCKey key) {
        static final Applied NONE = new Applied(UploadSettings.NONE, null);

        @Override
        public String toString() { // never the key
            return "Applied[" + settings.summary() + "]";
        }
    }

    /** Builds it over the Links view model's bucket, which it follows (the view model owns the field). */
    @FunctionalInterface
    public interface Factory {
        LinkObjectSettings create(ProfileSelection selection, ReadOnlyStringProperty bucket);

        /** The form for links ("for these links only" while changed), over the stored defaults. */
        static Factory of(ObjectSettingsDefaults defaults, UiTasks tasks, Messages messages) {
            return (selection, bucket) -> new LinkObjectSettings(
                    new ObjectSettingsViewModel(tasks, false, messages.get("links.settings.changed"), messages),
                    defaults,
                    selection,
                    bucket,
                    tasks);
        }
    }

    private final ObjectSettingsViewModel form;
    private final ObjectSettingsDefaults defaults;
    private final ProfileSelection selection;
    private final ReadOnlyStringProperty bucket;
    private final UiTasks tasks;
    private Consumer<String> notices = s -> {};
    /** Which defaults load is current: a slower earlier one (another bucket) is ignored. */
    private int generation;

    public LinkObjectSettings(
            ObjectSettingsViewModel form,
            ObjectSettingsDefaults defaults,
            ProfileSelection selection,
            ReadOnlyStringProperty bucket,
            UiTasks tasks) {
        this.form = form;
        this.defaults = defaults;
        this.selection = selection;
        this.bucket = bucket;
        this.tasks = tasks;
        selection.currentProperty().addListener((o, a, p) -> load());
        bucket.addListener((o, a, b) -> load());
        load();
    }

    public ObjectSettingsViewModel form() {
        return form;
    }

    /** Where "the settings gave way to the new target's defaults" is said (the Links view's status line). */
    void onNotice(Consumer<String> notices) {
        this.notices = notices;
    }

    /**
     * The settings and key a batch of {@code files} is signed with: the form's when any link is a PUT (throws the
     * form's problem when it is not valid); for GET links only, the SSE-C key alone, or nothing.
     */
    public Applied forLinks(List<LinkDraft> files) {
        boolean puts = files.stream().anyMatch(f -> f.method() == LinkMethod.PUT);
        SseCKey key = form.encryptionProperty().get() == Encryption.Mode.SSE_C
                ? form.sseCKeyProperty().get()
                : null;
        if (puts) {
            UploadSettings s = form.settings();
            return new Applied(s, s.encryption().mode() == Encryption.Mode.SSE_C ? key : null);
        }
        return key == null ? Applied.NONE : new Applied(UploadSettings.NONE, key);
    }

    /** Back to the stored defaults ("Reset to defaults"). */
    public void reset() {
        form.reset();
    }

    /**
     * The profile's and bucket's layered defaults, read in the background; the form offers what the profile's provider
     * has. Changes made for these links give way to the new target's defaults, and the status line says so.
     */
    private void load() {
        StorageProfile p = selection.getCurrent();
        if (p == null) {
            return;
        }
        String b = bucket.get() == null ? "" : bucket.get().trim();
        int gen = ++generation;
        tasks.run(() -> defaults.effective(p.id(), b.isEmpty() ? null : b))
                .onSuccess(d -> {
                    if (gen != generation) {
                        return;
                    }
                    boolean hadChanges = form.changedProperty().get();
                    form.setProvider(p.provider());
                    Messages m = form.messages();
                    form.load(
                            d,
                            b.isEmpty()
                                    ? m.get("links.settings.ofProfile", p.name())
                                    : m.get("links.settings.ofProfileAndBucket", p.name(), b));
                    if (hadChanges) {
                        notices.accept(
                                b.isEmpty()
                                        ? m.get("links.settings.reset", p.name())
                                        : m.get("links.settings.resetBucket", p.name(), b));
                    }
                })
                .onError(e -> {
                    if (gen == generation) {
                        form.setProvider(p.provider());
                        form.load(UploadSettings.NONE, "");
                        notices.accept(form.messages()
                                .get(
                                        "links.settings.notRead",
                                        S3Errors.describe(e).oneLine()));
                    }
                })
                .start();
    }
}
