package io.obitox.profile.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.ExitCodes;
import io.obitox.cli.kit.Output;
import io.obitox.cli.kit.ResultCommand;
import io.obitox.cli.kit.TargetOptions;
import io.obitox.common.Messages;
import io.obitox.profile.ConnectionCheck;
import io.obitox.profile.ConnectionReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code obitox profile test [NAME] [--bucket B] [--json]}: reachability, credentials, bucket and a permission
 * pre-flight, each in plain words with the fix. Exit status 1 when a check failed.
 */
@Command(name = "test", mixinStandardHelpOptions = true, description = "cli.help.profileTest")
final class ProfileTestCommand extends ResultCommand<ConnectionReport> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", descriptionKey = "cli.help.profileTest.name")
    String name;

    @Mixin
    TargetOptions target;

    @Option(names = "--bucket", paramLabel = "BUCKET", descriptionKey = "cli.help.profileTest.bucket")
    String bucket;

    @Option(names = "--json", descriptionKey = "cli.help.profileTest.json")
    boolean json;

    ProfileTestCommand(CliContext ctx) {
        super(ctx);
    }

    /** Runs the checks; without --json each is printed as it ends (a slow endpoint shows where it waits). */
    @Override
    protected ConnectionReport act() {
        if (name != null) {
            target.useProfile(name);
        }
        TargetOptions.Resolved resolved = target.resolve(ctx.app());
        String b = bucket != null
                ? bucket
                : resolved.profile().flatMap(p -> p.defaultBucketOpt()).orElse(null);
        if (!json) {
            ctx.out()
                    .println(
                            b == null
                                    ? ctx.messages()
                                            .get(
                                                    "cli.profile.testing",
                                                    resolved.target().label(),
                                                    resolved.target().where())
                                    : ctx.messages()
                                            .get(
                                                    "cli.profile.testingBucket",
                                                    resolved.target().label(),
                                                    resolved.target().where(),
                                                    b));
        }
        // in the run's language; a check made without keys prints its English, as --json does
        Messages messages = ctx.messages();
        ConnectionReport report = ctx.app().connectionTester().test(resolved.target(), b, check -> {
            if (!json) {
                String fix = messages.render(check.fixText(), check.fix());
                ctx.out()
                        .println(String.format(
                                "  %-5s %-24s %s%s",
                                symbol(check.status()),
                                messages.render(check.nameText(), check.name()),
                                messages.render(check.messageText(), check.message()),
                                fix.isBlank() ? "" : "\n        " + fix));
            }
        });
        return report;
    }

    @Override
    protected boolean json() {
        return json;
    }

    @Override
    protected Object toJson(ConnectionReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", report.profile());
        m.put("endpoint", report.endpoint());
        m.put("bucket", report.bucket());
        m.put("ok", report.ok());
        m.put("code", report.code());
        m.put("message", report.headline());
        List<Map<String, Object>> checks = new ArrayList<>();
        for (ConnectionCheck c : report.checks()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("name", c.name());
            cm.put("status", c.status().name().toLowerCase(java.util.Locale.ROOT));
            cm.put("code", c.code());
            cm.put("message", c.message());
            cm.put("fix", c.fix());
            checks.add(cm);
        }
        m.put("checks", checks);
        return m;
    }

    @Override
    protected void print(ConnectionReport report, Output out) {
        Messages messages = ctx.messages();
        String verdict = messages.oneLine(report.verdict());
        out.println(
                report.ok()
                        ? messages.get("cli.profile.test.ok", verdict)
                        : messages.get("cli.profile.test.failed", report.code(), verdict));
    }

    @Override
    protected int exitCode(ConnectionReport report) {
        return report.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static String symbol(ConnectionCheck.Status s) {
        return switch (s) {
            case PASSED -> "ok";
            case WARNING -> "warn";
            case FAILED -> "FAIL";
            case SKIPPED -> "skip";
        };
    }
}
