package io.obitox.storage.cli;

import io.obitox.cli.Cli;
import io.obitox.cli.CliContext;
import io.obitox.cli.TargetOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code obitox mb BUCKET}: create a bucket. */
@Command(name = "mb", mixinStandardHelpOptions = true, description = "Create a bucket.")
public final class MbCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "BUCKET")
    String bucket;

    @Mixin
    TargetOptions target;

    public MbCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        String name = bucket.startsWith("s3://") ? bucket.substring(5) : bucket;
        ctx.app().buckets().createBucket(target.resolve(ctx.app()).target(), name);
        ctx.out().println("Created bucket '" + name + "'.");
        return Cli.OK;
    }
}
