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
    @Option(names = "--if-exists", paramLabel = "POLICY", descriptionKey = "cli.help.uploadRuleOptions.ifExists")
    String ifExists;

    @Option(names = "--exclude", paramLabel = "PATTERN", descriptionKey = "cli.help.uploadRuleOptions.exclude")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--include", paramLabel = "PATTERN", descriptionKey = "cli.help.uploadRuleOptions.include")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude-from", paramLabel = "FILE", descriptionKey = "cli.help.uploadRuleOptions.excludeFrom")
    List<Path> excludeFrom = new ArrayList<>();

    @Option(names = "--no-default-excludes", descriptionKey = "cli.help.uploadRuleOptions.noDefaultExcludes")
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
