package io.obitox.watch.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.CliFailure;
import io.obitox.cli.kit.Output;
import io.obitox.cli.kit.ResultCommand;
import io.obitox.cli.kit.TargetOptions;
import io.obitox.common.Messages;
import io.obitox.common.TerminalText;
import io.obitox.common.TextRef;
import io.obitox.sync.ExcludeRules;
import io.obitox.sync.Rule;
import io.obitox.transfer.cli.UploadConflicts;
import io.obitox.transfer.cli.UploadRuleOptions;
import io.obitox.watch.Watch;
import io.obitox.watch.WatchFolderService;
import io.obitox.watch.WatchRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code obitox watch add|list|remove|pause|resume|run} (issue 19). */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = "cli.help.watch",
        subcommands = {
            WatchCommand.AddCmd.class,
            WatchListCommand.class,
            WatchCommand.RemoveCmd.class,
            WatchCommand.PauseCmd.class,
            WatchCommand.ResumeCmd.class,
            WatchRunCommand.class
        })
public final class WatchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw CliFailure.missingSubcommand(spec.commandLine(), "add", "list", "remove", "pause", "resume", "run");
    }

    /** {@code 3s}, {@code 300ms}, {@code 5m}, {@code 1h}, or a number of seconds. */
    static Duration duration(String text, String option) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long unit = t.endsWith("h") ? 3_600_000 : t.endsWith("m") ? 60_000 : 1000;
            String n = Character.isLetter(t.charAt(t.length() - 1)) ? t.substring(0, t.length() - 1) : t;
            return Duration.ofMillis(Math.round(Double.parseDouble(n) * unit));
        } catch (RuntimeException e) {
            throw CliFailure.of(
                    "INVALID_DURATION",
                    TextRef.of("cli.error.watch.invalidDuration", text, option),
                    TextRef.of("cli.error.watch.invalidDuration.fix"));
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "cli.help.watch.add")
    static final class AddCmd extends ResultCommand<AddCmd.Added> {

        @Parameters(index = "0", paramLabel = "DIR", descriptionKey = "cli.help.watch.add.dir")
        Path dir;

        @Option(names = "--bucket", paramLabel = "BUCKET", descriptionKey = "cli.help.watch.add.bucket")
        String bucket;

        @Option(names = "--prefix", paramLabel = "PREFIX", descriptionKey = "cli.help.watch.add.prefix")
        String prefix = "";

        @Option(names = "--policy", paramLabel = "NAME|FILE", descriptionKey = "cli.help.watch.add.policy")
        String policy;

        @Option(names = "--no-validate", descriptionKey = "cli.help.watch.add.noValidate")
        boolean noValidate;

        @Option(names = "--no-recursive", descriptionKey = "cli.help.watch.add.noRecursive")
        boolean noRecursive;

        @Option(names = "--settle", paramLabel = "TIME", descriptionKey = "cli.help.watch.add.settle")
        String settle = "3s";

        @Option(names = "--scan", paramLabel = "TIME", descriptionKey = "cli.help.watch.add.scan")
        String scan = "5m";

        @Option(names = "--after-upload", paramLabel = "ACTION", descriptionKey = "cli.help.watch.add.afterUpload")
        String afterUpload = "keep";

        @Option(names = "--paused", descriptionKey = "cli.help.watch.add.paused")
        boolean paused;

        @Option(names = "--json", descriptionKey = "cli.help.watch.add.json")
        boolean json;

        @Mixin
        TargetOptions target;

        @Mixin
        UploadRuleOptions rules;

        @Spec
        CommandSpec spec;

        /** The watch as stored, and the label of the storage it uploads to. */
        record Added(Watch watch, WatchRepository.Row row, String targetLabel) {}

        AddCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected boolean json() {
            return json;
        }

        @Override
        protected Added act() {
            TargetOptions.Resolved resolved = target.resolve(ctx.app());
            String b = resolved.bucketOr(bucket);
            List<String> stored = new ArrayList<>();
            for (Path f : rules.excludeFrom()) {
                for (Rule r : ExcludeRules.readFile(f)) {
                    stored.add(line(r));
                }
            }
            for (Rule r : UploadConflicts.commandLineRules(
                    spec.commandLine().getParseResult().originalArgs())) {
                stored.add(line(r));
            }
            Watch w = ctx.app()
                    .watches()
                    .add(new WatchFolderService.Draft(
                            dir,
                            resolved.ref(),
                            b,
                            prefix,
                            policy,
                            !noValidate,
                            rules.ifExists(),
                            stored,
                            rules.defaultExcludes(),
                            !noRecursive,
                            duration(settle, "--settle"),
                            duration(scan, "--scan"),
                            Watch.AfterUpload.parse(afterUpload),
                            paused));
            return new Added(
                    w, ctx.app().watches().get(w.id()), resolved.target().label());
        }

        @Override
        protected Object toJson(Added a) {
            return WatchJson.row(a.row(), a.targetLabel());
        }

        @Override
        protected void print(Added a, Output out) {
            Watch w = a.watch();
            Messages messages = ctx.messages();
            out.println(messages.get(
                    paused ? "cli.watch.addedPaused" : "cli.watch.added",
                    w.id(),
                    TerminalText.escape(w.folder().toString()),
                    TerminalText.escape(w.destination()),
                    a.targetLabel()));
            out.println(messages.get("cli.watch.runIt"));
        }

        private static String line(Rule r) {
            return (r.keeps() ? "include:" : "exclude:") + r.pattern();
        }
    }

    @Command(name = "remove", aliases = "rm", mixinStandardHelpOptions = true, description = "cli.help.watch.remove")
    static final class RemoveCmd extends ResultCommand<Watch> {
        @Parameters(index = "0", paramLabel = "ID", descriptionKey = "cli.help.watch.remove.id")
        String id;

        RemoveCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected Watch act() {
            return ctx.app().watches().remove(id);
        }

        @Override
        protected void print(Watch w, Output out) {
            Messages messages = ctx.messages();
            out.println(messages.get(
                    "cli.watch.removed", w.id(), TerminalText.escape(w.folder().toString())));
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "cli.help.watch.pause")
    static final class PauseCmd extends ResultCommand<Watch> {
        @Parameters(index = "0", paramLabel = "ID", descriptionKey = "cli.help.watch.pause.id")
        String id;

        PauseCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected Watch act() {
            return ctx.app().watches().pause(id);
        }

        @Override
        protected void print(Watch w, Output out) {
            Messages messages = ctx.messages();
            out.println(messages.get("cli.watch.paused", w.id()));
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "cli.help.watch.resume")
    static final class ResumeCmd extends ResultCommand<Watch> {
        @Parameters(index = "0", paramLabel = "ID", descriptionKey = "cli.help.watch.resume.id")
        String id;

        ResumeCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected Watch act() {
            return ctx.app().watches().resume(id);
        }

        @Override
        protected void print(Watch w, Output out) {
            Messages messages = ctx.messages();
            out.println(messages.get("cli.watch.resumed", w.id()));
        }
    }
}
