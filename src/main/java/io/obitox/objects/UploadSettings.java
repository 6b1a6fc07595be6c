package io.obitox.objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an upload asks S3 to store besides the bytes (issue 16). Immutable; {@link #NONE} sends nothing extra (the
 * bucket's defaults apply). Stored with each transfer (as JSON, see {@link UploadSettingsJson}) so a resumed upload
 * sends the same; {@link UploadSettingsRules#check} says whether S3 would take the values.
 *
 * @param storageClass e.g. {@code STANDARD_IA}; null: the bucket's default
 * @param acl a canned ACL, e.g. {@code private}; null: none sent
 * @param contentDisposition null: none; {@link #ATTACHMENT}: {@code attachment; filename*=UTF-8''…} of each file's own
 *     name; anything else is sent as written
 * @param metadata user metadata, sent as {@code x-amz-meta-<key>}; keys lower-case
 * @param tags object tags, sent as {@code x-amz-tagging}
 */
public record UploadSettings(
        String storageClass,
        Encryption encryption,
        String acl,
        String cacheControl,
        String contentDisposition,
        String contentLanguage,
        Map<String, String> metadata,
        Map<String, String> tags) {
    /** The {@code --content-disposition} value that means "download under the file's own name". */
    public static final String ATTACHMENT = "attachment";

    public static final UploadSettings NONE = new UploadSettings(null, null, null, null, null, null, null, null);

    public UploadSettings {
        storageClass = blankToNull(storageClass);
        encryption = encryption == null ? Encryption.NONE : encryption;
        acl = blankToNull(acl);
        cacheControl = blankToNull(cacheControl);
        contentDisposition = blankToNull(contentDisposition);
        contentLanguage = blankToNull(contentLanguage);
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    @JsonIgnore
    public boolean isEmpty() {
        return equals(NONE);
    }

    /** The Content-Disposition header for a file of this name, or null for none. */
    public String contentDispositionFor(String fileName) {
        if (contentDisposition == null) {
            return null;
        }
        if (contentDisposition.equalsIgnoreCase(ATTACHMENT)) {
            return attachment(fileName);
        }
        return contentDisposition;
    }

    /** {@code attachment; filename*=UTF-8''<name>} with the name percent-encoded as RFC 5987 wants. */
    public static String attachment(String fileName) {
        StringBuilder sb = new StringBuilder("attachment; filename*=UTF-8''");
        for (byte b : fileName.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    /** The {@code x-amz-tagging} header value: {@code k=v&k2=v2}, URL-encoded; null without tags. */
    public String taggingHeader() {
        if (tags.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        tags.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(urlEncode(k)).append('=').append(urlEncode(v));
        });
        return sb.toString();
    }

    /** These settings with {@code over}'s non-empty fields on top (flags over stored defaults); maps merge. */
    public UploadSettings overriddenBy(UploadSettings over) {
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.putAll(over.metadata);
        Map<String, String> t = new LinkedHashMap<>(tags);
        t.putAll(over.tags);
        return new UploadSettings(
                or(over.storageClass, storageClass),
                over.encryption.isNone() ? encryption : over.encryption,
                or(over.acl, acl),
                or(over.cacheControl, cacheControl),
                or(over.contentDisposition, contentDisposition),
                or(over.contentLanguage, contentLanguage),
                meta,
                t);
    }

    public UploadSettings withEncryption(Encryption e) {
        return new UploadSettings(
                storageClass, e, acl, cacheControl, contentDisposition, contentLanguage, metadata, tags);
    }

    /** One line for summaries and logs (never a key: SSE-C shows its fingerprint only). */
    public String summary() {
        if (isEmpty()) {
            return "bucket defaults";
        }
        StringBuilder sb = new StringBuilder();
        add(sb, "storage class", storageClass);
        add(sb, "encryption", encryption.isNone() ? null : encryption.label());
        add(sb, "ACL", acl);
        add(sb, "Cache-Control", cacheControl);
        add(sb, "Content-Disposition", contentDisposition);
        add(sb, "Content-Language", contentLanguage);
        add(sb, "metadata", metadata.isEmpty() ? null : String.valueOf(metadata.size()));
        add(sb, "tags", tags.isEmpty() ? null : String.valueOf(tags.size()));
        return sb.toString();
    }

    private static void add(StringBuilder sb, String name, String value) {
        if (value != null) {
            sb.append(sb.length() == 0 ? "" : ", ").append(name).append(' ').append(value);
        }
    }

    static String urlEncode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
