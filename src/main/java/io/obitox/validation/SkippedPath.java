package io.obitox.validation;

import java.nio.file.Path;

/** A path inside a dropped folder that was left out on purpose (hidden or system file, folder seen before). */
public record SkippedPath(Path path, String relativePath, String reason) {}
