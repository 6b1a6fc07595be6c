package io.obitox.validation;

import java.util.List;

/** The plan's {@code validateFiles} answer: valid and invalid files (each sorted by path), what was skipped, totals. */
public record BatchResult(
        List<ValidationResult> valid,
        List<ValidationResult> invalid,
        List<SkippedPath> skipped,
        BatchProgress progress) {

    public BatchResult {
        valid = List.copyOf(valid);
        invalid = List.copyOf(invalid);
        skipped = List.copyOf(skipped);
    }

    public boolean allValid() {
        return invalid.isEmpty();
    }
}
