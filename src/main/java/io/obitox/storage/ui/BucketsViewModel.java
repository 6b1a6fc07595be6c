package io.obitox.storage.ui;

import io.obitox.common.Messages;
import io.obitox.common.TextRef;
import io.obitox.common.ui.StatusLine;
import io.obitox.common.ui.UiTasks;
import io.obitox.profile.ProfileService;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.ui.ProfileSelection;
import io.obitox.storage.BucketInfo;
import io.obitox.storage.BucketNames;
import io.obitox.storage.BucketService;
import io.obitox.storage.DeleteService;
import io.obitox.storage.ObjectDetailsService;
import io.obitox.storage.ObjectEntry;
import io.obitox.storage.ObjectListing;
import io.obitox.storage.S3Errors;
import io.obitox.storage.S3Target;
import java.util.List;
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

/**
 * The bucket browser: buckets of the current profile, objects of the chosen bucket by prefix (one page of 1,000 at a
 * time, "Load more" for the next: a prefix of 100,000 keys shows its first page at once), a filter of what is listed,
 * "search from here" ({@link ListingFilterViewModel}), delete ({@link DeleteViewModel}),
 * details ({@link ObjectDetailsViewModel}), download ({@link DownloadViewModel}), files dropped onto the folder ({@link FolderDropViewModel}), create
 * bucket, refresh. FX thread only;
 * every call to storage runs in the background and can be cancelled.
 */
public final class BucketsViewModel {
    private final Messages messages;
    private final ProfileService profiles;
    private final BucketService buckets;
    private final UiTasks tasks;
    private final ProfileSelection selection;

    private final ObservableList<BucketInfo> bucketList = FXCollections.observableArrayList();
    private final ObjectProperty<BucketInfo> bucket = new SimpleObjectProperty<>(this, "bucket");
    private final ReadOnlyStringWrapper prefix = new ReadOnlyStringWrapper(this, "prefix", "");
    private final ObservableList<ObjectEntry> entries = FXCollections.observableArrayList();
    private final ListingFilterViewModel filter;
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper(this, "hasMore", false);
    private final StatusLine status = new StatusLine(this, this::describe);
    private final StringProperty newBucketName = new SimpleStringProperty(this, "newBucketName", "");
    private final DeleteViewModel deletes;
    private final ObjectDetailsViewModel details;
    private final FolderDropViewModel drops;
    private final DownloadViewModel downloads;
    private final BucketHandOffs handOffs;
    private boolean keepStatus;
    private S3Target target;
    private String nextToken;
    private UiTasks.Handle running;

    public BucketsViewModel(
            ProfileService profiles,
            BucketService buckets,
            DeleteService deleteService,
            ObjectDetailsService detailsService,
            DownloadViewModel.Downloader downloader,
            UiTasks tasks,
            ProfileSelection selection,
            Messages messages) {
        this.profiles = profiles;
        this.messages = messages;
        this.buckets = buckets;
        this.tasks = tasks;
        this.selection = selection;
        this.deletes = new DeleteViewModel(deleteService, tasks, status, this::reloadKeepingStatus, messages);
        this.details = new ObjectDetailsViewModel(detailsService, tasks, messages);
        this.downloads = new DownloadViewModel(downloader, tasks, selection, bucket, status, messages);
        this.drops = new FolderDropViewModel(
                tasks, selection, bucket, prefix.getReadOnlyProperty(), status.busyFlag(), status::report, messages);
        this.handOffs = new BucketHandOffs(bucket, selection::getCurrent, status::report, messages);
        this.filter = new ListingFilterViewModel(entries, prefix::get, buckets, tasks, status, messages);
        selection.currentProperty().addListener((o, a, p) -> refreshBuckets());
        bucket.addListener((o, a, b) -> {
            details.close();
            prefix.set("");
            entries.clear();
            hasMore.set(false);
            if (b != null) {
                loadObjects(false);
            }
        });
    }

    // Properties //

    public ObservableList<BucketInfo> buckets() {
        return bucketList;
    }

    public ObjectProperty<BucketInfo> bucketProperty() {
        return bucket;
    }

