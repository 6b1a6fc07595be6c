package io.obitox.cors.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.ExitCodes;
import io.obitox.cli.kit.Output;
import io.obitox.cors.ChangePlan;
import io.obitox.cors.CorsChange;
import picocli.CommandLine.Option;

/**
 * The shape of the {@code cors} subcommands that change a bucket: plan → show the plan → ask (unless {@code --yes})
 * → apply → say what was done. The plan is shown before the question, so it is printed while acting; what is printed
 * after is the outcome. Exit status 1 when the answer was no.
 */
abstract class CorsChangeCommand extends CorsCliSupport<CorsChangeCommand.Outcome> {
    /**
     * What became of the plan.
     *
     * @param applied the history entry of the change made, or null when nothing was applied
     * @param declined the answer to the question was no
     */
    record Outcome(Where where, ChangePlan plan, CorsChange applied, boolean declined) {}

    @Option(
            names = {"-y", "--yes"},
            descriptionKey = "cli.help.corsChange.yes")
    boolean yes;

    CorsChangeCommand(CliContext ctx) {
        super(ctx);
    }

    /** The change to propose. */
    abstract ChangePlan plan(Where where);

    /** Printed (not with --json) above the plan; nothing by default. */
    void printHeading(Where where, ChangePlan plan) {}

    /** The confirmation question. */
    abstract String question(Where where);

    /** What is said once the change was applied. */
    abstract void printApplied(Where where, ChangePlan plan, CorsChange change, Output out);

    @Override
    protected final Outcome act() {
        Where w = where();
        ChangePlan plan = plan(w);
        if (!json) {
            printHeading(w, plan);
            printPlan(plan);
        }
        if (!plan.changed()) {
            return new Outcome(w, plan, null, false);
        }
        if (!yes && !confirm(question(w))) {
            ctx.out().progress(ctx.messages().get("cli.cors.notApplied"));
            return new Outcome(w, plan, null, true);
        }
        return new Outcome(w, plan, ctx.app().cors().apply(w.target(), plan), false);
    }

    @Override
    protected final Object toJson(Outcome o) {
        return planJson(o.plan(), o.applied());
    }

    @Override
    protected final void print(Outcome o, Output out) {
        if (o.applied() != null) {
            printApplied(o.where(), o.plan(), o.applied(), out);
        }
    }

    @Override
    protected final int exitCode(Outcome o) {
        return o.declined() ? ExitCodes.FAILURE : ExitCodes.OK;
    }
}
