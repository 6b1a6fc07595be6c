package io.obitox.cors.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.ExitCodes;
import io.obitox.cli.kit.TargetOptions;
import io.obitox.cors.ChangePlan;
import io.obitox.cors.CorsChange;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code obitox cors setup --bucket B --origin O … [--yes]}: merges the upload rule for the origins into the bucket's
 * rules, prints the diff and applies after a yes.
 */
@Command(
        name = "setup",
        mixinStandardHelpOptions = true,
        description = {
            "Allow browser uploads from the given origins.",
            "Adds (or updates) one rule, '" + io.obitox.cors.UploadRules.RULE_ID + "', and keeps every other rule.",
            "Prints the diff and asks before applying; --yes applies without asking.",
            "Exit status 1 when nothing was applied because the answer was no."
        })
final class CorsSetupCommand extends CorsCliSupport implements Callable<Integer> {
    @Option(
            names = "--origin",
            required = true,
            paramLabel = "ORIGIN",
            description = "Where the web page runs, e.g. http://localhost:3000 or https://*.example.com (repeatable).")
    List<String> origins;

    @Option(
            names = "--replace-origins",
            description = "Set exactly these origins (default: add them to the upload rule's origins).")
    boolean replaceOrigins;

    @Option(
            names = {"-y", "--yes"},
            description = "Apply without asking.")
    boolean yes;

    CorsSetupCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        TargetOptions.Resolved resolved = target.resolve(ctx.app());
        String b = resolved.bucketOr(bucket);
        ChangePlan plan = ctx.app().cors().plan(resolved.target(), b, origins, !replaceOrigins);
        if (!json) {
            ctx.out()
                    .println("CORS setup for bucket " + b + " on "
                            + resolved.target().where() + ", origins " + String.join(", ", plan.origins()) + ":");
            printPlan(plan);
        }
        if (!plan.changed()) {
            if (json) {
                ctx.out().json(planJson(plan, null));
            }
            return ExitCodes.OK;
        }
        if (!yes && !confirm("Apply this change to bucket " + b + "?")) {
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
            ctx.out().println("Applied (history #" + change.id() + ").");
            ctx.out()
                    .println("Prove it:  obitox cors verify --bucket " + b + " --origin "
                            + plan.origins().get(0));
            ctx.out().println("Undo it:   obitox cors restore --bucket " + b + " --id " + change.id() + " --before");
        }
        return ExitCodes.OK;
    }
}
