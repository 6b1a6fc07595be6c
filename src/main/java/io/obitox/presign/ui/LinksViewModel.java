package io.obitox.presign.ui;

import io.obitox.common.Messages;
import io.obitox.common.Sizes;
import io.obitox.common.ui.StatusLine;
import io.obitox.common.ui.UiTasks;
import io.obitox.presign.ExpiryChoice;
import io.obitox.presign.LinkExport;
import io.obitox.presign.LinkMethod;
import io.obitox.presign.LinkRequest;
import io.obitox.presign.PresignBatch;
import io.obitox.presign.PresignRequest;
import io.obitox.presign.PresignService;
import io.obitox.presign.PresignedLink;
import io.obitox.profile.ProfileService;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.ui.ProfileSelection;
import io.obitox.storage.ObjectEntry;
import io.obitox.storage.S3Errors;
import io.obitox.transfer.TransferSnapshot;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Links view's state: the files to sign (objects shared from the bucket browser, finished uploads, typed keys),
 * the expiry choice with its explanation, and the signed links with copy and export. FX thread only; signing,
 * previews and exports run in the background.
 */
public final class LinksViewModel {
    private final Messages messages;
    private final PresignService presign;
    private final ProfileService profiles;
    private final ProfileSelection selection;
    private final Supplier<List<TransferSnapshot>> transfers;
    private final UiTasks tasks;
    private final LinkObjectSettings objectSettings;

    private final StringProperty bucket = new SimpleStringProperty(this, "bucket", "");
    private final ObservableList<LinkDraft> files = FXCollections.observableArrayList();
    private final ObjectProperty<LinkMethod> newMethod = new SimpleObjectProperty<>(this, "newMethod", LinkMethod.PUT);
    private final StringProperty newKey = new SimpleStringProperty(this, "newKey", "");
    private final StringProperty newSize = new SimpleStringProperty(this, "newSize", "");
    private final StringProperty newContentType = new SimpleStringProperty(this, "newContentType", "");
    private final BooleanProperty autoExpiry = new SimpleBooleanProperty(this, "autoExpiry", true);
    private final StringProperty fixedExpiry = new SimpleStringProperty(this, "fixedExpiry", "1h");
    private final ObservableList<NetworkOption> networkOptions = FXCollections.observableArrayList(NetworkOption.all());
    private final ObjectProperty<NetworkOption> network =
            new SimpleObjectProperty<>(this, "network", NetworkOption.MEASURED);
    private final ObservableList<PresignedLink> links = FXCollections.observableArrayList();
    private final ObjectProperty<PresignedLink> selectedLink = new SimpleObjectProperty<>(this, "selectedLink");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper(this, "details", "");
    private final ReadOnlyStringWrapper warnings = new ReadOnlyStringWrapper(this, "warnings", "");
    private final StatusLine status = new StatusLine(this, this::describe);
    private final BooleanBinding canGenerate;
    private final BooleanBinding hasLinks;
    private final LinkTexts texts;
    private final ExpiryPreview expiryPreview;

    public LinksViewModel(
            PresignService presign,
            ProfileService profiles,
            ProfileSelection selection,
            Supplier<List<TransferSnapshot>> transfers,
            UiTasks tasks,
            LinkObjectSettings.Factory objectSettings,
            Messages messages) {
        this.messages = messages;
        this.presign = presign;
        this.profiles = profiles;
        this.selection = selection;
        this.transfers = transfers;
        this.tasks = tasks;
        this.texts = new LinkTexts(messages);
        this.expiryPreview = new ExpiryPreview(presign, profiles, tasks, texts);
        bucket.set(defaultBucket(selection.getCurrent()));
        this.objectSettings = objectSettings.create(selection, bucket);
        this.objectSettings.onNotice(text -> status.show(text));
        // a key file still being read would sign without it
        this.canGenerate = Bindings.isNotEmpty(files)
                .and(status.busyProperty().not())
                .and(this.objectSettings.form().readingKeyProperty().not());
        this.hasLinks = Bindings.isNotEmpty(links);
        selection.currentProperty().addListener((o, a, p) -> {
            files.clear();
            bucket.set(defaultBucket(p));
            refreshPreview();
        });
        autoExpiry.addListener((o, a, b) -> refreshPreview());
        fixedExpiry.addListener((o, a, b) -> refreshPreview());
        network.addListener((o, a, b) -> refreshPreview());
        selectedLink.addListener((o, a, l) -> details.set(l == null ? "" : texts.details(l)));
    }

