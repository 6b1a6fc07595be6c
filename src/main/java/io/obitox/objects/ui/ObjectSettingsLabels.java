package io.obitox.objects.ui;

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
            UploadSettings current, String error, boolean changed, String baselineLabel, String changedNote) {
        if (current == null) {
            return "Not valid: " + error;
        }
        if (!changed && !baselineLabel.isEmpty()) {
            return baselineLabel
                    + (current.isEmpty() ? " (none set: the bucket's own settings apply)" : ": " + compact(current));
        }
        String text = current.isEmpty() ? "Nothing extra: the bucket's own settings apply" : compact(current);
        return changed && !changedNote.isEmpty() ? text + " (" + changedNote + ")" : text;
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

    private static String shorten(String s) {
        return s.length() <= 32 ? s : s.substring(0, 31) + "…";
    }
}
