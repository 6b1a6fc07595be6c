package io.obitox.objects.ui;

import io.obitox.common.Messages;
import io.obitox.objects.Encryption;
import io.obitox.objects.UploadSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How object settings read in the form: the one-line summary of a collapsed panel and the labels of its choices. */
public final class ObjectSettingsLabels {
    private ObjectSettingsLabels() {}

    /**
     * The summary line: the loaded label while unchanged, else the values in short, with {@code changedNote} after
     * them while they differ from what was loaded.
     *
     * @param current the form's settings, or null when they are not valid
     */
    static String summary(
            UploadSettings current,
            String error,
            boolean changed,
            String baselineLabel,
            String changedNote,
            Messages messages) {
        if (current == null) {
            return messages.get("objectSettings.notValid", error);
        }
        if (!changed && !baselineLabel.isEmpty()) {
            return current.isEmpty()
                    ? messages.get("objectSettings.labelNoneSet", baselineLabel)
                    : baselineLabel + ": " + compact(current, messages);
        }
        String text = current.isEmpty() ? messages.get("objectSettings.nothingExtra") : compact(current, messages);
        return changed && !changedNote.isEmpty() ? text + " (" + changedNote + ")" : text;
    }

    /** "Standard IA · SSE-KMS · 2 metadata · 1 tag": the values in short, for a collapsed panel. */
    public static String compact(UploadSettings s, Messages messages) {
        List<String> parts = new ArrayList<>();
        if (s.storageClass() != null) {
            parts.add(storageClassLabel(s.storageClass()));
        }
        Encryption e = s.encryption();
        parts.add(
                switch (e.mode()) {
                    case NONE -> messages.get("objectSettings.noEncryption");
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
            parts.add(messages.get("objectSettings.language", shorten(s.contentLanguage())));
        }
        if (!s.metadata().isEmpty()) {
            parts.add(messages.get("objectSettings.metadataCount", s.metadata().size()));
        }
        if (!s.tags().isEmpty()) {
            parts.add(
                    s.tags().size() == 1
                            ? messages.get("objectSettings.oneTag")
                            : messages.get("objectSettings.tagCount", s.tags().size()));
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
    public static String modeLabel(Encryption.Mode m, Messages messages) {
        if (m == null) {
            return "";
        }
        return switch (m) {
            case NONE -> messages.get("objectSettings.mode.none");
            case AES256 -> "SSE-S3 (AES256)";
            case KMS -> "SSE-KMS (aws:kms)";
            case SSE_C -> messages.get("objectSettings.mode.sseC");
        };
    }

    private static String shorten(String s) {
        return s.length() <= 32 ? s : s.substring(0, 31) + "…";
    }
}
