package io.obitox.objects.ui;

import io.obitox.common.Messages;
import io.obitox.common.ObitoxException;
import io.obitox.objects.Encryption;
import io.obitox.objects.ObjectSettingsErrors;
import io.obitox.objects.ProviderCapabilities;
import io.obitox.objects.SseCKey;
import io.obitox.objects.UploadSettings;
import io.obitox.objects.UploadSettingsRules;
import io.obitox.objects.ui.ObjectSettingsViewModel.Disposition;
import io.obitox.storage.Provider;
import java.util.List;
import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The fields of the object-settings form as the user edits them (the SSE-C key aside: {@link SseCKeyField}), and
 * their mapping to and from {@link UploadSettings}. FX thread only.
 */
final class ObjectSettingsInputs {
    final StringProperty storageClass;
    final ObjectProperty<Encryption.Mode> encryption;
    final StringProperty kmsKeyId;
    final BooleanProperty bucketKey;
    final StringProperty acl;
    final StringProperty cacheControl;
    final ObjectProperty<Disposition> disposition;
    final StringProperty customDisposition;
    final StringProperty contentLanguage;
    final StringProperty metadata;
    final StringProperty tags;

    /** @param bean the view model whose properties these are */
    ObjectSettingsInputs(Object bean) {
        storageClass = new SimpleStringProperty(bean, "storageClass", "");
        encryption = new SimpleObjectProperty<>(bean, "encryption", Encryption.Mode.NONE);
        kmsKeyId = new SimpleStringProperty(bean, "kmsKeyId", "");
        bucketKey = new SimpleBooleanProperty(bean, "bucketKey", false);
        acl = new SimpleStringProperty(bean, "acl", "");
        cacheControl = new SimpleStringProperty(bean, "cacheControl", "");
        disposition = new SimpleObjectProperty<>(bean, "disposition", Disposition.NONE);
        customDisposition = new SimpleStringProperty(bean, "customDisposition", "");
        contentLanguage = new SimpleStringProperty(bean, "contentLanguage", "");
        metadata = new SimpleStringProperty(bean, "metadata", "");
        tags = new SimpleStringProperty(bean, "tags", "");
    }

    /** Every field, to listen for edits. */
    Observable[] all() {
        return new Observable[] {
            storageClass,
            encryption,
            kmsKeyId,
            bucketKey,
            acl,
            cacheControl,
            disposition,
            customDisposition,
            contentLanguage,
            metadata,
            tags
        };
    }

    /** Shows {@code settings} in the fields (an SSE-C key is never among them). */
    void fill(UploadSettings settings) {
        storageClass.set(orEmpty(settings.storageClass()));
        Encryption e = settings.encryption();
        encryption.set(e.mode());
        kmsKeyId.set(orEmpty(e.kmsKeyId()));
        bucketKey.set(e.bucketKey());
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
        metadata.set(KeyValueLines.format(settings.metadata()));
        tags.set(KeyValueLines.format(settings.tags()));
    }

    /**
     * Clears what the provider lacks, naming each in {@code dropped}.
     *
     * @param offered the encryption modes the form offers for the provider
     */
    void dropUnsupported(Provider provider, List<Encryption.Mode> offered, List<String> dropped, Messages messages) {
        ProviderCapabilities caps = ProviderCapabilities.of(provider);
        String sc = storageClass.get() == null ? "" : storageClass.get().strip();
        if (!sc.isEmpty()
                && !caps.storageClasses().isEmpty()
                && !caps.storageClasses().contains(sc.toUpperCase(Locale.ROOT))) {
            dropped.add(messages.get("objectSettings.dropped.storageClass", sc));
            storageClass.set("");
        }
        if (!offered.contains(encryption.get())) {
            dropped.add(ObjectSettingsLabels.modeLabel(encryption.get(), messages));
            encryption.set(Encryption.Mode.NONE);
        }
        if (!caps.acl() && !blank(acl.get())) {
            dropped.add("ACL " + acl.get());
            acl.set("");
        }
        if (!caps.tags() && !blank(tags.get())) {
            dropped.add(messages.get("objectSettings.dropped.tags"));
            tags.set("");
        }
    }

    /** The settings the fields describe; throws {@link ObjectSettingsErrors#INVALID} with the first problem. */
    UploadSettings build(SseCKeyField key, Provider provider, Messages messages) {
        Encryption e = switch (encryption.get() == null ? Encryption.Mode.NONE : encryption.get()) {
            case NONE -> Encryption.NONE;
            case AES256 -> Encryption.sseS3();
            case KMS -> Encryption.kms(kmsKeyId.get(), bucketKey.get());
            case SSE_C -> {
                SseCKey k = key.key().get();
                if (k == null) {
                    throw KeyValueLines.invalid(
                            key.problem() != null
                                    ? messages.get("objectSettings.invalid.keyUnusable", key.problem())
                                    : messages.get("objectSettings.invalid.keyNeeded"),
                            messages.get("objectSettings.invalid.keyFix"));
                }
                yield Encryption.customer(k);
            }
        };
        String cd = switch (disposition.get() == null ? Disposition.NONE : disposition.get()) {
            case NONE -> null;
            case ATTACHMENT -> UploadSettings.ATTACHMENT;
            case CUSTOM -> {
                if (blank(customDisposition.get())) {
                    throw KeyValueLines.invalid(
                            messages.get("objectSettings.invalid.dispositionEmpty"),
                            messages.get("objectSettings.invalid.dispositionFix"));
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
                KeyValueLines.parse(messages.get("objectSettings.invalid.metadata"), metadata.get(), true, messages),
                KeyValueLines.parse(messages.get("objectSettings.invalid.tags"), tags.get(), false, messages));
        UploadSettingsRules.check(s);
        List<String> missing = ProviderCapabilities.of(provider).missing(s);
        if (!missing.isEmpty()) {
            throw new ObitoxException(
                    ObjectSettingsErrors.UNSUPPORTED,
                    messages.get(
                            "objectSettings.invalid.unsupported", provider.displayName(), String.join(", ", missing)),
                    messages.get("objectSettings.invalid.unsupportedFix"));
        }
        return s;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
