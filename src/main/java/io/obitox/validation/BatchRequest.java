package io.obitox.validation;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to validate: the dropped or named paths (files and folders), the policy, and the key prefix of the target
 * (so each result carries its final object key).
 */
public record BatchRequest(List<Path> paths, ValidationPolicy policy, String keyPrefix) {
    public BatchRequest {
        paths = List.copyOf(paths);
        Objects.requireNonNull(policy, "policy");
        keyPrefix = keyPrefix == null ? "" : keyPrefix;
    }

    public BatchRequest(List<Path> paths, ValidationPolicy policy) {
        this(paths, policy, "");
    }
}
