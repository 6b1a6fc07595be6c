package io.obitox.cors.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.ExitCodes;
import io.obitox.cli.kit.Output;
import io.obitox.common.Messages;
import io.obitox.cors.CorsReading;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code obitox cors show --bucket B}: the current configuration, or why there is none to show. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "cli.help.corsShow")
final class CorsShowCommand extends CorsCliSupport<CorsShowCommand.Shown> {
    /** What the bucket's CORS reads as, where. */
    record Shown(String bucket, String endpoint, CorsReading reading) {}

    CorsShowCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected Shown act() {
        Where w = where();
        return new Shown(w.bucket(), w.target().where(), ctx.app().cors().read(w.target(), w.bucket()));
    }

    @Override
    protected Object toJson(Shown s) {
        CorsReading reading = s.reading();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bucket", s.bucket());
        m.put("endpoint", s.endpoint());
        m.put("state", reading.state().name().toLowerCase(Locale.ROOT));
        m.put("message", reading.headline());
        m.put("fix", reading.problem() == null ? "" : reading.problem().fix());
        m.put("configuration", reading.config());
        return m;
    }

    @Override
    protected void print(Shown s, Output out) {
        CorsReading reading = s.reading();
        if (!reading.readable()) {
            out.error(reading.problem());
            return;
        }
        Messages messages = ctx.messages();
        out.println(messages.get(
                "cli.cors.showHeading", s.bucket(), s.endpoint(), messages.render(reading.headlineText())));
        if (reading.state() == CorsReading.State.CONFIGURED) {
            printRules(reading.config());
            out.println("");
            out.println(messages.get("cli.cors.asJson"));
            out.println(reading.config().toPrettyJson());
        } else {
            out.println(messages.get("cli.cors.setItUp", s.bucket()));
        }
    }

    @Override
    protected int exitCode(Shown s) {
        return s.reading().readable() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
