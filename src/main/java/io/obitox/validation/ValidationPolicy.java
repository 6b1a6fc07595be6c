package io.obitox.validation;

import io.obitox.common.TextRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What may be uploaded: size limits, allowed content types (wildcards such as {@code image/*} and
 * {@code application/vnd.openxmlformats-officedocument.*}; a type also matches its parents, so {@code application/zip}
 * admits a docx), allowed extensions ({@code tar.gz} works), and the switches for blocking programs, sanitizing names,
 * walking into hidden files and rejecting content that contradicts its extension.
 *
 * <p>An empty list allows everything. {@code maxSize} null means no upper limit; {@code minSize} 0 allows empty files
 * (see {@link ValidationCode#EMPTY_FILE}). {@code followLinks} lets a symbolic link (or junction) inside a dropped
 * folder lead out of that folder; off, such a link is rejected ({@link ValidationCode#LINK_OUTSIDE_FOLDER}), because
 * a folder from elsewhere (an archive, a shared drive) can hold {@code notes.txt -> ~/.aws/credentials}. Names compare
 * case-insensitively with spaces, dashes and underscores alike, so {@code anything-but-executables} finds "Anything
 * but executables".
 */
public record ValidationPolicy(
        String name,
        Long maxSize,
        long minSize,
        List<String> allowedTypes,
        List<String> allowedExtensions,
        boolean blockExecutables,
        boolean sanitizeNames,
        boolean includeHidden,
        boolean rejectTypeMismatch,
        boolean followLinks) {

    private static final long MIB = 1024L * 1024;
    private static final Pattern TYPE_PATTERN =
            Pattern.compile("(\\*|[a-z0-9][a-z0-9!#$&^_.+-]*)/[a-z0-9!#$&^_.+*-]+|\\*");
    private static final Pattern EXTENSION = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._+-]{0,31}");
    private static final List<String> IMAGE_EXTENSIONS =
            List.of("jpg", "jpeg", "jpe", "png", "gif", "webp", "avif", "heic", "heif", "bmp", "tif", "tiff");

    /**
     * Photos and pictures up to 50 MiB. SVG is left out on purpose: it can carry scripts, and a bucket serving it
     * as {@code image/svg+xml} runs them in the viewer's browser.
     */
    public static final ValidationPolicy IMAGES =
            new ValidationPolicy("Images", 50 * MIB, 1, List.of("image/*"), IMAGE_EXTENSIONS, true, true, false, true);

    /** Office, OpenDocument, PDF, EPUB and text files up to 100 MiB; macro-enabled Office files are not included. */
    public static final ValidationPolicy DOCUMENTS = new ValidationPolicy(
            "Documents",
            100 * MIB,
            1,
            List.of(
                    "application/pdf",
                    "text/plain",
                    "application/rtf",
                    "application/msword",
                    "application/vnd.ms-excel",
                    "application/vnd.ms-powerpoint",
                    "application/vnd.openxmlformats-officedocument.*",
                    "application/vnd.oasis.opendocument.*",
                    "application/epub+zip"),
            List.of(
                    "pdf", "txt", "md", "csv", "tsv", "rtf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods",
                    "odp", "odg", "epub"),
            true,
            true,
            false,
            true);

    /** Pictures, video and audio of any size. */
    public static final ValidationPolicy MEDIA = new ValidationPolicy(
            "Media",
            null,
            1,
            List.of("image/*", "video/*", "audio/*"),
            concat(
                    IMAGE_EXTENSIONS,
                    List.of(
                            "mp4", "m4v", "mov", "webm", "mkv", "avi", "mpg", "mpeg", "3gp", "wmv", "mp3", "m4a", "aac",
                            "wav", "flac", "ogg", "oga", "opus", "wma")),
            true,
            true,
            false,
            true);

    /**
     * The default: every file except programs, of any size, empty files included (a 0-byte file uploads as an empty
     * object). A type mismatch is only a warning here.
     */
    public static final ValidationPolicy ANYTHING_BUT_EXECUTABLES =
            new ValidationPolicy("Anything but executables", null, 0, List.of(), List.of(), true, true, false, false);

    public static final List<ValidationPolicy> PRESETS = List.of(ANYTHING_BUT_EXECUTABLES, IMAGES, DOCUMENTS, MEDIA);

    public ValidationPolicy {
        name = name == null ? "" : name.strip();
        allowedTypes = normalizeList(allowedTypes, false);
        allowedExtensions = normalizeList(allowedExtensions, true);
    }

    /** A policy that keeps links inside the dropped folders (the safe default). */
    public ValidationPolicy(
            String name,
            Long maxSize,
            long minSize,
            List<String> allowedTypes,
            List<String> allowedExtensions,
            boolean blockExecutables,
            boolean sanitizeNames,
            boolean includeHidden,
            boolean rejectTypeMismatch) {
        this(
                name,
                maxSize,
                minSize,
                allowedTypes,
                allowedExtensions,
                blockExecutables,
                sanitizeNames,
                includeHidden,
                rejectTypeMismatch,
                false);
    }

    /** The rules broken by this policy, in plain sentences; empty when it is usable. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (name.isEmpty()) {
            out.add("The policy needs a name.");
        } else if (name.length() > 100) {
            out.add("The policy name is longer than 100 characters.");
        }
        if (minSize < 0) {
            out.add("The minimum size cannot be negative.");
        }
        if (maxSize != null && maxSize < 1) {
            out.add("The maximum size must be at least 1 byte (leave it out for no limit).");
        }
        if (maxSize != null && maxSize < minSize) {
            out.add("The maximum size is smaller than the minimum size.");
        }
        for (String t : allowedTypes) {
            if (!TYPE_PATTERN.matcher(t).matches()) {
                out.add("'" + t + "' is not a media type or pattern (like image/png or image/*).");
            }
        }
        for (String e : allowedExtensions) {
            if (!EXTENSION.matcher(e).matches()) {
                out.add("'" + e + "' is not an extension (like jpg or tar.gz).");
            }
        }
        return out;
    }

    /** True when the policy is one of the built-in presets (which cannot be changed or deleted). */
    public boolean isPreset() {
        return PRESETS.stream().anyMatch(p -> p.key().equals(key()));
    }

    /**
     * A built-in policy's name for a view to show in the user's language, or null for a policy the user named. The
     * stored name, which the command line and the settings use, stays {@link #name()} (English for a preset).
     */
    public TextRef nameText() {
        return isPreset() ? TextRef.of("svc.policy." + key()) : null;
    }

    /** The name in the form used to compare names. */
    public String key() {
        return key(name);
    }

    public static String key(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "-");
    }

    public ValidationPolicy withName(String newName) {
        return new ValidationPolicy(
                newName,
                maxSize,
                minSize,
                allowedTypes,
                allowedExtensions,
                blockExecutables,
                sanitizeNames,
                includeHidden,
                rejectTypeMismatch,
                followLinks);
    }

    /** The same policy, letting links in dropped folders lead out of them (or not). */
    public ValidationPolicy withFollowLinks(boolean follow) {
        return new ValidationPolicy(
                name,
                maxSize,
                minSize,
                allowedTypes,
                allowedExtensions,
                blockExecutables,
                sanitizeNames,
                includeHidden,
                rejectTypeMismatch,
                follow);
    }

    private static List<String> normalizeList(List<String> values, boolean extensions) {
        if (values == null) {
            return List.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String v : values) {
            if (v == null || v.isBlank()) {
                continue;
            }
            String s = v.strip().toLowerCase(Locale.ROOT);
            if (extensions) {
                while (s.startsWith(".") || s.startsWith("*")) {
                    s = s.substring(1);
                }
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