    // Properties //

    /** Issue 16: the object settings PUT links are signed with (the stored defaults, then changes for these links). */
    public LinkObjectSettings objectSettings() {
        return objectSettings;
    }

    public StringProperty bucketProperty() {
        return bucket;
    }

    public ObservableList<LinkDraft> files() {
        return files;
    }

    public ObjectProperty<LinkMethod> newMethodProperty() {
        return newMethod;
    }

    public StringProperty newKeyProperty() {
        return newKey;
    }

    public StringProperty newSizeProperty() {
        return newSize;
    }

    public StringProperty newContentTypeProperty() {
        return newContentType;
    }

    public BooleanProperty autoExpiryProperty() {
        return autoExpiry;
    }

    public StringProperty fixedExpiryProperty() {
        return fixedExpiry;
    }

    public ObservableList<NetworkOption> networkOptions() {
        return networkOptions;
    }

    public ObjectProperty<NetworkOption> networkProperty() {
        return network;
    }

    /** How an expiry will be derived, before signing: the throughput auto would use, or the fixed duration. */
    public ReadOnlyStringProperty expiryPreviewProperty() {
        return expiryPreview.textProperty();
    }

    public ObservableList<PresignedLink> links() {
        return links;
    }

    public ObjectProperty<PresignedLink> selectedLinkProperty() {
        return selectedLink;
    }

