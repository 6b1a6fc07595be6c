package io.obitox.presign.ui;

import io.obitox.common.ui.UiTasks;
import io.obitox.presign.ExpiryChoice;
import io.obitox.presign.NetworkType;
import io.obitox.presign.PresignService;
import io.obitox.profile.ProfileService;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.S3Errors;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * How the Links view's expiry will be derived, before signing: the throughput "auto" would use (read in the
 * background from the measured history), or the fixed duration. FX thread only.
 */
final class ExpiryPreview {
    private final LinkTexts texts;
    private final PresignService presign;
    private final ProfileService profiles;
    private final UiTasks tasks;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private UiTasks.Handle running;

    ExpiryPreview(PresignService presign, ProfileService profiles, UiTasks tasks, LinkTexts texts) {
        this.texts = texts;
        this.presign = presign;
        this.profiles = profiles;
        this.tasks = tasks;
    }

    ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Recomputes it; an earlier estimate still running is cancelled (its answer would be for other choices). */
    void refresh(StorageProfile p, boolean auto, String fixed, NetworkType network) {
        if (running != null) {
            running.cancel();
            running = null;
        }
        if (!auto) {
            try {
                text.set(texts.fixedPreview(ExpiryChoice.parse(fixed).fixedSeconds()));
            } catch (RuntimeException e) {
                text.set(S3Errors.describe(e).oneLine());
            }
            return;
        }
        if (p == null) {
            text.set("");
            return;
        }
        running = tasks.run(() -> presign.estimate(profiles.target(p), network))
                .onSuccess(e -> text.set(texts.autoPreview(e)))
                .onError(e -> text.set(texts.autoFailed(S3Errors.describe(e).oneLine())))
                .start();
    }
}
