package io.obitox.cors.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.ExitCodes;
import io.obitox.cli.kit.TargetOptions;
import io.obitox.cors.CorsChange;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code obitox cors history --bucket B}: every change ObitoX made to the bucket's CORS, newest first. */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = "List the CORS changes made with ObitoX, newest first; restore any of them with 'cors restore'.")
final class CorsHistoryCommand extends CorsCliSupport implements Callable<Integer> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    CorsHistoryCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        TargetOptions.Resolved resolved = target.resolve(ctx.app());
        String b = resolved.bucketOr(bucket);
        List<CorsChange> changes = ctx.app().cors().history(resolved.target(), b);
        if (json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (CorsChange c : changes) {
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
            m.put("bucket", b);
            m.put("endpoint", resolved.target().where());
            m.put("changes", out);
            ctx.out().json(m);
            return ExitCodes.OK;
        }
        if (changes.isEmpty()) {
            ctx.out().println("No CORS changes of bucket " + b + " were made with ObitoX.");
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (CorsChange c : changes) {
            rows.add(List.of(
                    "#" + c.id(), TIME.format(c.changedAt()), c.profile() == null ? "-" : c.profile(), c.summary()));
        }
        ctx.out().table(List.of("ID", "TIME", "PROFILE", "CHANGE"), rows);
        ctx.out().println("");
        ctx.out().println("Restore the configuration after a change: obitox cors restore --bucket " + b + " --id N");
        ctx.out().println("Undo a change (restore the one before it): add --before; without --id, undoes the latest.");
        return ExitCodes.OK;
    }
}
