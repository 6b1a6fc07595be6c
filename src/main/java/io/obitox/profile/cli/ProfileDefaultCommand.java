package io.obitox.profile.cli;

import io.obitox.cli.Cli;
import io.obitox.cli.CliContext;
import io.obitox.profile.StorageProfile;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code obitox profile default NAME}: the profile commands use without {@code --profile}. */
@Command(name = "default", mixinStandardHelpOptions = true, description = "Set the profile used by default.")
final class ProfileDefaultCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    ProfileDefaultCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        StorageProfile p = ctx.app().profiles().require(name);
        ctx.app().profiles().setDefault(p);
        ctx.out().println("'" + p.name() + "' is now the default profile.");
        return Cli.OK;
    }
}
