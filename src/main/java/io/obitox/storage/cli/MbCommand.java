package io.obitox.storage.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.Output;
import io.obitox.cli.kit.ResultCommand;
import io.obitox.cli.kit.TargetOptions;
import io.obitox.common.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code obitox mb BUCKET}: create a bucket. */
@Command(name = "mb", mixinStandardHelpOptions = true, description = "cli.help.mb")
public final class MbCommand extends ResultCommand<String> {
    @Parameters(index = "0", paramLabel = "BUCKET", descriptionKey = "cli.help.mb.bucket")
    String bucket;

    @Mixin
    TargetOptions target;

    public MbCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected String act() {
        String name = bucket.startsWith("s3://") ? bucket.substring(5) : bucket;
        ctx.app().buckets().createBucket(target(target), name);
        return name;
    }

    @Override
    protected void print(String name, Output out) {
        Messages messages = ctx.messages();
        out.println(messages.get("cli.mb.created", name));
    }
}
