package io.obitox.sync;

import io.obitox.common.ObitoxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an upload does when its key already exists ({@code --if-exists}). The default, until a profile or bucket
 * setting says otherwise, is {@link #SKIP_IDENTICAL}.
 */
public enum ConflictPolicy {
    /** Write over whatever is there. */
    OVERWRITE("overwrite"),
    /** Skip when the object has the same content ({@link IdenticalCheck}), else overwrite. */
    SKIP_IDENTICAL("skip-identical"),
    /** Never touch an existing key. */
    SKIP("skip"),
    /** Upload beside it, under the first free {@code name (n).ext} ({@link RenameKeys}). */
    RENAME("rename"),
    /** A per-file {@value #OBJECT_EXISTS} error. */
    FAIL("fail");

    /** The per-file error code of {@link #FAIL}. */
    public static final String OBJECT_EXISTS = "OBJECT_EXISTS";

    public static final ConflictPolicy DEFAULT = SKIP_IDENTICAL;

    private final String cliName;

    ConflictPolicy(String cliName) {
        this.cliName = cliName;
    }

    /** The spelling on the command line, in settings and in JSON: {@code skip-identical} … */
    public String cliName() {
        return cliName;
    }

    /** Whether the write must not replace an object that appears between the check and the write. */
    public boolean mustNotClobber() {
        return this == SKIP || this == RENAME || this == FAIL;
    }

    /**
     * Parses the command-line spelling, ignoring case and accepting {@code _} for {@code -} (so the enum name works
     * too, as stored settings may hold it).
     */
    public static ConflictPolicy parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ConflictPolicy p : values()) {
            if (p.cliName.equals(t)) {
                return p;
            }
        }
        throw new ObitoxException(
                "INVALID_IF_EXISTS",
                "Unknown --if-exists value '" + text + "'.",
                "Use one of: "
                        + Arrays.stream(values()).map(ConflictPolicy::cliName).collect(Collectors.joining(", ")) + ".");
    }

    /** The exception of {@link #FAIL} for one file. */
    public static ObitoxException objectExists(String bucket, String key) {
        return new ObitoxException(
                OBJECT_EXISTS,
                "'" + key + "' already exists in bucket '" + bucket + "'.",
                "Choose --if-exists overwrite, skip-identical, skip or rename, or upload under another prefix.");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
