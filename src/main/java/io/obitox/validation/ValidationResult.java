package io.obitox.validation;

import io.obitox.common.Messages;
import io.obitox.common.TextRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The verdict on one file: valid, or the first problem found ({@link #error()}), plus warnings that do not block
 * the upload (a type mismatch under a lenient policy).
 *
 * @param path the file as found (a dropped path, or a path inside a dropped folder)
 * @param relativePath the path the upload keeps, with {@code /} separators: the file name for a dropped file,
 *     {@code folder/sub/name} for a file inside a dropped folder (original names, not sanitized)
 * @param size bytes, or -1 when the file could not be examined
 * @param detectedType the media type of the content, or null when it was not read (size or name checks failed
 *     first, or the file could not be read)
 * @param description a human description of the content, or null with {@code detectedType}
 * @param contentType the Content-Type to store the object with: the detected type made more specific by the name
 *     where compatible (text named {@code .css} is text/css); when the name contradicts the content (a mismatch
 *     warning) the detected type, except that HTML, XML, SVG and scripts become {@code application/octet-stream} so
 *     a bucket never serves active content under a harmless name. Null with {@code detectedType}.
 * @param sanitizedName the name the object will get (the original name when the policy does not sanitize)
 * @param objectKey the S3 key for the batch's prefix, or null when no key could be made
 * @param descriptionText {@code description} as a bundle reference, for views (null with {@code description})
 */
public record ValidationResult(
        Path path,
        String relativePath,
        long size,
        String detectedType,
        String description,
        String contentType,
        String sanitizedName,
        String objectKey,
        ValidationIssue error,
        List<ValidationIssue> warnings,
        TextRef descriptionText) {

    public ValidationResult {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** The description in the reader's language where it has a reference, else the English one (or null). */
    public String description(Messages messages) {
        return messages.render(descriptionText, description);
    }

    public boolean valid() {
        return error == null;
    }

    public Optional<ValidationCode> code() {
        return Optional.ofNullable(error).map(ValidationIssue::code);
    }

    /** The same verdict for another key. */
    public ValidationResult withObjectKey(String key) {
        return new ValidationResult(
                path,
                relativePath,
                size,
                detectedType,
                description,
                contentType,
                sanitizedName,
                key,
                error,
                warnings,
                descriptionText);
    }

    /** The same file, rejected for {@code issue} (used for problems only the batch can see, like duplicate keys). */
    public ValidationResult rejectedFor(ValidationIssue issue) {
        return new ValidationResult(
                path,
                relativePath,
                size,
                detectedType,
                description,
                contentType,
                sanitizedName,
                objectKey,
                issue,
                warnings,
                descriptionText);
    }
}
