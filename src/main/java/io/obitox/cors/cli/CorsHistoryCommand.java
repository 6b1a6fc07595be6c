package io.obitox.cors.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.Output;
import io.obitox.common.Messages;
import io.obitox.cors.CorsChange;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code obitox cors history --bucket B}: every change ObitoX made to the bucket's CORS, newest first. */
@Command(name = "history", mixinStandardHelpOptions = true, description = "cli.help.corsHistory")
final class CorsHistoryCommand extends CorsCliSupport<CorsHistoryCommand.History> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    /** The changes of one bucket, newest first. */
    record History(String bucket, String endpoint, List<CorsChange> changes) {}

    CorsHistoryCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected History act() {
        Where w = where();
        return new History(w.bucket(), w.target().where(), ctx.app().cors().history(w.target(), w.bucket()));
    }

    @Override
    protected Object toJson(History h) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CorsChange c : h.changes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("time", c.changedAt().toString());
            m.put("profile", c.profile());
            m.put("action", c.action().name().toLowerCase(Locale.ROOT));
            m.put("restoredFrom", c.restoredFrom());
            m.put("previous", c.previous());
            m.put("new", c.next());
            out.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bucket", h.bucket());
        m.put("endpoint", h.endpoint());
        m.put("changes", out);
        return m;
    }

    @Override
    protected void print(History h, Output out) {
        String b = h.bucket();
        Messages messages = ctx.messages();
        if (h.changes().isEmpty()) {
            out.println(messages.get("cli.cors.noHistory", b));
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (CorsChange c : h.changes()) {
            rows.add(List.of(
                    "#" + c.id(),
                    TIME.format(c.changedAt()),
                    c.profile() == null ? "-" : c.profile(),
                    messages.render(c.summaryText())));
        }
        out.table(
                List.of(
                        "ID",
                        messages.get("cli.cors.time"),
                        messages.get("cli.cors.profile"),
                        messages.get("cli.cors.change")),
                rows);
        out.println("");
        out.println(messages.get("cli.cors.restoreHint", b));
        out.println(messages.get("cli.cors.undoHint"));
    }
}
