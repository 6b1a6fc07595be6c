package io.obitox.cors.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.Output;
import io.obitox.common.Messages;
import io.obitox.cors.ChangePlan;
import io.obitox.cors.CorsChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code obitox cors restore --bucket B [--id N [--before]] [--yes]}: puts an earlier configuration back. */
@Command(name = "restore", mixinStandardHelpOptions = true, description = "cli.help.corsRestore")
final class CorsRestoreCommand extends CorsChangeCommand {
    @Option(names = "--id", paramLabel = "N", descriptionKey = "cli.help.corsRestore.id")
    Long id;

    @Option(names = "--before", descriptionKey = "cli.help.corsRestore.before")
    boolean before;

    CorsRestoreCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    ChangePlan plan(Where w) {
        return ctx.app().cors().planRestore(w.target(), w.bucket(), id, before);
    }

    @Override
    String question(Where w) {
        Messages messages = ctx.messages();
        return messages.get("cli.cors.restoreQuestion", w.bucket());
    }

    @Override
    void printApplied(Where w, ChangePlan plan, CorsChange change, Output out) {
        Messages messages = ctx.messages();
        out.println(messages.get("cli.cors.restored", String.valueOf(change.id())));
    }
}
