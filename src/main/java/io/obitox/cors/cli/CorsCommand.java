package io.obitox.cors.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code obitox cors show|setup|verify|history|restore}. */
@Command(
        name = "cors",
        mixinStandardHelpOptions = true,
        description = {
            "Set up, prove and undo a bucket's CORS configuration for uploads straight from web browsers.",
            "setup merges one upload rule into the existing rules (others stay) and asks before applying;",
            "verify sends the requests a browser sends; every change is kept for restore."
        },
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
        throw new ParameterException(
                spec.commandLine(), "Missing subcommand: show, setup, verify, history or restore.");
    }
}
