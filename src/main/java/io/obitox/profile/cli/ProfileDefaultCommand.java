package io.obitox.profile.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.Output;
import io.obitox.cli.kit.ResultCommand;
import io.obitox.common.Messages;
import io.obitox.profile.StorageProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code obitox profile default NAME}: the profile commands use without {@code --profile}. */
@Command(name = "default", mixinStandardHelpOptions = true, description = "cli.help.profileDefault")
final class ProfileDefaultCommand extends ResultCommand<StorageProfile> {
    @Parameters(index = "0", paramLabel = "NAME", descriptionKey = "cli.help.profile.name")
    String name;

    ProfileDefaultCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected StorageProfile act() {
        StorageProfile p = ctx.app().profiles().require(name);
        ctx.app().profiles().setDefault(p);
        return p;
    }

    @Override
    protected void print(StorageProfile p, Output out) {
        Messages messages = ctx.messages();
        out.println(messages.get("cli.profile.default", p.name()));
    }
}
