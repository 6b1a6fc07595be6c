package io.obitox.objects;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether S3 would take the settings' values, checked before anything is queued so the user gets one clear message
 * instead of a 400 per file. The limits are S3's: at most 10 tags, keys up to 128 and values up to 256 characters,
 * no {@code aws:} keys; user metadata at most 2 KB (keys and values, UTF-8) and US-ASCII (S3 REST headers); header
 * values without control characters.
 */
public final class UploadSettingsRules {
    public static final int MAX_TAGS = 10;
    public static final int MAX_TAG_KEY = 128;
    public static final int MAX_TAG_VALUE = 256;
    public static final int MAX_METADATA_BYTES = 2048;
    public static final int MAX_HEADER_CHARS = 1024;
    /** The x-amz-meta-* keys ObitoX writes itself: the content's SHA-256, the file's mtime, the upload marker. */
    public static final Set<String> RESERVED_METADATA = Set.of("sha256", "mtime", "obitox-upload");

    private static final Pattern STORAGE_CLASS = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern TAG_CHARS = Pattern.compile("[\\p{L}\\p{N}\\p{Zs}+\\-=._:/@]*");
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9!#$%&'*+\\-.^_`|~]+");

    private UploadSettingsRules() {}

    /** Throws {@link ObjectSettingsErrors#INVALID} with the first problem found and how to fix it. */
    public static void check(UploadSettings s) {
        if (s.storageClass() != null && !STORAGE_CLASS.matcher(s.storageClass()).matches()) {
            throw ObjectSettingsErrors.invalid(
                    "'" + s.storageClass() + "' is not a storage class name.",
                    "Storage classes are upper-case, e.g. STANDARD, STANDARD_IA, GLACIER_IR.");
        }
        if (s.acl() != null && !ProviderCapabilities.CANNED_ACLS.contains(s.acl())) {
            throw ObjectSettingsErrors.invalid(
                    "'" + s.acl() + "' is not a canned ACL.",
                    "Use one of: " + String.join(", ", ProviderCapabilities.CANNED_ACLS) + ".");
        }
        header("Cache-Control", s.cacheControl());
        header("Content-Language", s.contentLanguage());
        header("Content-Disposition", s.contentDisposition());
        Encryption e = s.encryption();
        if (e.mode() != Encryption.Mode.KMS && (e.kmsKeyId() != null || e.bucketKey())) {
            throw ObjectSettingsErrors.invalid(
                    "A KMS key id or bucket key is given without SSE-KMS.", "Add --sse aws:kms, or leave the key out.");
        }
        if (e.mode() == Encryption.Mode.SSE_C && e.customerKeyMd5() == null) {
            throw ObjectSettingsErrors.invalid("SSE-C needs a key.", "Give --sse-c-key-file FILE.");
        }
        metadata(s.metadata());
        tags(s.tags());
    }

    private static void header(String name, String value) {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_HEADER_CHARS) {
            throw ObjectSettingsErrors.invalid(
                    name + " is " + value.length() + " characters long; at most " + MAX_HEADER_CHARS + " are taken.",
                    "Shorten it.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw ObjectSettingsErrors.invalid(
                        name + " holds a control or non-ASCII character (at " + (i + 1) + ").",
                        "HTTP header values are plain ASCII; for a non-ASCII file name use --content-disposition"
                                + " attachment, which encodes it.");
            }
        }
    }

    private static void metadata(Map<String, String> meta) {
        int bytes = 0;
        for (Map.Entry<String, String> m : meta.entrySet()) {
            String k = m.getKey();
            if (!TOKEN.matcher(k).matches()) {
                throw ObjectSettingsErrors.invalid(
                        "The metadata key '" + k + "' cannot be an HTTP header name.",
                        "Use lower-case letters, digits and '-' (it is sent as x-amz-meta-" + k + ").");
            }
            if (RESERVED_METADATA.contains(k)) {
                throw ObjectSettingsErrors.invalid(
                        "The metadata key '" + k + "' is ObitoX's own (x-amz-meta-" + k + " is written with every"
                                + " upload, to check and resume it).",
                        "Choose another key, e.g. 'my-" + k + "'.");
            }
            header("Metadata '" + k + "'", m.getValue());
            bytes += k.getBytes(StandardCharsets.UTF_8).length + m.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > MAX_METADATA_BYTES) {
            throw ObjectSettingsErrors.invalid(
                    "The metadata takes " + bytes + " bytes; S3 takes at most 2 KB of user metadata per object.",
                    "Keep fewer or shorter entries (use tags or a sidecar object for more).");
        }
    }

    private static void tags(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw ObjectSettingsErrors.invalid(
                    tags.size() + " tags given; S3 keeps at most " + MAX_TAGS + " per object.", "Remove some tags.");
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            String k = t.getKey();
            String v = t.getValue();
            if (k.isEmpty() || k.codePointCount(0, k.length()) > MAX_TAG_KEY) {
                throw ObjectSettingsErrors.invalid(
                        "The tag key '" + k + "' must be 1 to " + MAX_TAG_KEY + " characters.", "Shorten it.");
            }
            if (v.codePointCount(0, v.length()) > MAX_TAG_VALUE) {
                throw ObjectSettingsErrors.invalid(
                        "The value of tag '" + k + "' is longer than " + MAX_TAG_VALUE + " characters.", "Shorten it.");
            }
            if (k.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw ObjectSettingsErrors.invalid(
                        "The tag key '" + k + "' starts with 'aws:', which AWS keeps for itself.",
                        "Choose another key.");
            }
            if (!TAG_CHARS.matcher(k).matches() || !TAG_CHARS.matcher(v).matches()) {
                throw ObjectSettingsErrors.invalid(
                        "The tag '" + k + "=" + v + "' has a character S3 does not take in tags.",
                        "Tags take letters, digits, spaces and + - = . _ : / @.");
            }
        }
    }
}
