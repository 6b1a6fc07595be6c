package io.obitox.validation;

import io.obitox.common.TextRef;
import io.obitox.validation.detect.DetectedType;
import io.obitox.validation.detect.TypeRegistry;
import java.util.List;
import java.util.Map;

/**
 * Type decisions of the validator: whether a detected type is allowed by a list of patterns, and whether content
 * contradicts the file's extension.
 *
 * <p>A mismatch needs both sides to be recognised: the content is a known binary format (JPEG, ZIP, MP4…) and the
 * extension names another one, or one side is text and the other a binary format ({@code .png} holding HTML, a
 * {@code .txt} holding a PNG). Related formats never mismatch: all ZIP packages (docx, odt, epub, jar…) are one
 * family, as are MP4/MOV/M4A/3GP, Matroska/WebM, and all Ogg media. Unknown extensions and unrecognised content never
 * mismatch: there is nothing to contradict.
 */
public final class TypeRules {
    private static final Map<String, String> FAMILIES = Map.ofEntries(
            Map.entry("image/jpeg", "val.family.jpeg"),
            Map.entry("image/png", "val.family.png"),
            Map.entry("image/gif", "val.family.gif"),
            Map.entry("image/webp", "val.family.webp"),
            Map.entry("image/bmp", "val.family.bmp"),
            Map.entry("image/tiff", "val.family.tiff"),
            Map.entry("image/heic", "val.family.heif"),
            Map.entry("image/heif", "val.family.heif"),
            Map.entry("image/avif", "val.family.avif"),
            Map.entry("image/jp2", "val.family.jp2"),
            Map.entry("image/vnd.microsoft.icon", "val.family.icon"),
            Map.entry("image/vnd.adobe.photoshop", "val.family.photoshop"),
            Map.entry("application/pdf", "val.family.pdf"),
            Map.entry("application/zip", "val.family.zip"),
            Map.entry("application/x-tika-msoffice", "val.family.ole2"),
            Map.entry("video/mp4", "val.family.mp4"),
            Map.entry("video/quicktime", "val.family.mp4"),
            Map.entry("audio/mp4", "val.family.mp4"),
            Map.entry("video/x-m4v", "val.family.mp4"),
            Map.entry("video/3gpp", "val.family.mp4"),
            Map.entry("video/3gpp2", "val.family.mp4"),
            Map.entry("video/webm", "val.family.matroska"),
            Map.entry("video/x-matroska", "val.family.matroska"),
            Map.entry("audio/webm", "val.family.matroska"),
            Map.entry("audio/x-matroska", "val.family.matroska"),
            Map.entry("audio/mpeg", "val.family.mpeg"),
            Map.entry("audio/x-aac", "val.family.aac"),
            Map.entry("audio/vnd.wave", "val.family.wav"),
            Map.entry("audio/x-flac", "val.family.flac"),
            Map.entry("application/ogg", "val.family.ogg"),
            Map.entry("audio/ogg", "val.family.ogg"),
            Map.entry("video/ogg", "val.family.ogg"),
            Map.entry("video/x-msvideo", "val.family.avi"),
            Map.entry("application/gzip", "val.family.gzip"),
            Map.entry("application/x-bzip2", "val.family.bzip2"),
            Map.entry("application/x-xz", "val.family.xz"),
            Map.entry("application/zstd", "val.family.zstd"),
            Map.entry("application/x-7z-compressed", "val.family.sevenZip"),
            Map.entry("application/x-rar-compressed", "val.family.rar"),
            Map.entry("application/x-tar", "val.family.tar"),
            Map.entry("application/x-sqlite3", "val.family.sqlite"),
            Map.entry("application/x-iso9660-image", "val.family.disc"),
            Map.entry("application/x-msdownload", "val.family.windows"),
            Map.entry("application/x-elf", "val.family.elf"),
            Map.entry("application/java-vm", "val.family.javaClass"));

    /** Beyond this many types the caches stop growing (detected types are a few dozen; names can make more). */
    private static final int CACHED_TYPES = 512;

