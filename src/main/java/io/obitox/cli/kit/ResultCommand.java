package io.obitox.cli.kit;

import io.obitox.storage.S3Target;
import java.util.concurrent.Callable;

/**
 * The shape every command has: act (resolving its target first where it has one) → print the result, as lines and
 * tables or as JSON → exit status. A command gives {@link #act} and {@link #print} (and {@link #toJson} when it has
 * {@code --json}); the branch on {@code --json} and the exit code are written here once. A failure is thrown, and
 * {@code Cli} turns it into {@code Error [CODE]: … / Fix: …} and exit 1.
 *
 * <p>Runs on the thread picocli calls it on; one instance per run, not thread-safe (like {@link CliContext}).
 *
 * @param <R> what the command found or did, everything {@link #print} and {@link #toJson} need
 */
public abstract class ResultCommand<R> implements Callable<Integer> {
    protected final CliContext ctx;

    protected ResultCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /** Does the command's work; what it returns is printed. */
    protected abstract R act() throws Exception;

    /** The output for people: lines and tables. */
    protected abstract void print(R result, Output out);

    /** True when the command was asked for JSON; a command with a {@code --json} option returns that option. */
    protected boolean json() {
        return false;
    }

    /** What {@code --json} prints instead of {@link #print}: by default the result itself. */
    protected Object toJson(R result) {
        return result;
    }

    /**
     * Written after the result in both modes, for what goes to stderr whatever the format (a count, a summary);
     * nothing by default.
     */
    protected void printAfter(R result, Output out) {}

    /**
     * What the command goes on doing once its result is out, before it exits: serving until Ctrl+C, waiting a bounded
     * time for the webhooks it caused. Nothing by default.
     */
    protected void afterOutput(R result) throws Exception {}

    /** The exit status: {@link ExitCodes#OK} unless the result says otherwise. */
    protected int exitCode(R result) {
        return ExitCodes.OK;
    }

    /** The storage target named by the command's {@code --profile} / {@code --endpoint-url} options. */
    protected S3Target target(TargetOptions options) {
        return options.resolve(ctx.app()).target();
    }

    @Override
    public final Integer call() throws Exception {
        R result = act();
        if (json()) {
            ctx.out().json(toJson(result));
        } else {
            print(result, ctx.out());
        }
        printAfter(result, ctx.out());
        afterOutput(result);
        return exitCode(result);
    }
}
