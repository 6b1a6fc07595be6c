package io.obitox.storage.ui;

import io.obitox.common.Messages;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.BucketInfo;
import io.obitox.storage.ObjectEntry;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableObjectValue;

/**
 * What the bucket browser hands to other views: the chosen bucket to the CORS wizard, selected objects to the Links
 * view. The composition root supplies both, so this feature does not depend on those views. FX thread only.
 */
public final class BucketHandOffs {
    private final Messages messages;
    private final ObservableObjectValue<BucketInfo> bucket;
    private final Supplier<StorageProfile> profile;
    private final BiConsumer<Boolean, String> status;
    private final ReadOnlyBooleanWrapper corsAvailable = new ReadOnlyBooleanWrapper(this, "corsAvailable", false);
    private final ReadOnlyBooleanWrapper shareAvailable = new ReadOnlyBooleanWrapper(this, "shareAvailable", false);
    private CorsOpener corsOpener;
    private LinkSharer linkSharer;

    BucketHandOffs(
            ObservableObjectValue<BucketInfo> bucket,
            Supplier<StorageProfile> profile,
            BiConsumer<Boolean, String> status,
            Messages messages) {
        this.bucket = bucket;
        this.messages = messages;
        this.profile = profile;
        this.status = status;
        bucket.addListener((o, a, b) -> update());
    }

    /** Opens the CORS wizard for a profile's bucket: to set it up, or ({@code checkOnly}) to verify it. */
    @FunctionalInterface
    public interface CorsOpener {
        void open(StorageProfile profile, String bucket, boolean checkOnly);
    }

    /** Hands objects of a bucket to the Links view ("Share link…"). */
    @FunctionalInterface
    public interface LinkSharer {
        void share(String bucket, List<ObjectEntry> objects);
    }

    /** True when a bucket is chosen and the CORS wizard can be opened for it. */
    public ReadOnlyBooleanProperty corsAvailableProperty() {
        return corsAvailable.getReadOnlyProperty();
    }

    /** True when a bucket is chosen and its objects can be handed to the Links view. */
    public ReadOnlyBooleanProperty shareAvailableProperty() {
        return shareAvailable.getReadOnlyProperty();
    }

    public void setCorsOpener(CorsOpener opener) {
        this.corsOpener = opener;
        update();
    }

    public void setLinkSharer(LinkSharer sharer) {
        this.linkSharer = sharer;
        update();
    }

    /** Opens the CORS wizard for the chosen bucket. */
    public void openCors(boolean checkOnly) {
        BucketInfo b = bucket.get();
        if (corsOpener != null && b != null) {
            corsOpener.open(profile.get(), b.name(), checkOnly);
        }
    }

    /** Shares the selected objects (folders are skipped) through the Links view. */
    public void shareLinks(List<ObjectEntry> selected) {
        BucketInfo b = bucket.get();
        List<ObjectEntry> objects = selected.stream().filter(e -> !e.folder()).toList();
        if (linkSharer == null || b == null) {
            return;
        }
        if (objects.isEmpty()) {
            status.accept(true, messages.get("buckets.pickToShare"));
            return;
        }
        linkSharer.share(b.name(), objects);
    }

    private void update() {
        corsAvailable.set(corsOpener != null && bucket.get() != null);
        shareAvailable.set(linkSharer != null && bucket.get() != null);
    }
}
