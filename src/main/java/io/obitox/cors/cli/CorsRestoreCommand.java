package io.obitox.cors.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.Output;
import io.obitox.common.Messages;
import io.obitox.cors.ChangePlan;
import io.obitox.cors.CorsChange;
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
final class CorsRestoreCommand extends CorsChangeCommand {
    @Option(names = "--id", paramLabel = "N", description = "History entry (see 'obitox cors history').")
    Long id;

    @Option(names = "--before", description = "Restore the configuration from before change N (undo it).")
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
