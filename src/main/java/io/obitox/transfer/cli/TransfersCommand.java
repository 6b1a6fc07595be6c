package io.obitox.transfer.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.CliFailure;
import io.obitox.cli.kit.ExitCodes;
import io.obitox.cli.kit.LiveCommand;
import io.obitox.cli.kit.Output;
import io.obitox.cli.kit.ResultCommand;
import io.obitox.common.Messages;
import io.obitox.common.Sizes;
import io.obitox.common.TerminalText;
import io.obitox.common.TextRef;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code obitox transfers list|resume|pause|cancel|export-token|import-token}. */
@Command(
        name = "transfers",
        mixinStandardHelpOptions = true,
        description = "cli.help.transfers",
        subcommands = {
            TransfersCommand.ListCmd.class,
            TransfersCommand.ResumeCmd.class,
            TransfersCommand.PauseCmd.class,
            TransfersCommand.CancelCmd.class,
            TransfersCommand.ExportCmd.class,
            ImportTokenCommand.class
        })
public final class TransfersCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw CliFailure.missingSubcommand(
                spec.commandLine(), "list", "resume", "pause", "cancel", "export-token", "import-token");
    }

    /** An id, or --all. */
    static final class Which {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ID", descriptionKey = "cli.help.transfers.id")
        String id;

        @Option(names = "--all", descriptionKey = "cli.help.transfers.all")
        boolean all;

        List<String> ids(TransferService s, java.util.function.Predicate<TransferSnapshot> applies) {
            if (all) {
                return s.unfinished().stream() // a finished transfer has nothing left to pause, resume or cancel
                        .filter(applies)
                        .map(TransferSnapshot::id)
                        .toList();
            }
            if (id == null) {
                throw CliFailure.of(
                        "MISSING_ID",
                        TextRef.of("cli.error.transfers.missingId"),
                        TextRef.of("cli.error.transfers.missingId.fix"));
            }
            return List.of(find(s, id).id());
        }
    }

    static TransferSnapshot find(TransferService s, String id) {
        Optional<TransferSnapshot> exact = s.snapshot(id);
        if (exact.isPresent()) {
            return exact.get();
        }
        List<TransferSnapshot> byPrefix = s.byIdPrefix(id, 2);
        if (byPrefix.size() == 1) {
            return byPrefix.get(0);
        }
        throw CliFailure.of(
                "TRANSFER_NOT_FOUND",
                TextRef.of(
                        byPrefix.size() > 1 ? "cli.error.transfers.notFoundSeveral" : "cli.error.transfers.notFound",
                        id),
                TextRef.of("cli.error.transfers.missingId.fix"));
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "cli.help.transfers.list")
    static final class ListCmd extends ResultCommand<List<TransferSnapshot>> {
        @Option(names = "--json", descriptionKey = "cli.help.transfers.list.json")
        boolean json;

        @Option(names = "--limit", paramLabel = "N", descriptionKey = "cli.help.transfers.list.limit")
        int limit = 50;

        ListCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected List<TransferSnapshot> act() {
            CliFailure.requireNotNegative("--limit", limit, "50");
            return ctx.app().transfers().recent(limit);
        }

        @Override
        protected boolean json() {
            return json;
        }

        @Override
        protected Object toJson(List<TransferSnapshot> shown) {
            return TransferJson.all(shown, List.of());
        }

        @Override
        protected void print(List<TransferSnapshot> shown, Output out) {
            List<List<String>> rows = new ArrayList<>();
            for (TransferSnapshot s : shown) {
                rows.add(List.of(
                        s.id().substring(0, 8),
                        s.state().name(),
                        Sizes.bytes(s.size()),
                        String.format("%3.0f%%", s.fraction() * 100),
                        s.direction() == io.obitox.transfer.TransferDirection.DOWNLOAD
                                ? "↓ s3://" + s.bucket() + "/" + s.key() + " → " + s.source()
                                : "s3://" + s.bucket() + "/" + s.key(),
                        s.errorMessage() == null ? "" : s.errorMessage()));
            }
            Messages messages = ctx.messages();
            out.table(
                    List.of(
                            messages.get("cli.transfers.id"),
                            messages.get("cli.transfers.state"),
                            messages.get("cli.transfers.size"),
                            messages.get("cli.transfers.done"),
                            messages.get("cli.transfers.target"),
                            messages.get("cli.transfers.error")),
                    rows);
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "cli.help.transfers.resume")
    static final class ResumeCmd extends LiveCommand<List<TransferSnapshot>> {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        @Option(names = "--json", descriptionKey = "cli.help.transfers.resume.json")
        boolean json;

        @Option(
                names = "--sse-c-key-file",
                paramLabel = "FILE",
                descriptionKey = "cli.help.transfers.resume.sseCKeyFile")
        java.nio.file.Path sseCKeyFile;

        /** Set when there was nothing to resume: then there is no document to print, only the line saying so. */
        private boolean nothing;

        ResumeCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected boolean json() {
            return json && !nothing;
        }

        @Override
        protected List<TransferSnapshot> act() throws InterruptedException {
            TransferService s = ctx.app().transfers();
            if (sseCKeyFile
                    != null) { // issue 16: in memory only; a transfer under another key fails SSE_C_KEY_MISMATCH
                s.engine().sseCKeys().add(io.obitox.objects.SseCKey.read(sseCKeyFile));
            }
            List<String> ids;
            if (which.all) {
                s.engine().recover(true, true);
                ids = s.unfinished().stream()
                        .filter(x -> x.state() == TransferState.QUEUED || x.state() == TransferState.RUNNING)
                        .map(TransferSnapshot::id)
                        .toList();
            } else {
                ids = which.ids(s, x -> true);
                ids.forEach(s::resume);
            }
            if (ids.isEmpty()) {
                nothing = true;
                return List.of();
            }
            return ProgressPrinter.await(s, ids, ctx, !live());
        }

        @Override
        protected Object toJson(List<TransferSnapshot> end) {
            return TransferJson.all(end, List.of());
        }

        @Override
        protected void print(List<TransferSnapshot> end, Output out) {
            if (nothing) {
                Messages messages = ctx.messages();
                out.println(messages.get("cli.transfers.nothingToResume"));
            }
        }

        /** A skipped file (already in the bucket) has nothing to resume and is not a failure. */
        @Override
        protected int exitCode(List<TransferSnapshot> end) {
            return end.stream()
                            .allMatch(x -> x.state() == TransferState.COMPLETED || x.state() == TransferState.SKIPPED)
                    ? ExitCodes.OK
                    : ExitCodes.FAILURE;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "cli.help.transfers.pause")
    static final class PauseCmd extends Control {
        PauseCmd(CliContext ctx) {
            super(ctx, "cli.transfers.paused", "cli.transfers.pauseElsewhere", TransferService::pause);
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "cli.help.transfers.cancel")
    static final class CancelCmd extends Control {
        CancelCmd(CliContext ctx) {
            super(ctx, "cli.transfers.cancelled", "cli.transfers.cancelElsewhere", TransferService::cancel);
        }
    }

    /** Pause or cancel: acts on each transfer it applies to, then says how many. */
    abstract static class Control extends ResultCommand<Integer> {
        /** The message keys of the count line and of the warning about a transfer another process runs. */
        private final String doneKey;

        private final String elsewhereKey;
        private final java.util.function.BiConsumer<TransferService, String> action;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        Control(
                CliContext ctx,
                String doneKey,
                String elsewhereKey,
                java.util.function.BiConsumer<TransferService, String> action) {
            super(ctx);
            this.doneKey = doneKey;
            this.elsewhereKey = elsewhereKey;
            this.action = action;
        }

        /** Transfers this run could not act on (ended already, or run by another live process). */
        private int refused;

        /** Returns how many transfers were acted on. */
        @Override
        protected Integer act() throws InterruptedException {
            TransferService s = ctx.app().transfers();
            List<String> ids = which.ids(s, x -> !x.state().isFinal());
            int n = 0;
            for (String id : ids) {
                TransferSnapshot x = s.snapshot(id).orElseThrow();
                String name = TerminalText.escape(x.fileName());
                if (x.state().isFinal()) {
                    String state = ctx.messages()
                            .get("transfers.state." + x.state().name().toLowerCase(Locale.ROOT));
                    ctx.out().warn(ctx.messages().get("cli.transfers.alreadyEnded", name, state));
                    refused++;
                } else if (s.runningElsewhere(id)) {
                    ctx.out().warn(ctx.messages().get(elsewhereKey, name));
                    refused++;
                } else {
                    action.accept(s, id); // a RUNNING row whose process is gone (a kill) is moved too
                    n++;
                }
            }
            s.awaitSettled(ids, java.time.Duration.ofSeconds(30));
            return n;
        }

        /** A transfer that could not be paused or cancelled fails the run. */
        @Override
        protected int exitCode(Integer n) {
            return refused == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
        }

        @Override
        protected void print(Integer n, Output out) {
            out.println(ctx.messages().get(doneKey, n));
        }
    }

    @Command(name = "export-token", mixinStandardHelpOptions = true, description = "cli.help.transfers.exportToken")
    static final class ExportCmd extends ResultCommand<String> {

        @Parameters(index = "0", paramLabel = "ID", descriptionKey = "cli.help.transfers.exportToken.id")
        String id;

        ExportCmd(CliContext ctx) {
            super(ctx);
        }

        /** Returns the token. */
        @Override
        protected String act() {
            TransferService s = ctx.app().transfers();
            TransferSnapshot x = find(s, id);
            String profileName = ctx.app().profiles().list().stream()
                    .filter(p -> p.name().equals(x.targetLabel()))
                    .map(p -> p.name())
                    .findFirst()
                    .orElse(null);
            return s.exportToken(x.id(), profileName);
        }

        @Override
        protected void print(String token, Output out) {
            out.println(token);
        }
    }
}
