package io.obitox.cli;

import io.obitox.app.Version;
import io.obitox.cli.kit.CliFailure;
import io.obitox.common.TextRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command; its subcommands are added in {@link Cli}. Without a command it prints the usage. */
@Command(
        name = "obitox",
        mixinStandardHelpOptions = true,
        versionProvider = ObitoxCommand.VersionProvider.class,
        description = "cli.help.obitox",
        footer = "cli.help.obitox.footer")
public final class ObitoxCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT, descriptionKey = "cli.help.obitox.home")
    String home;

    @Override
    public void run() {
        throw CliFailure.usage(spec.commandLine(), TextRef.of("cli.error.missingCommand"));
    }

    /** {@code --version}: the version stamped by the build. */
    public static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ObitoX " + Version.current(), "Java " + System.getProperty("java.version")};
        }
    }
}
