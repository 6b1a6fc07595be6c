package io.obitox.upload.ui;

import io.obitox.common.TextRef;
import io.obitox.sync.PlanState;
import io.obitox.validation.ValidationResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One file of the ready list, as the Upload view keeps it until it is queued: what the table shows and what the
 * upload needs, and nothing else. A drop of 100,000 files keeps 100,000 of these, so it is small: the folder the
 * file was found under is one object shared by all its files (the file's path is rebuilt from it when needed), the
 * key is the relative path itself when they are equal (no prefix, nothing to sanitize), and the type is the
 * detector's reference to its description, one shared object per kind of content. About 100 bytes a file instead of a {@link ValidationResult}'s 600 (measured with
 * the scale test's heap histogram).
 *
 * <p>Immutable but for {@link #plan()}: made on a validator thread, read on the FX thread and by the background task
 * that queues it. The plan state is written and read on the FX thread only (when a preview of the batch ends); a
 * re-keyed copy starts without one, since the new key has not been compared yet.
 */
public final class ReadyFile {
    /** The folder {@link #relativePath} is relative to, or the file itself when {@link #exact}. */
    private final Path base;
    /** The path does not end with the relative path (not seen so far): {@link #base} is the whole path. */
    private final boolean exact;

    private final String relativePath;
    private final String objectKey;
    private final long size;
    /** What the content is, as the detector's reference (rendered in the view's language), or null. */
    private final TextRef type;

    private final String contentType;
    /** What the bucket preview found for this file, null until it ends (one reference: compact for 100,000). */
    private PlanState plan;

    private ReadyFile(
            Path base,
            boolean exact,
            String relativePath,
            String objectKey,
            long size,
            TextRef type,
            String contentType) {
        this.base = base;
        this.exact = exact;
        this.relativePath = relativePath;
        this.objectKey = objectKey;
        this.size = size;
        this.type = type;
        this.contentType = contentType;
    }

    /**
     * The compact form of a valid verdict. {@code bases} interns the folders (one per dropped item, shared by the
     * files under it); it must be safe to use from several threads.
     */
    static ReadyFile of(ValidationResult r, Map<Path, Path> bases) {
        String rel = r.relativePath();
        String key = Objects.equals(r.objectKey(), rel) ? rel : r.objectKey();
        TextRef type = typeOf(r);
        Path base = baseOf(r.path(), rel);
        return base == null
                ? new ReadyFile(r.path(), true, rel, key, r.size(), type, r.contentType())
                : new ReadyFile(bases.computeIfAbsent(base, b -> b), false, rel, key, r.size(), type, r.contentType());
    }

    /** The detector's reference; a verdict made without one shows its English description or its media type. */
    private static TextRef typeOf(ValidationResult r) {
        if (r.descriptionText() != null) {
            return r.descriptionText();
        }
        String english = r.description() != null ? r.description() : r.detectedType();
        return english == null ? null : TextRef.of("detect.other", english);
    }

    /** The folder that {@code rel} (with {@code /} separators) is relative to in {@code path}, or null. */
    private static Path baseOf(Path path, String rel) {
        if (rel == null || rel.isEmpty()) {
            return null;
        }
        int names = 1;
        for (int i = 0; i < rel.length(); i++) {
            if (rel.charAt(i) == '/') {
                names++;
            }
        }
        Path base = path;
        for (int i = 0; i < names && base != null; i++) {
            base = base.getParent();
        }
        return base != null && base.resolve(rel).equals(path) ? base : null;
    }

    /** The file on disk (made anew on each call: call it when the file is queued, not per frame). */
    public Path path() {
        return exact ? base : base.resolve(relativePath);
    }

    /** The path the upload keeps, with {@code /} separators, as {@link ValidationResult#relativePath()}. */
    public String relativePath() {
        return relativePath;
    }

    public String objectKey() {
        return objectKey;
    }

    /** The same file under another key (after a prefix change). */
    ReadyFile withObjectKey(String key) {
        String k = Objects.equals(key, relativePath) ? relativePath : key;
        return new ReadyFile(base, exact, relativePath, k, size, type, contentType);
    }

    public long size() {
        return size;
    }

    /** What the content is, for people, in English ("PNG image"), or its media type when there is no description. */
    public String type() {
        return type == null ? null : type.english();
    }

    /** {@link #type()} as a bundle reference, for the view to render in its language; null when there is none. */
    public TextRef typeText() {
        return type;
    }

    /** The Content-Type to store the object with (see {@link ValidationResult#contentType()}). */
    public String contentType() {
        return contentType;
    }

    /** What the last preview of the bucket found for this file, or null (not compared yet). FX thread. */
    public PlanState plan() {
        return plan;
    }

    void setPlan(PlanState state) {
        this.plan = state;
    }

    @Override
    public String toString() {
        return relativePath + " → " + objectKey;
    }
}
