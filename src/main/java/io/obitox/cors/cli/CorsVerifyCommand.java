package io.obitox.cors.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.CliFailure;
import io.obitox.cli.kit.ExitCodes;
import io.obitox.cli.kit.Output;
import io.obitox.common.Messages;
import io.obitox.common.TextRef;
import io.obitox.cors.BrowserProof;
import io.obitox.cors.CorsCheck;
import io.obitox.cors.CorsReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code obitox cors verify --bucket B [--origin O …] [--browser] [--json]}: static audit plus the browser's own
 * requests, and with {@code --browser} the same uploads made by a real headless Chromium/Chrome.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "cli.help.corsVerify")
final class CorsVerifyCommand extends CorsCliSupport<CorsVerifyCommand.Verified> {
    /** The report of one bucket. */
    record Verified(String bucket, CorsReport report) {}

    @Option(names = "--origin", paramLabel = "ORIGIN", descriptionKey = "cli.help.corsVerify.origin")
    List<String> origins = new ArrayList<>();

    @Option(names = "--static-only", descriptionKey = "cli.help.corsVerify.staticOnly")
    boolean staticOnly;

    @Option(names = "--browser", descriptionKey = "cli.help.corsVerify.browser")
    boolean browser;

    @Option(names = "--browser-timeout", paramLabel = "SECONDS", descriptionKey = "cli.help.corsVerify.browserTimeout")
    int browserTimeout = (int) BrowserProof.DEFAULT_TIME_LIMIT.toSeconds();

    @Spec
    CommandSpec spec;

    CorsVerifyCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected Verified act() {
        Where w = where();
        if (!json) {
            ctx.out()
                    .progress(ctx.messages()
                            .get("cli.cors.verifying", w.bucket(), w.target().where()));
        }
        if (browser && staticOnly) {
            throw CliFailure.usage(spec.commandLine(), TextRef.of("cli.error.corsVerify.browserOrStatic"));
        }
        if (browserTimeout < 1 || browserTimeout > 600) {
            throw CliFailure.usage(spec.commandLine(), TextRef.of("cli.error.corsVerify.browserTimeout"));
        }
        CorsReport report = ctx.app()
                .cors()
                .verify(
                        w.target(),
                        w.bucket(),
                        origins,
                        !staticOnly,
                        browser ? Duration.ofSeconds(browserTimeout) : null);
        return new Verified(w.bucket(), report);
    }

    @Override
    protected Object toJson(Verified v) {
        CorsReport report = v.report();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", report.ok());
        m.put("bucket", v.bucket());
        m.put("origins", report.origins());
        List<Map<String, Object>> checks = new ArrayList<>();
        for (CorsCheck c : report.checks()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("name", c.name());
            cm.put("passed", c.passed());
            cm.put("status", c.status().name().toLowerCase(Locale.ROOT));
            cm.put("message", c.message());
            cm.put("fix", c.fix());
            checks.add(cm);
        }
        m.put("checks", checks);
        return m;
    }

    @Override
    protected void print(Verified v, Output out) {
        CorsReport report = v.report();
        // in the run's language; a check made without keys (nameText null) prints its English, as --json does
        Messages messages = ctx.messages();
        for (CorsCheck c : report.checks()) {
            out.println(String.format(
                    "  %-5s %-40s %s%s",
                    symbol(c.status()),
                    messages.render(c.nameText(), c.name()),
                    messages.render(c.messageText(), c.message()),
                    c.passed() && c.status() != CorsCheck.Status.WARNING
                                    || c.fix().isBlank()
                            ? ""
                            : "\n        " + messages.get("cli.output.fix", messages.render(c.fixText(), c.fix()))));
        }
        out.println(
                messages.get(report.ok() ? "cli.cors.ok" : "cli.cors.failed", messages.render(report.headlineText())));
    }

    @Override
    protected int exitCode(Verified v) {
        return v.report().ok() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static String symbol(CorsCheck.Status s) {
        return switch (s) {
            case PASSED -> "ok";
            case WARNING -> "warn";
            case FAILED -> "FAIL";
            case SKIPPED -> "skip";
        };
    }
}
