package io.obitox.validation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One problem with a file: its code, a sentence for the user, and the facts behind it (actual versus allowed:
 * {@code size}/{@code maxSize}, {@code extension}/{@code allowedExtensions}, {@code detectedType}/{@code allowedTypes}…).
 */
public record ValidationIssue(ValidationCode code, String message, Map<String, Object> details) {
    public ValidationIssue {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static ValidationIssue of(ValidationCode code, String message) {
        return new ValidationIssue(code, message, Map.of());
    }

    /** Details as alternating keys and values, in order: {@code of(code, msg, "size", 10, "maxSize", 5)}. */
    public static ValidationIssue of(ValidationCode code, String message, Object... keyValues) {
        Map<String, Object> d = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            d.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new ValidationIssue(code, message, d);
    }
}
