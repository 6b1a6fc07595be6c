package io.obitox.validation.detect;

import java.util.Objects;

/**
 * What a file's content is: its media type (without parameters), a short human description and whether the content
 * is something a computer runs (a program, script, shortcut or installer), whatever the file is called.
 */
public record DetectedType(String mediaType, String description, boolean executable) {
    /** The type of content nothing recognised. */
    public static final DetectedType UNKNOWN =
            new DetectedType("application/octet-stream", "unknown binary data", false);

    /** The type reported for a file of 0 bytes (nothing to detect). */
    public static final DetectedType EMPTY = new DetectedType("application/x-empty", "empty file", false);

    public DetectedType {
        Objects.requireNonNull(mediaType, "mediaType");
        description = description == null || description.isBlank() ? mediaType : description;
    }

    static DetectedType of(String mediaType, String description) {
        return new DetectedType(mediaType, description, false);
    }

    static DetectedType program(String mediaType, String description) {
        return new DetectedType(mediaType, description, true);
    }

    DetectedType withType(String type) {
        return new DetectedType(type, description, executable);
    }
}
