package io.obitox.cors.cli;

import io.obitox.cli.kit.CliFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code obitox cors show|setup|verify|history|restore}. */
@Command(
        name = "cors",
        mixinStandardHelpOptions = true,
        description = "cli.help.cors",
        subcommands = {
            CorsShowCommand.class,
            CorsSetupCommand.class,
            CorsVerifyCommand.class,
            CorsHistoryCommand.class,
            CorsRestoreCommand.class
        })
public final class CorsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw CliFailure.missingSubcommand(spec.commandLine(), "show", "setup", "verify", "history", "restore");
    }
}
