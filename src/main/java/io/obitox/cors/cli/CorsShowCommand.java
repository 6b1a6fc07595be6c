package io.obitox.cors.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.ExitCodes;
import io.obitox.cli.kit.TargetOptions;
import io.obitox.cors.CorsReading;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code obitox cors show --bucket B}: the current configuration, or why there is none to show. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = {
            "Show a bucket's CORS configuration.",
            "Tells apart: no configuration, a server with global CORS only, a missing permission, a missing bucket.",
            "Exit status 1 when the configuration cannot be read."
        })
final class CorsShowCommand extends CorsCliSupport implements Callable<Integer> {

    CorsShowCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        TargetOptions.Resolved resolved = target.resolve(ctx.app());
        String b = resolved.bucketOr(bucket);
        CorsReading reading = ctx.app().cors().read(resolved.target(), b);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bucket", b);
            m.put("endpoint", resolved.target().where());
            m.put("state", reading.state().name().toLowerCase(Locale.ROOT));
            m.put("message", reading.headline());
            m.put("fix", reading.problem() == null ? "" : reading.problem().fix());
            m.put("configuration", reading.config());
            ctx.out().json(m);
        } else if (reading.readable()) {
            ctx.out().println("Bucket " + b + " on " + resolved.target().where() + ": " + reading.headline());
            if (reading.state() == CorsReading.State.CONFIGURED) {
                printRules(reading.config());
                ctx.out().println("");
                ctx.out().println("As JSON (aws s3api put-bucket-cors --cors-configuration):");
                ctx.out().println(reading.config().toPrettyJson());
            } else {
                ctx.out()
                        .println("Set it up with: obitox cors setup --bucket " + b + " --origin http://localhost:3000");
            }
        } else {
            ctx.out().error(reading.problem());
        }
        return reading.readable() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