    private final TypeRegistry registry;
    /**
     * Per type: its lineage, family ("" for none) and whether it is text. Each asks Tika's registry, which parses and
     * copies the type at every step (a few KB per file of a 100,000-file drop); the answers never change. Validator
     * threads share it, hence concurrent.
     */
    private final Map<String, Facts> facts = new java.util.concurrent.ConcurrentHashMap<>();

    private record Facts(List<String> lineage, String family, boolean text) {}

    public TypeRules(TypeRegistry registry) {
        this.registry = registry;
    }

    private Facts facts(String type) {
        Facts f = facts.get(type);
        if (f == null) {
            List<String> lineage = List.copyOf(registry.lineage(type));
            String family = familyOf(type, lineage);
            f = new Facts(lineage, family == null ? "" : family, registry.isA(type, "text/plain"));
            if (facts.size() < CACHED_TYPES) {
                facts.put(type, f);
            }
        }
        return f;
    }

    /** True when {@code type} or one of its parent types matches one of the patterns; an empty list allows all. */
    public boolean allowed(String type, List<String> patterns) {
        if (patterns.isEmpty()) {
            return true;
        }
        List<String> lineage = facts(type).lineage();
        if (lineage.isEmpty()) {
            lineage = List.of(type);
        }
        for (String pattern : patterns) {
            for (String t : lineage) {
                if (glob(pattern, t)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The format family of a type as the key of its name ({@code val.family.jpeg}, "a JPEG image"), or null when it
     * has none (text and unknown types). A key rather than the English words, so that a sentence naming it can be
     * shown in the reader's language.
     */
    public String family(String type) {
        String f = facts(type).family();
        return f.isEmpty() ? null : f;
    }

    private static String familyOf(String type, List<String> lineage) {
        if (type.startsWith("application/x-mach-o")) {
            return "val.family.machO";
        }
        for (String t : lineage) {
            String f = FAMILIES.get(t);
            if (f != null) {
                return f;
            }
        }
        return FAMILIES.get(type);
    }

    public boolean isText(String type) {
        return facts(type).text();
    }

    /** The TYPE_MISMATCH issue when the content contradicts the extension of {@code name}, else null. */
    public ValidationIssue mismatch(String name, DetectedType content) {
        String ext = FileNames.extension(name);
        if (ext.isEmpty()) {
            return null;
        }
        String byName = registry.typeForName(FileNames.effectiveName(name));
        if (byName.equals("application/octet-stream")) {
            return null;
        }
        String nameFamily = family(byName);
        String contentFamily = family(content.mediaType());
        boolean nameText = nameFamily == null && isText(byName);
        boolean contentText = contentFamily == null && isText(content.mediaType());
        String expected = nameFamily != null ? nameFamily : nameText ? "val.family.text" : null;
        String actual = contentFamily != null ? contentFamily : contentText ? "val.family.text" : null;
        if (expected == null || actual == null || expected.equals(actual)) {
            return null;
        }
        String suggestion = registry.extensionFor(content.mediaType());
        TextRef message =
                TextRef.of("val.mismatch", ext, TextRef.of(expected), TextRef.of(actual), content.mediaType());
        if (suggestion != null) {
            message = TextRef.of("val.mismatchRename", message, suggestion);
        }
        return ValidationIssue.of(
                ValidationCode.TYPE_MISMATCH,
                message,
                "extension",
                ext,
                "extensionType",
                byName,
                "detectedType",
                content.mediaType());
    }

    /**
     * The Content-Type for content whose name contradicts it: the content's own type, but never one a browser would
     * run (HTML, XHTML, SVG, XML, JavaScript): those become {@code application/octet-stream}.
     */
    public String safeContentType(String detected) {
        for (String active :
                List.of("text/html", "application/xhtml+xml", "image/svg+xml", "application/xml", "text/javascript")) {
            if (registry.isA(detected, active)) {
                return "application/octet-stream";
            }
        }
        return detected;
    }

    /** Glob match where a star stands for any run of characters (so a lone star matches every type). */
    static boolean glob(String pattern, String text) {
        if (pattern.equals("*") || pattern.equals("*/*")) {
            return true;
        }
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
