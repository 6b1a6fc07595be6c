package io.obitox.profile.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.Output;
import io.obitox.cli.kit.ResultCommand;
import io.obitox.common.Messages;
import io.obitox.profile.StorageProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code obitox profile remove NAME}: also removes keys ObitoX wrote to the AWS credentials file for it. */
@Command(name = "remove", aliases = "rm", mixinStandardHelpOptions = true, description = "cli.help.profileRemove")
final class ProfileRemoveCommand extends ResultCommand<StorageProfile> {
    @Parameters(index = "0", paramLabel = "NAME", descriptionKey = "cli.help.profile.name")
    String name;

    ProfileRemoveCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected StorageProfile act() {
        StorageProfile p = ctx.app().profiles().require(name);
        ctx.app().profiles().remove(p.id());
        return p;
    }

    @Override
    protected void print(StorageProfile p, Output out) {
        Messages messages = ctx.messages();
        out.println(
                p.managedKeys()
                        ? messages.get("cli.profile.removedWithKeys", p.name(), p.awsProfile())
                        : messages.get("cli.profile.removed", p.name()));
    }
}
