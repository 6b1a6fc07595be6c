package io.obitox.validation;

import io.obitox.common.TextRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One problem with a file: its code, a sentence for the user, and the facts behind it (actual versus allowed:
 * {@code size}/{@code maxSize}, {@code extension}/{@code allowedExtensions}, {@code detectedType}/{@code allowedTypes}…).
 *
 * <p>{@code message} is always English (the CLI, JSON, webhooks and logs read it); {@code text} is the same sentence
 * as a bundle reference, so that a view can show it in the user's language ({@code messages.render(text, message)}).
 *
 * @param text the message as a bundle reference, or null for a message not made from a key
 */
public record ValidationIssue(ValidationCode code, String message, Map<String, Object> details, TextRef text) {
    public ValidationIssue {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public ValidationIssue(ValidationCode code, String message, Map<String, Object> details) {
        this(code, message, details, null);
    }

    public static ValidationIssue of(ValidationCode code, String message) {
        return new ValidationIssue(code, message, Map.of());
    }

    /** Details as alternating keys and values, in order: {@code of(code, msg, "size", 10, "maxSize", 5)}. */
    public static ValidationIssue of(ValidationCode code, String message, Object... keyValues) {
        return new ValidationIssue(code, message, details(keyValues));
    }

    /** An issue whose sentence comes from the bundle: its English now, the reference for views. */
    public static ValidationIssue of(ValidationCode code, TextRef text, Object... keyValues) {
        return new ValidationIssue(code, text.english(), details(keyValues), text);
    }

    private static Map<String, Object> details(Object... keyValues) {
        Map<String, Object> d = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            d.put((String) keyValues[i], keyValues[i + 1]);
        }
        return d;
    }
}
