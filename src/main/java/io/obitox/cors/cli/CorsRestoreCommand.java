package io.obitox.cors.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.ExitCodes;
import io.obitox.cli.kit.TargetOptions;
import io.obitox.cors.ChangePlan;
import io.obitox.cors.CorsChange;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code obitox cors restore --bucket B [--id N [--before]] [--yes]}: puts an earlier configuration back. */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = {
            "Restore an earlier CORS configuration from the history (the restore is recorded too).",
            "--id N restores the configuration as change N left it; with --before, as it was before change N.",
            "Without --id, undoes the latest change. Prints the diff and asks; --yes applies without asking."
        })
final class CorsRestoreCommand extends CorsCliSupport implements Callable<Integer> {
    @Option(names = "--id", paramLabel = "N", description = "History entry (see 'obitox cors history').")
    Long id;

    @Option(names = "--before", description = "Restore the configuration from before change N (undo it).")
    boolean before;

    @Option(
            names = {"-y", "--yes"},
            description = "Apply without asking.")
    boolean yes;

    CorsRestoreCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        TargetOptions.Resolved resolved = target.resolve(ctx.app());
        String b = resolved.bucketOr(bucket);
        ChangePlan plan = ctx.app().cors().planRestore(resolved.target(), b, id, before);
        if (!json) {
            printPlan(plan);
        }
        if (!plan.changed()) {
            if (json) {
                ctx.out().json(planJson(plan, null));
            }
            return ExitCodes.OK;
        }
        if (!yes && !confirm("Restore this configuration on bucket " + b + "?")) {
            ctx.out().progress("Not applied; nothing changed.");
            if (json) {
                ctx.out().json(planJson(plan, null));
            }
            return ExitCodes.FAILURE;
        }
        CorsChange change = ctx.app().cors().apply(resolved.target(), plan);
        if (json) {
            ctx.out().json(planJson(plan, change));
        } else {
            ctx.out().println("Restored (history #" + change.id() + ").");
        }
        return ExitCodes.OK;
    }
}