    /** The selected link's explanation, headers to send and warnings. */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** Warnings of the last batch (temporary credentials …); empty when there are none. */
    public ReadOnlyStringProperty warningsProperty() {
        return warnings.getReadOnlyProperty();
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

    public BooleanBinding canGenerateBinding() {
        return canGenerate;
    }

    public BooleanBinding hasLinksBinding() {
        return hasLinks;
    }

    // Commands //

    /** Objects picked in the bucket browser become GET drafts; another bucket starts a new list. */
    public void addObjects(String fromBucket, List<ObjectEntry> objects) {
        if (!fromBucket.equals(bucket.get())) {
            files.clear();
            bucket.set(fromBucket);
        }
        int added = 0;
        for (ObjectEntry o : objects) {
            if (!o.folder() && add(new LinkDraft(o.key(), LinkMethod.GET, o.size(), null, "bucket"))) {
                added++;
            }
        }
        status.show(messages.get("links.objectsReady", added, fromBucket));
    }

    /**
     * Adds the finished uploads of the current profile to the current bucket (or, with none chosen, the latest's).
     * The finished transfers are read from the database (up to 2,000 rows) and sorted in the background; only the
     * adding to the list runs on the FX thread.
     */
    public void addFinishedUploads() {
        StorageProfile p = selection.getCurrent();
        if (p == null) {
            status.fail(messages.get("buckets.addProfileFirst"));
            return;
        }
        String chosen = bucket.get() == null ? "" : bucket.get().trim();
        tasks.run(() -> FinishedUploads.of(p.name(), chosen, transfers.get()))
                .onSuccess(found -> {
                    long added = found.drafts().stream().filter(this::add).count();
                    if (added == 0) {
                        String key = found.bucket().isEmpty() ? "links.noFinished" : "links.noFinishedTo";
                        status.show(messages.get(key, found.bucket(), p.name()));
                        return;
                    }
                    bucket.set(found.bucket());
                    status.show(messages.get("links.finishedAdded", added));
                })
                .onError(status::fail)
                .start();
    }

    /** Adds the typed key (and size, content type) with the chosen method. */
    public void addTyped() {
        String key = newKey.get() == null ? "" : newKey.get().strip();
        if (key.isEmpty()) {
            status.fail(messages.get("links.typeKey"));
            return;
        }
        Long size = null;
        String sizeText = newSize.get() == null ? "" : newSize.get().strip();
        if (!sizeText.isEmpty()) {
            try {
                size = Sizes.parse(sizeText);
            } catch (Sizes.NotASize e) {
                status.fail(messages.render(e.text()));
                return;
            }
        }
        LinkMethod m = newMethod.get() == null ? LinkMethod.PUT : newMethod.get();
        if (!add(new LinkDraft(key, m, size, newContentType.get(), "typed"))) {
            status.fail(messages.get("links.already", key));
            return;
        }
        newKey.set("");
        newSize.set("");
        status.show(messages.get("links.added", m, key));
    }

    public void remove(List<LinkDraft> drafts) {
        files.removeAll(List.copyOf(drafts));
    }

    public void clearFiles() {
        files.clear();
        status.show("");
    }

    /** Signs every file in the background; the links replace the previous ones. */
    public void generate() {
        StorageProfile p = selection.getCurrent();
        if (p == null) {
            status.fail(messages.get("buckets.addProfileFirst"));
            return;
        }
        ExpiryChoice expiry;
        try {
            expiry = autoExpiry.get() ? ExpiryChoice.auto() : ExpiryChoice.parse(fixedExpiry.get());
        } catch (RuntimeException e) {
            status.fail(describe(e));
            return;
        }
        LinkObjectSettings.Applied applied;
        try {
            applied = objectSettings.forLinks(files);
        } catch (RuntimeException invalid) {
            status.fail(messages.get("links.objectSettingsInvalid", describe(invalid)));
            return;
        }
        List<LinkRequest> requests = files.stream().map(LinkDraft::toRequest).toList();
        PresignRequest request = new PresignRequest(
                bucket.get().trim(), requests, expiry, network.get().type(), applied.settings(), applied.key());
        status.show(messages.get("links.signing", requests.size()));
        tasks.run(() -> presign.presign(profiles.target(p), request))
                .tracking(status)
                .onSuccess(this::show)
                .onError(e -> status.fail(messages.get("links.noLinks", describe(e))))
                .start();
    }

    /** Every URL, one per line. */
    public String allUrls() {
        return LinkExport.urls(links);
    }

    /** The text "Copy" of {@code link} puts on the clipboard as {@code what}; the status line says what it was. */
    public String copy(PresignedLink link, LinkCopy what) {
        status.show(texts.copied(what, link));
        return what.text(link);
    }

    /** The view copied {@code count} link(s) to the clipboard. */
    public void copied(int count) {
        status.show(texts.copied(count));
    }

    public void exportCsv(Path file) {
        export(file, LinkExport.csv(List.copyOf(links)));
    }

    public void exportJson(Path file) {
        export(file, LinkExport.json(List.copyOf(links)));
    }

    /** "1 h 00 min · until Nov 28, 14:05:00" in {@code zone}. */
    public String expiryText(PresignedLink l, ZoneId zone) {
        return texts.expiry(l, zone);
    }

    /** Recomputes the expiry preview (auto: in the background, it reads the measured history). */
    public void refreshPreview() {
        expiryPreview.refresh(
                selection.getCurrent(),
                autoExpiry.get(),
                fixedExpiry.get(),
                network.get().type());
    }

    private void show(PresignBatch batch) {
        links.setAll(batch.links());
        List<String> all = new ArrayList<>(batch.warnings());
        batch.links().forEach(l -> all.addAll(l.warnings()));
        warnings.set(String.join("\n", all.stream().distinct().toList()));
        status.show(texts.signed(batch, ZoneId.systemDefault()));
        selectedLink.set(batch.links().get(0));
    }

    private void export(Path file, String text) {
        if (links.isEmpty()) {
            status.fail(messages.get("links.generateFirst"));
            return;
        }
        int n = links.size();
        tasks.run(() -> {
                    LinkExport.write(file, text);
                    return file;
                })
                .tracking(status)
                .onSuccess(f -> status.show(messages.get("links.saved", n, f)))
                .onError(e -> status.fail(messages.get("links.notSaved", describe(e))))
                .start();
    }

    private boolean add(LinkDraft d) {
        boolean present = files.stream().anyMatch(f -> f.key().equals(d.key()) && f.method() == d.method());
        if (!present) {
            files.add(d);
        }
        return !present;
    }

    private static String defaultBucket(StorageProfile p) {
        return p == null || p.defaultBucket() == null ? "" : p.defaultBucket();
    }

    /** A failure in words in the user's language (S3Errors says it in English with the keys to translate it). */
    private String describe(Throwable failure) {
        return messages.oneLine(S3Errors.describe(failure));
    }
}