    public ReadOnlyStringProperty prefixProperty() {
        return prefix.getReadOnlyProperty();
    }

    public ObservableList<ObjectEntry> entries() {
        return entries;
    }

    /** The filter of the listing and "search from here". */
    public ListingFilterViewModel filter() {
        return filter;
    }

    public DeleteViewModel deletes() {
        return deletes;
    }

    public ObjectDetailsViewModel details() {
        return details;
    }

    /** "Download…": the selection queued as downloads into a local folder. */
    public DownloadViewModel downloads() {
        return downloads;
    }

    /** Files dropped onto the listing: checked and queued into the folder shown. */
    public FolderDropViewModel drops() {
        return drops;
    }

    /**
     * What the empty object list says: pick a bucket, listing, nothing matches the filter, or nothing in the folder
     * (it said "pick a bucket" even with a bucket chosen).
     */
    public javafx.beans.binding.StringExpression placeholderProperty() {
        return javafx.beans.binding.Bindings.createStringBinding(
                () -> {
                    BucketInfo b = bucket.get();
                    String f = filter.filterProperty().get();
                    if (b == null) {
                        return messages.get("buckets.pickBucket");
                    } else if (status.busyProperty().get()) {
                        return messages.get("buckets.placeholder.listing");
                    } else if (f != null && !f.isBlank()) {
                        return messages.get("buckets.placeholder.noMatch", f.strip());
                    }
                    return messages.get("buckets.placeholder.empty", "s3://" + b.name() + "/" + prefix.get());
                },
                bucket,
                prefix,
                filter.filterProperty(),
                status.busyProperty());
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore.getReadOnlyProperty();
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

    public StringProperty newBucketNameProperty() {
        return newBucketName;
    }

    public ProfileSelection selection() {
        return selection;
    }

    /** The chosen bucket to the CORS wizard, selected objects to the Links view. */
    public BucketHandOffs handOffs() {
        return handOffs;
    }

    // Commands //

    /** Lists the buckets of the current profile, keeping the chosen bucket when it is still there. */
    public void refreshBuckets() {
        StorageProfile p = selection.getCurrent();
        cancel();
        if (p == null) {
            bucketList.clear();
            status.show(messages.get("buckets.addProfileFirst"));
            return;
        }
        String keep = bucket.get() == null ? p.defaultBucket() : bucket.get().name();
        status.show(messages.get("buckets.listingBuckets", p.name()));
        running = tasks.run(() -> {
                    S3Target t = profiles.target(p);
                    return new Loaded(t, buckets.listBuckets(t));
                })
                .tracking(status)
                .onSuccess(l -> {
                    target = l.target();
                    bucketList.setAll(l.buckets());
                    status.show(
                            l.buckets().isEmpty()
                                    ? messages.get("buckets.noBucketsYet")
                                    : messages.get(
                                            "buckets.bucketCount", l.buckets().size(), p.name()));
                    BucketInfo again = l.buckets().stream()
                            .filter(b -> b.name().equals(keep))
                            .findFirst()
                            .orElse(null);
                    if (again != null && again.equals(bucket.get())) {
                        loadObjects(false);
                    } else {
                        bucket.set(again);
                    }
                })
                .onError(status::fail)
                .onCancelled(() -> status.show(messages.get("buckets.cancelled")))
                .start();
    }

    /** Reloads the current folder. */
    public void refresh() {
        if (bucket.get() == null) {
            refreshBuckets();
        } else {
            loadObjects(false);
        }
    }

    /** Opens a folder entry, or does nothing for an object. */
    public void open(ObjectEntry entry) {
        if (entry != null && entry.folder()) {
            prefix.set(entry.key());
            loadObjects(false);
        }
    }

    /** One folder up. */
    public void up() {
        String p = prefix.get();
        if (p.isEmpty()) {
            return;
        }
        String trimmed = p.substring(0, p.length() - 1);
        int slash = trimmed.lastIndexOf('/');
        prefix.set(slash < 0 ? "" : trimmed.substring(0, slash + 1));
        loadObjects(false);
    }

    /** The next page; ignored while anything runs, so two clicks (or a click and a scroll) never fetch one twice. */
    public void loadMore() {
        if (hasMore.get() && !status.isBusy()) {
            loadObjects(true);
        }
    }

    public void createBucket() {
        String name = newBucketName.get() == null ? "" : newBucketName.get().trim();
        TextRef problem = BucketNames.problemText(name);
        if (problem != null) {
            status.fail(messages.render(problem));
            return;
        }
        if (target == null) {
            status.fail(messages.get("buckets.notLoaded"));
            return;
        }
        S3Target t = target;
        running = tasks.run(() -> {
                    buckets.createBucket(t, name);
                    return buckets.listBuckets(t);
                })
                .tracking(status)
                .onSuccess(list -> {
                    bucketList.setAll(list);
                    newBucketName.set("");
                    status.show(messages.get("buckets.created", name));
                    list.stream().filter(b -> b.name().equals(name)).findFirst().ifPresent(bucket::set);
                })
                .onError(status::fail)
                .start();
    }

    /** "Search from here": every level below the folder shown, names containing the filter text. */
    public void searchFromHere() {
        BucketInfo b = bucket.get();
        if (b != null && target != null) {
            cancel();
            running = filter.search(target, b.name(), prefix.get(), matches -> {
                entries.setAll(matches);
                hasMore.set(false);
            });
        }
    }

    /** Starts a delete of the selection: the plan first, then the view asks (see {@link DeleteViewModel}). */
    public void deleteSelected(List<ObjectEntry> selected) {
        BucketInfo b = bucket.get();
        if (b != null && target != null) {
            cancel();
            running = deletes.prepare(target, b.name(), selected);
        }
    }

    /** The user said yes to the pending delete; Esc (cancel) stops it between requests of 1,000. */
    public void confirmDelete() {
        cancel();
        running = deletes.confirm();
    }

    /** Opens the details pane for an object (folders have none). */
    public void showDetails(ObjectEntry entry) {
        BucketInfo b = bucket.get();
        if (entry == null || b == null || target == null) {
            return;
        }
        if (entry.folder()) {
            status.show(messages.get("buckets.folderNoDetails"));
            return;
        }
        details.show(target, b.name(), entry.key());
    }

    /** {@code s3://bucket/key} of an entry in the open bucket. */
    public String s3Uri(ObjectEntry entry) {
        return bucket.get() == null ? "" : "s3://" + bucket.get().name() + "/" + entry.key();
    }

    public void cancel() {
        if (running != null) {
            running.cancel();
            running = null;
        }
    }

    private void loadObjects(boolean more) {
        BucketInfo b = bucket.get();
        if (b == null || target == null) {
            return;
        }
        if (running != null && !more) {
            running.cancel();
        }
        S3Target t = target;
        String p = prefix.get();
        String token = more ? nextToken : null;
        String before = keepStatus ? status.message() + " " : "";
        boolean beforeError = keepStatus && status.isError();
        keepStatus = false;
        status.report(beforeError, before + messages.get("buckets.listing", b.name() + "/" + p));
        running = tasks.run(() -> buckets.listObjects(t, b.name(), p, false, token))
                .tracking(status)
                .onSuccess((ObjectListing l) -> {
                    if (!more) {
                        entries.setAll(l.entries());
                    } else {
                        entries.addAll(l.entries());
                    }
                    nextToken = l.nextToken();
                    hasMore.set(l.hasMore());
                    long folders = entries.stream().filter(ObjectEntry::folder).count();
                    status.report(
                            beforeError,
                            before
                                    + messages.get(
                                            l.hasMore() ? "buckets.countSoFar" : "buckets.count",
                                            folders,
                                            entries.size() - folders));
                })
                .onError(status::fail)
                .onCancelled(() -> status.show(messages.get("buckets.cancelled")))
                .start();
    }

    /** After a delete: the listing is stale, but what the delete said must stay readable. */
    private void reloadKeepingStatus() {
        keepStatus = true;
        loadObjects(false);
    }

    private record Loaded(S3Target target, List<BucketInfo> buckets) {}

    /** A failure in words in the user's language (S3Errors says it in English with the keys to translate it). */
    private String describe(Throwable failure) {
        return messages.oneLine(S3Errors.describe(failure));
    }
}
