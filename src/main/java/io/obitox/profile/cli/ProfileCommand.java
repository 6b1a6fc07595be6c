package io.obitox.profile.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
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
        throw new ParameterException(
                spec.commandLine(), "Missing subcommand: add, list, test, remove, default or object-settings.");
    }
}
