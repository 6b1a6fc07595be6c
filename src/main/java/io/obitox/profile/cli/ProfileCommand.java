package io.obitox.profile.cli;

import io.obitox.cli.kit.CliFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code obitox profile add|list|test|remove|default} (and {@code object-settings}, added by {@code Cli}). */
@Command(
        name = "profile",
        description = "cli.help.profile",
        mixinStandardHelpOptions = true,
        subcommands = {
            ProfileAddCommand.class,
            ProfileListCommand.class,
            ProfileTestCommand.class,
            ProfileRemoveCommand.class,
            ProfileDefaultCommand.class
        })
public final class ProfileCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw CliFailure.missingSubcommand(
                spec.commandLine(), "add", "list", "test", "remove", "default", "object-settings");
    }
}
