package io.obitox.cors.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.ResultCommand;
import io.obitox.cli.kit.TargetOptions;
import io.obitox.common.Messages;
import io.obitox.common.TextRef;
import io.obitox.cors.ChangePlan;
import io.obitox.cors.CorsChange;
import io.obitox.cors.CorsConfig;
import io.obitox.cors.CorsDiff;
import io.obitox.cors.CorsRule;
import io.obitox.storage.S3Target;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every {@code cors} subcommand shares: the target options, {@code --bucket}, {@code --json}, and the
 * printing of configurations, plans and the confirmation question.
 *
 * @param <R> what the subcommand found or did
 */
abstract class CorsCliSupport<R> extends ResultCommand<R> {
    /** The target and the bucket the options name. */
    record Where(S3Target target, String bucket) {}

    @Mixin
    TargetOptions target;

    @Option(names = "--bucket", paramLabel = "BUCKET", descriptionKey = "cli.help.corsCliSupport.bucket")
    String bucket;

    @Option(names = "--json", descriptionKey = "cli.help.corsCliSupport.json")
    boolean json;

    CorsCliSupport(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected boolean json() {
        return json;
    }

    /** Resolves the target options and the bucket (the profile's default when none is given). */
    Where where() {
        TargetOptions.Resolved resolved = target.resolve(ctx.app());
        return new Where(resolved.target(), resolved.bucketOr(bucket));
    }

    void printRules(CorsConfig config) {
        List<CorsRule> rules = config.rules();
        Messages messages = ctx.messages();
        for (int i = 0; i < rules.size(); i++) {
            CorsRule r = rules.get(i);
            ctx.out()
                    .println(
                            r.id() == null
                                    ? messages.get("cli.cors.rule", i + 1)
                                    : messages.get("cli.cors.ruleNamed", i + 1, r.id()));
            ctx.out()
                    .table(
                            null,
                            List.of(
                                    List.of(
                                            "  " + messages.get("cli.cors.origins"),
                                            String.join(", ", r.allowedOrigins())),
                                    List.of(
                                            "  " + messages.get("cli.cors.methods"),
                                            String.join(" ", r.allowedMethods())),
                                    List.of("  " + messages.get("cli.cors.allowedHeaders"), join(r.allowedHeaders())),
                                    List.of("  " + messages.get("cli.cors.exposedHeaders"), join(r.exposeHeaders())),
                                    List.of(
                                            "  " + messages.get("cli.cors.maxAge"),
                                            r.maxAgeSeconds() == null ? "-" : r.maxAgeSeconds() + " s")));
        }
    }

    /** Notes, summary and diff of a plan, as the user reviews them (in the run's language; the diff is JSON). */
    void printPlan(ChangePlan plan) {
        Messages messages = ctx.messages();
        for (TextRef note : plan.noteTexts()) {
            ctx.out().println(messages.get("cli.cors.note", messages.render(note)));
        }
        plan.diff().summaryTexts().forEach(s -> ctx.out().println("- " + messages.render(s)));
        if (plan.changed()) {
            ctx.out().println("");
            ctx.out().print(plan.diff().unified());
        }
    }

    Map<String, Object> planJson(ChangePlan plan, CorsChange applied) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bucket", plan.bucket());
        m.put("changed", plan.changed());
        m.put("applied", applied != null);
        m.put("historyId", applied == null ? null : applied.id());
        m.put("notes", plan.notes());
        m.put("summary", plan.diff().summary());
        m.put("diff", plan.diff().lines().stream().map(CorsDiff.Line::toString).toList());
        m.put("previous", plan.previous());
        m.put("proposed", plan.proposed());
        return m;
    }

    /**
     * Asks a yes/no question on stderr and reads the answer from standard input; anything but y/yes (including end
     * of input) is no.
     */
    boolean confirm(String question) {
        ctx.out().stderr().print(question + " [y/N] ");
        ctx.out().stderr().flush();
        String answer = readLine(System.in);
        return answer != null && List.of("y", "yes").contains(answer.trim().toLowerCase(Locale.ROOT));
    }

    private static String readLine(InputStream in) {
        // not closed: it is the process's stdin
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            return reader.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private static String join(List<String> values) {
        return values.isEmpty() ? "-" : String.join(", ", values);
    }
}
