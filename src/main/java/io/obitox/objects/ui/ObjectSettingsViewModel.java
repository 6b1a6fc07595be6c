package io.obitox.objects.ui;

import io.obitox.common.Messages;
import io.obitox.common.ObitoxException;
import io.obitox.common.ui.UiTasks;
import io.obitox.objects.Encryption;
import io.obitox.objects.ProviderCapabilities;
import io.obitox.objects.SseCKey;
import io.obitox.objects.UploadSettings;
import io.obitox.objects.UploadSettingsRules;
import io.obitox.storage.Provider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Object settings" form (issue 16), shared by the Upload view (a batch's settings, pre-filled from the layered
 * defaults) and the Profiles view (the stored defaults of a profile or bucket): storage class, encryption, canned ACL,
 * Cache-Control, Content-Disposition, Content-Language, metadata and tags. Offers only what the target's provider has
 * ({@link ProviderCapabilities}); checks every change with {@link UploadSettingsRules} and says the first problem in
 * {@link #errorProperty()}, and {@link #validProperty()} is false meanwhile. An SSE-C key is read from its file in the
 * background and held here in memory only: the form shows its fingerprint, never the key. FX thread only.
 */
public final class ObjectSettingsViewModel {
    /** What Content-Disposition is sent. */
    public enum Disposition {
        NONE("objectSettings.disposition.none"),
        ATTACHMENT("objectSettings.disposition.attachment"),
        CUSTOM("objectSettings.disposition.custom");

        private final String key;

        Disposition(String key) {
            this.key = key;
        }

        /** The message key of how the choice reads. */
        public String key() {
            return key;
        }
    }

    /** Stored defaults: no SSE-C (its key is never stored). */
    private final boolean forDefaults;
    /** Said after the summary when the form differs from what was loaded ("for this batch only", "not saved"). */
    private final String changedNote;

    private final ReadOnlyObjectWrapper<Provider> provider =
            new ReadOnlyObjectWrapper<>(this, "provider", Provider.GENERIC);
    private final ObservableList<String> storageClasses = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper anyStorageClass = new ReadOnlyBooleanWrapper(this, "anyStorageClass", true);
    private final ObservableList<Encryption.Mode> encryptionModes = FXCollections.observableArrayList();
    private final ObjectSettingsInputs in = new ObjectSettingsInputs(this);
    private final SseCKeyField key;
    private final Messages messages;
    private final ObservableList<String> acls = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper aclSupported = new ReadOnlyBooleanWrapper(this, "aclSupported", true);
    private final ReadOnlyBooleanWrapper tagsSupported = new ReadOnlyBooleanWrapper(this, "tagsSupported", true);
    private final ReadOnlyStringWrapper providerNote = new ReadOnlyStringWrapper(this, "providerNote", "");

    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyBooleanWrapper changed = new ReadOnlyBooleanWrapper(this, "changed", false);

    /** What was loaded, less what the provider lacks: "unchanged" compares with this. */
    private UploadSettings baseline = UploadSettings.NONE;

    private String baselineLabel = "";
    /** The form's settings when valid, else null. */
    private UploadSettings current = UploadSettings.NONE;

    private boolean applying;

    /**
     * @param forDefaults true for stored defaults (SSE-C is not offered: its key is never stored)
     * @param changedNote said after the summary while the form differs from what was loaded
     */
    public ObjectSettingsViewModel(UiTasks tasks, boolean forDefaults, String changedNote, Messages messages) {
        this.messages = messages;
        this.key = new SseCKeyField(this, tasks, this::revalidate, messages);
        this.forDefaults = forDefaults;
        this.changedNote = changedNote;
        acls.add("");
        acls.addAll(ProviderCapabilities.CANNED_ACLS);
        offer(Provider.GENERIC);
        List<Observable> inputs = new ArrayList<>(List.of(in.all()));
        inputs.add(key.key());
        for (Observable o : inputs) {
            o.addListener(x -> {
                if (!applying) {
                    revalidate();
                }
            });
        }
        revalidate();
    }

    // Properties //

    public ReadOnlyObjectProperty<Provider> providerProperty() {
        return provider.getReadOnlyProperty();
    }

    /** The classes offered: "" (the bucket's default) first, then the provider's. */
    public ObservableList<String> storageClasses() {
        return storageClasses;
    }

    /** The provider names no list of classes (Ceph, generic): any name may be typed. */
    public ReadOnlyBooleanProperty anyStorageClassProperty() {
        return anyStorageClass.getReadOnlyProperty();
    }

    /** "" for the bucket's default. */
    public StringProperty storageClassProperty() {
        return in.storageClass;
    }

    public ObservableList<Encryption.Mode> encryptionModes() {
        return encryptionModes;
    }

    public ObjectProperty<Encryption.Mode> encryptionProperty() {
        return in.encryption;
    }

    public StringProperty kmsKeyIdProperty() {
        return in.kmsKeyId;
    }

    public BooleanProperty bucketKeyProperty() {
        return in.bucketKey;
    }

    /** The SSE-C key read from the chosen file (memory only), or null. */
    public ReadOnlyObjectProperty<SseCKey> sseCKeyProperty() {
        return key.key().getReadOnlyProperty();
    }

    /** "Fingerprint … (the key itself is never stored)", or what is wrong with the file. */
    public ReadOnlyStringProperty keyTextProperty() {
        return key.text().getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readingKeyProperty() {
        return key.reading().getReadOnlyProperty();
    }

    /** "" (none sent) first, then S3's canned ACLs. */
    public ObservableList<String> acls() {
        return acls;
    }

    /** "" for none. */
    public StringProperty aclProperty() {
        return in.acl;
    }

    public ReadOnlyBooleanProperty aclSupportedProperty() {
        return aclSupported.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty tagsSupportedProperty() {
        return tagsSupported.getReadOnlyProperty();
    }

    /** Why the provider lacks ACLs or tags (its note from the capability table); empty when it has both. */
    public ReadOnlyStringProperty providerNoteProperty() {
        return providerNote.getReadOnlyProperty();
    }

    public StringProperty cacheControlProperty() {
        return in.cacheControl;
    }

    public ObjectProperty<Disposition> dispositionProperty() {
        return in.disposition;
    }

    public StringProperty customDispositionProperty() {
        return in.customDisposition;
    }

    public StringProperty contentLanguageProperty() {
        return in.contentLanguage;
    }

    /** One {@code key=value} per line. */
    public StringProperty metadataProperty() {
        return in.metadata;
    }

    /** One {@code key=value} per line. */
    public StringProperty tagsProperty() {
        return in.tags;
    }

    /** The first problem and how to fix it; empty when the settings are valid. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** What the loaded settings had that this provider lacks and was therefore left out; usually empty. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** One line for a collapsed panel: "Standard · no encryption · 2 metadata · 1 tag", "Defaults of profile X: …". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The form differs from what was last loaded. */
    public ReadOnlyBooleanProperty changedProperty() {
        return changed.getReadOnlyProperty();
    }

    /** The settings the form holds; throws the form's error when they are not valid. */
    public UploadSettings settings() {
        if (current == null) {
            return in.build(key, provider.get(), messages); // throws the same problem again
        }
        return current;
    }

    // Commands //

    /**
     * The target's provider: which storage classes, encryptions, ACLs and tags are offered. A value the provider lacks
     * is left out, and {@link #noticeProperty()} says so.
     */
    public void setProvider(Provider p) {
        Provider next = p == null ? Provider.GENERIC : p;
        applying = true;
        try {
            provider.set(next);
            offer(next);
            List<String> dropped = new ArrayList<>();
            in.dropUnsupported(next, encryptionModes, dropped, messages);
            notice.set(dropped.isEmpty() ? "" : ProviderOffer.leftOut(next, dropped, messages));
        } finally {
            applying = false;
        }
        revalidate();
    }

    /**
     * Fills the form with {@code s} (stored defaults) and takes it as the state "unchanged" is measured against.
     *
     * @param label what the summary calls these settings while unchanged, e.g. "Defaults of profile Office"
     */
    public void load(UploadSettings s, String label) {
        UploadSettings settings = s == null ? UploadSettings.NONE : s;
        applying = true;
        List<String> dropped = new ArrayList<>();
        try {
            in.fill(settings);
            key.clear();
            in.dropUnsupported(provider.get(), encryptionModes, dropped, messages);
        } finally {
            applying = false;
        }
        notice.set(dropped.isEmpty() ? "" : ProviderOffer.leftOut(provider.get(), dropped, messages));
        baselineLabel = label == null ? "" : label;
        UploadSettings built;
        try {
            built = in.build(key, provider.get(), messages);
        } catch (ObitoxException invalid) {
            built = null;
        }
        baseline = built == null ? settings : built;
        revalidate();
    }

    /** Back to what was last loaded (after a batch was sent, or on "Reset"). */
    public void reset() {
        load(baseline, baselineLabel);
    }

    /** Reads an SSE-C key file in the background; the form keeps the key in memory and shows its fingerprint. */
    public void chooseKeyFile(Path file) {
        key.choose(file);
    }

    // helpers //

    private void offer(Provider p) {
        ProviderOffer offer = ProviderOffer.of(p, !forDefaults);
        storageClasses.setAll(offer.storageClasses());
        anyStorageClass.set(offer.anyStorageClass());
        encryptionModes.setAll(offer.encryptionModes());
        aclSupported.set(offer.acl());
        tagsSupported.set(offer.tags());
        providerNote.set(offer.note());
    }

    private void revalidate() {
        String problem;
        try {
            current = in.build(key, provider.get(), messages);
            problem = "";
        } catch (ObitoxException e) {
            current = null;
            problem = e.getMessage()
                    + (e.fix() == null || e.fix().isBlank() || e.fix().contains("--") ? "" : " " + e.fix());
        }
        error.set(problem);
        valid.set(problem.isEmpty());
        changed.set(current == null || !current.equals(baseline));
        summary.set(ObjectSettingsLabels.summary(
                current, error.get(), changed.get(), baselineLabel, changedNote, messages));
    }

    /**
     * "Standard IA · SSE-KMS · 2 metadata · 1 tag"; here too because the Profiles view's defaults list calls it so.
     */
    public static String compact(UploadSettings s, Messages messages) {
        return ObjectSettingsLabels.compact(s, messages);
    }

    /** The texts of the form that shows this view model (it is built by views that do not pass them). */
    public Messages messages() {
        return messages;
    }
}
