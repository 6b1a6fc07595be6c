package io.obitox.profile.cli;

import io.obitox.cli.Cli;
import io.obitox.cli.CliContext;
import io.obitox.profile.StorageProfile;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code obitox profile remove NAME}: also removes keys ObitoX wrote to the AWS credentials file for it. */
@Command(name = "remove", aliases = "rm", mixinStandardHelpOptions = true, description = "Remove a storage profile.")
final class ProfileRemoveCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    ProfileRemoveCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        StorageProfile p = ctx.app().profiles().require(name);
        ctx.app().profiles().remove(p.id());
        ctx.out()
                .println("Removed profile '" + p.name() + "'"
                        + (p.managedKeys()
                                ? " and its keys [" + p.awsProfile() + "] from the AWS credentials file."
                                : "."));
        return Cli.OK;
    }
}
