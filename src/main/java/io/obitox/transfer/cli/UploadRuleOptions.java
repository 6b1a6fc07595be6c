package io.obitox.transfer.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of issue 15 that {@code upload} and {@code sync} share: what to do when a key exists and which files
 * to leave out. Plain strings here; {@link UploadConflicts} turns them into the {@code sync} core's types.
 */
public final class UploadRuleOptions {
    @Option(
            names = "--if-exists",
            paramLabel = "POLICY",
            description = "When the key exists: overwrite, skip-identical (skip when the content is the same, else "
                    + "overwrite), skip, rename ('name (1).ext') or fail (OBJECT_EXISTS). Default: skip-identical.")
    String ifExists;

    @Option(
            names = "--exclude",
            paramLabel = "PATTERN",
            description = "Leave out files matching this gitignore-style pattern (repeatable; relative to the folder).")
    List<String> exclude = new ArrayList<>();

    @Option(
            names = "--include",
            paramLabel = "PATTERN",
            description = "Only files matching this pattern (repeatable; with --exclude, the last matching rule wins).")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude-from", paramLabel = "FILE", description = "Exclude patterns from a file, one a line.")
    List<Path> excludeFrom = new ArrayList<>();

    @Option(
            names = "--no-default-excludes",
            description = "Do not leave out .DS_Store, Thumbs.db, desktop.ini, ~$* and .git/ by default.")
    boolean noDefaultExcludes;

    public String ifExists() {
        return ifExists;
    }

    public List<Path> excludeFrom() {
        return excludeFrom;
    }

    public boolean defaultExcludes() {
        return !noDefaultExcludes;
    }
}
