package io.obitox.objects.ui;

import io.obitox.common.ObitoxException;
import io.obitox.common.ui.UiTasks;
import io.obitox.objects.Encryption;
import io.obitox.objects.ObjectSettingsErrors;
import io.obitox.objects.ProviderCapabilities;
import io.obitox.objects.SseCKey;
import io.obitox.objects.UploadSettings;
import io.obitox.objects.UploadSettingsRules;
import io.obitox.storage.Provider;
import io.obitox.storage.S3Errors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
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
        NONE("None"),
        ATTACHMENT("Attachment, under each file's own name"),
        CUSTOM("Custom value");

        private final String label;

        Disposition(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final UiTasks tasks;
    /** Stored defaults: no SSE-C (its key is never stored). */
    private final boolean forDefaults;
    /** Said after the summary when the form differs from what was loaded ("for this batch only", "not saved"). */
    private final String changedNote;

    private final ReadOnlyObjectWrapper<Provider> provider =
            new ReadOnlyObjectWrapper<>(this, "provider", Provider.GENERIC);
    private final ObservableList<String> storageClasses = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper anyStorageClass = new ReadOnlyBooleanWrapper(this, "anyStorageClass", true);
    private final StringProperty storageClass = new SimpleStringProperty(this, "storageClass", "");
    private final ObservableList<Encryption.Mode> encryptionModes = FXCollections.observableArrayList();
    private final ObjectProperty<Encryption.Mode> encryption =
            new SimpleObjectProperty<>(this, "encryption", Encryption.Mode.NONE);
    private final StringProperty kmsKeyId = new SimpleStringProperty(this, "kmsKeyId", "");
    private final BooleanProperty bucketKey = new SimpleBooleanProperty(this, "bucketKey", false);
    private final ReadOnlyObjectWrapper<SseCKey> sseCKey = new ReadOnlyObjectWrapper<>(this, "sseCKey");
    private final ReadOnlyStringWrapper keyText = new ReadOnlyStringWrapper(this, "keyText", "No key file chosen.");
    private final ReadOnlyBooleanWrapper readingKey = new ReadOnlyBooleanWrapper(this, "readingKey", false);
    private final ObservableList<String> acls = FXCollections.observableArrayList();
    private final StringProperty acl = new SimpleStringProperty(this, "acl", "");
    private final ReadOnlyBooleanWrapper aclSupported = new ReadOnlyBooleanWrapper(this, "aclSupported", true);
    private final ReadOnlyBooleanWrapper tagsSupported = new ReadOnlyBooleanWrapper(this, "tagsSupported", true);
    private final ReadOnlyStringWrapper providerNote = new ReadOnlyStringWrapper(this, "providerNote", "");
    private final StringProperty cacheControl = new SimpleStringProperty(this, "cacheControl", "");
    private final ObjectProperty<Disposition> disposition =
            new SimpleObjectProperty<>(this, "disposition", Disposition.NONE);
    private final StringProperty customDisposition = new SimpleStringProperty(this, "customDisposition", "");
    private final StringProperty contentLanguage = new SimpleStringProperty(this, "contentLanguage", "");
    private final StringProperty metadata = new SimpleStringProperty(this, "metadata", "");
    private final StringProperty tags = new SimpleStringProperty(this, "tags", "");

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
    /** Why the key file could not be read, until another is chosen. */
    private String keyProblem;

    private boolean applying;
    private int keyGeneration;

    /**
     * @param forDefaults true for stored defaults (SSE-C is not offered: its key is never stored)
     * @param changedNote said after the summary while the form differs from what was loaded
     */
    public ObjectSettingsViewModel(UiTasks tasks, boolean forDefaults, String changedNote) {
        this.tasks = tasks;
        this.forDefaults = forDefaults;
        this.changedNote = changedNote;
        acls.add("");
        acls.addAll(ProviderCapabilities.CANNED_ACLS);
        offer(Provider.GENERIC);
        Observable[] inputs = {
            storageClass,
            encryption,
            kmsKeyId,
            bucketKey,
            sseCKey,
            acl,
            cacheControl,
            disposition,
            customDisposition,
            contentLanguage,
            metadata,
            tags
        };
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
        return storageClass;
    }

    public ObservableList<Encryption.Mode> encryptionModes() {
        return encryptionModes;
    }

    public ObjectProperty<Encryption.Mode> encryptionProperty() {
        return encryption;
    }

    public StringProperty kmsKeyIdProperty() {
        return kmsKeyId;
    }

    public BooleanProperty bucketKeyProperty() {
        return bucketKey;
    }

    /** The SSE-C key read from the chosen file (memory only), or null. */
    public ReadOnlyObjectProperty<SseCKey> sseCKeyProperty() {
        return sseCKey.getReadOnlyProperty();
    }

    /** "Fingerprint … (the key itself is never stored)", or what is wrong with the file. */
    public ReadOnlyStringProperty keyTextProperty() {
        return keyText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readingKeyProperty() {
        return readingKey.getReadOnlyProperty();
    }

    /** "" (none sent) first, then S3's canned ACLs. */
    public ObservableList<String> acls() {
        return acls;
    }

    /** "" for none. */
    public StringProperty aclProperty() {
        return acl;
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
        return cacheControl;
    }

    public ObjectProperty<Disposition> dispositionProperty() {
        return disposition;
    }

    public StringProperty customDispositionProperty() {
        return customDisposition;
    }

    public StringProperty contentLanguageProperty() {
        return contentLanguage;
    }

    /** One {@code key=value} per line. */
    public StringProperty metadataProperty() {
        return metadata;
    }

    /** One {@code key=value} per line. */
    public StringProperty tagsProperty() {
        return tags;
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
            return build(); // throws the same problem again
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
            dropUnsupported(dropped);
            notice.set(dropped.isEmpty() ? "" : leftOut(next, dropped));
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
            storageClass.set(orEmpty(settings.storageClass()));
            Encryption e = settings.encryption();
            encryption.set(e.mode());
            kmsKeyId.set(orEmpty(e.kmsKeyId()));
            bucketKey.set(e.bucketKey());
            clearKey();
            acl.set(orEmpty(settings.acl()));
            cacheControl.set(orEmpty(settings.cacheControl()));
            String cd = settings.contentDisposition();
            if (cd == null) {
                disposition.set(Disposition.NONE);
                customDisposition.set("");
            } else if (cd.equalsIgnoreCase(UploadSettings.ATTACHMENT)) {
                disposition.set(Disposition.ATTACHMENT);
                customDisposition.set("");
            } else {
                disposition.set(Disposition.CUSTOM);
                customDisposition.set(cd);
            }
            contentLanguage.set(orEmpty(settings.contentLanguage()));
            metadata.set(lines(settings.metadata()));
            tags.set(lines(settings.tags()));
            dropUnsupported(dropped);
        } finally {
            applying = false;
        }
        notice.set(dropped.isEmpty() ? "" : leftOut(provider.get(), dropped));
        baselineLabel = label == null ? "" : label;
        UploadSettings built;
        try {
            built = build();
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
        int gen = ++keyGeneration;
        readingKey.set(true);
        keyText.set("Reading " + file.getFileName() + " …");
        tasks.run(() -> SseCKey.read(file))
                .onSuccess(k -> {
                    if (gen == keyGeneration) {
                        keyProblem = null;
                        keyText.set("Fingerprint " + k.md5Base64() + " (the key itself is never stored)");
                        sseCKey.set(k);
                        revalidate();
                    }
                })
                .onError(e -> {
                    if (gen == keyGeneration) {
                        keyProblem = S3Errors.describe(e).message();
                        keyText.set("No usable key: " + keyProblem);
                        sseCKey.set(null);
                        revalidate();
                    }
                })
                .onFinally(() -> {
                    if (gen == keyGeneration) {
                        readingKey.set(false);
                    }
                })
                .start();
    }

    // helpers //

    private void clearKey() {
        keyGeneration++;
        keyProblem = null;
        readingKey.set(false);
        sseCKey.set(null);
        keyText.set("No key file chosen.");
    }

    private void offer(Provider p) {
        ProviderCapabilities caps = ProviderCapabilities.of(p);
        List<String> classes = new ArrayList<>();
        classes.add("");
        if (caps.storageClasses().isEmpty()) {
            // any name goes (the server decides); S3's own names as suggestions
            classes.addAll(sortedClasses(ProviderCapabilities.AWS_CLASSES));
        } else {
            classes.addAll(sortedClasses(caps.storageClasses()));
        }
        storageClasses.setAll(classes);
        anyStorageClass.set(caps.storageClasses().isEmpty());
        List<Encryption.Mode> modes = new ArrayList<>();
        modes.add(Encryption.Mode.NONE);
        if (caps.sseS3()) {
            modes.add(Encryption.Mode.AES256);
        }
        if (caps.sseKms()) {
            modes.add(Encryption.Mode.KMS);
        }
        if (caps.sseC() && !forDefaults) {
            modes.add(Encryption.Mode.SSE_C);
        }
        encryptionModes.setAll(modes);
        aclSupported.set(caps.acl());
        tagsSupported.set(caps.tags());
        providerNote.set(caps.acl() && caps.tags() ? "" : caps.note());
    }

    /** Clears what the provider lacks, naming each in {@code dropped}. */
    private void dropUnsupported(List<String> dropped) {
        ProviderCapabilities caps = ProviderCapabilities.of(provider.get());
        String sc = storageClass.get() == null ? "" : storageClass.get().strip();
        if (!sc.isEmpty()
                && !caps.storageClasses().isEmpty()
                && !caps.storageClasses().contains(sc.toUpperCase(Locale.ROOT))) {
            dropped.add("storage class " + sc);
            storageClass.set("");
        }
        if (!encryptionModes.contains(encryption.get())) {
            dropped.add(modeLabel(encryption.get()));
            encryption.set(Encryption.Mode.NONE);
        }
        if (!caps.acl() && !blank(acl.get())) {
            dropped.add("ACL " + acl.get());
            acl.set("");
        }
        if (!caps.tags() && !blank(tags.get())) {
            dropped.add("tags");
            tags.set("");
        }
    }

    private static String leftOut(Provider p, List<String> dropped) {
        return p.displayName() + " does not offer " + String.join(", ", dropped) + ": left out of the defaults.";
    }

    private void revalidate() {
        String problem;
        try {
            current = build();
            problem = "";
        } catch (ObitoxException e) {
            current = null;
            problem = e.getMessage()
                    + (e.fix() == null || e.fix().isBlank() || e.fix().contains("--") ? "" : " " + e.fix());
        }
        error.set(problem);
        valid.set(problem.isEmpty());
        changed.set(current == null || !current.equals(baseline));
        summary.set(summaryText());
    }

    private String summaryText() {
        if (current == null) {
            return "Not valid: " + error.get();
        }
        if (!changed.get() && !baselineLabel.isEmpty()) {
            return baselineLabel
                    + (current.isEmpty() ? " (none set: the bucket's own settings apply)" : ": " + compact(current));
        }
        String text = current.isEmpty() ? "Nothing extra: the bucket's own settings apply" : compact(current);
        return changed.get() && !changedNote.isEmpty() ? text + " (" + changedNote + ")" : text;
    }

    /** The settings the fields describe; throws {@link ObjectSettingsErrors#INVALID} with the first problem. */
    private UploadSettings build() {
        Encryption e = switch (encryption.get() == null ? Encryption.Mode.NONE : encryption.get()) {
            case NONE -> Encryption.NONE;
            case AES256 -> Encryption.sseS3();
            case KMS -> Encryption.kms(kmsKeyId.get(), bucketKey.get());
            case SSE_C -> {
                SseCKey k = sseCKey.get();
                if (k == null) {
                    throw invalid(
                            keyProblem != null
                                    ? "The SSE-C key file cannot be used: " + keyProblem
                                    : "SSE-C needs your key: choose its key file.",
                            "A 256-bit key, e.g. made with: openssl rand -base64 32 > sse-c.key");
                }
                yield Encryption.customer(k);
            }
        };
        String cd = switch (disposition.get() == null ? Disposition.NONE : disposition.get()) {
            case NONE -> null;
            case ATTACHMENT -> UploadSettings.ATTACHMENT;
            case CUSTOM -> {
                if (blank(customDisposition.get())) {
                    throw invalid(
                            "Custom Content-Disposition is chosen but empty.",
                            "Type a value, e.g. inline, or choose None.");
                }
                yield customDisposition.get();
            }
        };
        String sc =
                blank(storageClass.get()) ? null : storageClass.get().strip().toUpperCase(Locale.ROOT);
        UploadSettings s = new UploadSettings(
                sc,
                e,
                blank(acl.get()) ? null : acl.get().strip().toLowerCase(Locale.ROOT),
                cacheControl.get(),
                cd,
                contentLanguage.get(),
                pairs("Metadata", metadata.get(), true),
                pairs("Tags", tags.get(), false));
        UploadSettingsRules.check(s);
        ProviderCapabilities caps = ProviderCapabilities.of(provider.get());
        List<String> missing = caps.missing(s);
        if (!missing.isEmpty()) {
            throw new ObitoxException(
                    ObjectSettingsErrors.UNSUPPORTED,
                    provider.get().displayName() + " does not support " + String.join(", ", missing) + ".",
                    "Leave it out.");
        }
        return s;
    }

    /** {@code key=value} lines; blank lines skipped; metadata keys lower-cased as S3 stores them. */
    static Map<String, String> pairs(String what, String text, boolean lowerCaseKeys) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        int n = 0;
        for (String line : text.split("\\R", -1)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || line.substring(0, eq).isBlank()) {
                throw invalid(
                        what + ", line " + n + ": '" + line.strip() + "' is not key=value.",
                        "Write one key=value per line (the value may be empty: key=).");
            }
            String k = line.substring(0, eq).strip();
            String key = lowerCaseKeys ? k.toLowerCase(Locale.ROOT) : k;
            if (out.containsKey(key)) {
                throw invalid(what + ": the key '" + key + "' is given twice.", "Keep one line per key.");
            }
            out.put(key, line.substring(eq + 1).strip());
        }
        return out;
    }

    /** "Standard IA · SSE-KMS · 2 metadata · 1 tag": the values in short, for a collapsed panel. */
    public static String compact(UploadSettings s) {
        List<String> parts = new ArrayList<>();
        if (s.storageClass() != null) {
            parts.add(storageClassLabel(s.storageClass()));
        }
        Encryption e = s.encryption();
        parts.add(
                switch (e.mode()) {
                    case NONE -> "no encryption";
                    case AES256 -> "SSE-S3";
                    case KMS -> "SSE-KMS" + (e.kmsKeyId() == null ? "" : " " + e.kmsKeyId());
                    case SSE_C -> "SSE-C";
                });
        if (s.acl() != null) {
            parts.add("ACL " + s.acl());
        }
        if (s.cacheControl() != null) {
            parts.add("Cache-Control " + shorten(s.cacheControl()));
        }
        if (s.contentDisposition() != null) {
            parts.add(
                    s.contentDisposition().equalsIgnoreCase(UploadSettings.ATTACHMENT)
                            ? "attachment"
                            : "Content-Disposition " + shorten(s.contentDisposition()));
        }
        if (s.contentLanguage() != null) {
            parts.add("language " + shorten(s.contentLanguage()));
        }
        if (!s.metadata().isEmpty()) {
            parts.add(s.metadata().size() + " metadata");
        }
        if (!s.tags().isEmpty()) {
            parts.add(s.tags().size() + (s.tags().size() == 1 ? " tag" : " tags"));
        }
        return String.join(" · ", parts);
    }

    /** STANDARD → Standard, STANDARD_IA → Standard IA, GLACIER_IR → Glacier IR. */
    public static String storageClassLabel(String name) {
        StringBuilder sb = new StringBuilder();
        for (String w : name.split("_")) {
            if (w.isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            boolean acronym = w.length() <= 2;
            sb.append(acronym ? w : w.charAt(0) + w.substring(1).toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }

    /** How the encryption choice reads. */
    public static String modeLabel(Encryption.Mode m) {
        if (m == null) {
            return "";
        }
        return switch (m) {
            case NONE -> "None (the bucket's default)";
            case AES256 -> "SSE-S3 (AES256)";
            case KMS -> "SSE-KMS (aws:kms)";
            case SSE_C -> "SSE-C (your key file)";
        };
    }

    private static List<String> sortedClasses(java.util.Set<String> classes) {
        List<String> out = new ArrayList<>(classes);
        out.sort((a, b) -> a.equals("STANDARD") ? -1 : b.equals("STANDARD") ? 1 : a.compareTo(b));
        return out;
    }

    private static String shorten(String s) {
        return s.length() <= 32 ? s : s.substring(0, 31) + "…";
    }

    private static String lines(Map<String, String> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) ->
                sb.append(sb.length() == 0 ? "" : "\n").append(k).append('=').append(v));
        return sb.toString();
    }

    private static ObitoxException invalid(String message, String fix) {
        return new ObitoxException(ObjectSettingsErrors.INVALID, message, fix);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
