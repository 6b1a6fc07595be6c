package io.obitox.watch.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.Output;
import io.obitox.cli.kit.ResultCommand;
import io.obitox.common.Messages;
import io.obitox.common.TerminalText;
import io.obitox.watch.WatchHealth;
import io.obitox.watch.WatchLedger;
import io.obitox.watch.WatchRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code obitox watch list [--json] [--files]}: every watch with its state and counters. */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "cli.help.watchList")
final class WatchListCommand extends ResultCommand<WatchListCommand.Listed> {
    private static final List<WatchLedger.Outcome> LEFT_OUT = List.of(
            WatchLedger.Outcome.EXCLUDED,
            WatchLedger.Outcome.REJECTED,
            WatchLedger.Outcome.SKIPPED,
            WatchLedger.Outcome.FAILED);

    /** The watches, and with {@code --files} each one's last files left out, by watch id. */
    record Listed(List<WatchRepository.Row> rows, Map<String, List<WatchLedger.Entry>> files) {}

    @Option(names = "--json", descriptionKey = "cli.help.watchList.json")
    boolean json;

    @Option(names = "--files", paramLabel = "N", descriptionKey = "cli.help.watchList.files")
    int files;

    WatchListCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected Listed act() {
        var service = ctx.app().watches();
        List<WatchRepository.Row> rows = service.list();
        Map<String, List<WatchLedger.Entry>> leftOut = new LinkedHashMap<>();
        if (files > 0) {
            for (WatchRepository.Row r : rows) {
                leftOut.put(r.watch().id(), service.files(r.watch().id(), LEFT_OUT, files));
            }
        }
        return new Listed(rows, leftOut);
    }

    @Override
    protected boolean json() {
        return json;
    }

    @Override
    protected Object toJson(Listed listed) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (WatchRepository.Row r : listed.rows()) {
            Map<String, Object> m = WatchJson.row(r, label(r));
            if (files > 0) {
                List<Map<String, Object>> fs = new ArrayList<>();
                for (WatchLedger.Entry e : listed.files().get(r.watch().id())) {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("path", e.relPath());
                    f.put("outcome", e.outcome().name());
                    f.put("reason", e.reason());
                    f.put("at", e.at().toString());
                    fs.add(f);
                }
                m.put("files", fs);
            }
            out.add(m);
        }
        return Map.of("watches", out);
    }

    @Override
    protected void print(Listed listed, Output out) {
        List<WatchRepository.Row> rows = listed.rows();
        Messages messages = ctx.messages();
        if (rows.isEmpty()) {
            out.println(messages.get("cli.watch.none"));
            return;
        }
        List<List<String>> table = new ArrayList<>();
        for (WatchRepository.Row r : rows) {
            WatchHealth h = r.health();
            WatchHealth.Counters c = h.counters();
            table.add(List.of(
                    r.watch().id().substring(0, 8),
                    TerminalText.escape(r.watch().folder().toString()),
                    TerminalText.escape(r.watch().destination()),
                    h.state().name().toLowerCase(java.util.Locale.ROOT),
                    c.seen() + "/" + c.uploaded() + "/" + c.skipped() + "/" + c.rejected() + "/" + c.failed()));
        }
        out.table(
                List.of(
                        "ID",
                        messages.get("cli.watch.folder"),
                        messages.get("cli.watch.target"),
                        messages.get("cli.watch.state"),
                        messages.get("cli.watch.counts")),
                table);
        for (WatchRepository.Row r : rows) {
            if (r.health().reason() != null) {
                out.println(r.watch().id().substring(0, 8) + ": " + r.health().reason());
            }
            for (WatchLedger.Entry e : listed.files().getOrDefault(r.watch().id(), List.of())) {
                out.println(r.watch().id().substring(0, 8) + "  "
                        + e.outcome().name().toLowerCase(java.util.Locale.ROOT) + "  "
                        + TerminalText.escape(e.relPath()) + ": " + e.reason());
            }
        }
    }

    private String label(WatchRepository.Row r) {
        try {
            return ctx.app().profiles().resolve(r.watch().target()).label();
        } catch (RuntimeException e) {
            return r.watch().target().toJson(); // a removed profile: the watch says which it was
        }
    }
}
