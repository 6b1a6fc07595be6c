package io.obitox.cors.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.Output;
import io.obitox.common.Messages;
import io.obitox.cors.ChangePlan;
import io.obitox.cors.CorsChange;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code obitox cors setup --bucket B --origin O … [--yes]}: merges the upload rule for the origins into the bucket's
 * rules, prints the diff and applies after a yes.
 */
@Command(name = "setup", mixinStandardHelpOptions = true, description = "cli.help.corsSetup")
final class CorsSetupCommand extends CorsChangeCommand {
    @Option(names = "--origin", required = true, paramLabel = "ORIGIN", descriptionKey = "cli.help.corsSetup.origin")
    List<String> origins;

    @Option(names = "--replace-origins", descriptionKey = "cli.help.corsSetup.replaceOrigins")
    boolean replaceOrigins;

    CorsSetupCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    ChangePlan plan(Where w) {
        return ctx.app().cors().plan(w.target(), w.bucket(), origins, !replaceOrigins);
    }

    @Override
    void printHeading(Where w, ChangePlan plan) {
        Messages messages = ctx.messages();
        ctx.out()
                .println(messages.get(
                        "cli.cors.setupHeading", w.bucket(), w.target().where(), String.join(", ", plan.origins())));
    }

    @Override
    String question(Where w) {
        Messages messages = ctx.messages();
        return messages.get("cli.cors.applyQuestion", w.bucket());
    }

    @Override
    void printApplied(Where w, ChangePlan plan, CorsChange change, Output out) {
        String b = w.bucket();
        Messages messages = ctx.messages();
        out.println(messages.get("cli.cors.applied", String.valueOf(change.id())));
        out.println(messages.get("cli.cors.proveIt", b, plan.origins().get(0)));
        out.println(messages.get("cli.cors.undoIt", b, String.valueOf(change.id())));
    }
}
