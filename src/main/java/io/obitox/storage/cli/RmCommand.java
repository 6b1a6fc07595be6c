package io.obitox.storage.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.CliFailure;
import io.obitox.cli.kit.ExitCodes;
import io.obitox.cli.kit.Output;
import io.obitox.cli.kit.ResultCommand;
import io.obitox.cli.kit.TargetOptions;
import io.obitox.common.Messages;
import io.obitox.common.ObitoxException;
import io.obitox.common.Sizes;
import io.obitox.common.TextRef;
import io.obitox.storage.DeletePlan;
import io.obitox.storage.DeleteResult;
import io.obitox.storage.DeleteService;
import io.obitox.storage.ObjectEntry;
import io.obitox.storage.S3Target;
import java.io.Console;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code obitox rm BUCKET/KEY… [--recursive] [--yes] [--dry-run] [--json]}: lists what would be deleted (count, total
 * size, versioning), asks, then deletes in batches of 1,000. Without a terminal to ask on it deletes only with
 * {@code --yes}.
 */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "cli.help.rm")
public final class RmCommand extends ResultCommand<RmCommand.Outcome> {
    /** How many keys the question shows before "… and N more"; --dry-run lists them all. */
    private static final int SHOWN = 20;

    @Parameters(index = "0", arity = "1..*", paramLabel = "BUCKET/KEY", descriptionKey = "cli.help.rm.paths")
    List<String> paths;

    @Mixin
    TargetOptions target;

    @Option(
            names = {"-r", "--recursive"},
            descriptionKey = "cli.help.rm.recursive")
    boolean recursive;

    @Option(
            names = {"-y", "--yes"},
            descriptionKey = "cli.help.rm.yes")
    boolean yes;

    @Option(names = "--dry-run", descriptionKey = "cli.help.rm.dryRun")
    boolean dryRun;

    @Option(names = "--json", descriptionKey = "cli.help.rm.json")
    boolean json;

    /**
     * What was planned and, unless it was a dry run, nothing to do or declined, what the deletes did ({@code results}
     * null otherwise).
     */
    record Outcome(List<DeletePlan> plans, int count, long bytes, int missing, List<DeleteResult> results) {}

    /** Set when the user said no: nothing was deleted, and there is no document to print. */
    private boolean declined;

    public RmCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected boolean json() {
        return json && !declined;
    }

    /** Plans, shows the plan (the question is about it), asks, deletes. */
    @Override
    protected Outcome act() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        Map<String, List<String>> prefixes = new LinkedHashMap<>();
        for (String arg : paths) {
            S3Path p = S3Path.parse(arg);
            keys.computeIfAbsent(p.bucket(), b -> new ArrayList<>());
            prefixes.computeIfAbsent(p.bucket(), b -> new ArrayList<>());
            if (recursive) {
                prefixes.get(p.bucket()).add(p.key());
            } else if (p.key().isEmpty() || p.key().endsWith("/")) {
                throw CliFailure.of(
                        "INVALID_PATH",
                        TextRef.of("cli.error.rm.invalidPath", arg),
                        TextRef.of("cli.error.rm.invalidPath.fix"));
            } else {
                keys.get(p.bucket()).add(p.key());
            }
        }
        S3Target t = target.resolve(ctx.app()).target();
        DeleteService deletes = ctx.app().deletes();
        List<DeletePlan> plans = new ArrayList<>();
        for (String bucket : keys.keySet()) {
            plans.add(deletes.plan(t, bucket, keys.get(bucket), prefixes.get(bucket)));
        }
        int count = plans.stream().mapToInt(DeletePlan::count).sum();
        long bytes = plans.stream().mapToLong(DeletePlan::totalBytes).sum();
        int missing = plans.stream().mapToInt(p -> p.missing().size()).sum();
        if (count == 0 && missing > 0 && !dryRun) {
            throw CliFailure.of(
                    "OBJECT_MISSING",
                    TextRef.of("cli.error.rm.objectMissing", String.join(", ", missingUris(plans))),
                    TextRef.of("cli.error.rm.objectMissing.fix"));
        }
        if (!dryRun && count > 0 && !yes && System.console() == null) {
            // refuse before listing: "delete: s3://…" lines followed by a refusal read as if the objects were gone
            throw confirmationRequired(count, bytes);
        }
        if (!json) {
            printPlan(plans, dryRun ? Integer.MAX_VALUE : SHOWN);
        }
        if (dryRun || count == 0) {
            return new Outcome(plans, count, bytes, missing, null);
        }
        if (!confirmed(count, bytes)) {
            declined = true;
            return new Outcome(plans, count, bytes, missing, null);
        }
        List<DeleteResult> results = new ArrayList<>();
        for (DeletePlan plan : plans) {
            results.add(deletes.delete(t, plan, n -> {}));
        }
        return new Outcome(plans, count, bytes, missing, results);
    }

    @Override
    protected Object toJson(Outcome o) {
        return json(o.plans(), o.results());
    }

    @Override
    protected void print(Outcome o, Output out) {
        Messages messages = ctx.messages();
        if (declined) {
            out.println(messages.get("cli.rm.nothingDeleted"));
        } else if (o.results() == null) {
            out.println(messages.get(
                    dryRun ? "cli.rm.wouldDelete" : "cli.rm.nothingToDelete",
                    summary(messages, o.plans(), o.count(), o.bytes())));
        } else {
            int deleted = o.results().stream().mapToInt(DeleteResult::deleted).sum();
            int requests = o.results().stream().mapToInt(DeleteResult::requests).sum();
            out.println(messages.get("cli.rm.deleted", deleted, requests));
            for (DeleteResult r : o.results()) {
                r.failures()
                        .forEach(f -> out.warn(messages.get(
                                "cli.rm.notDeleted",
                                r.bucket(),
                                f.key(),
                                f.code(),
                                f.message() == null ? "" : f.message())));
            }
        }
    }

    /** After the report: keys that were not deleted, or named ones that did not exist, fail the run. */
    @Override
    protected int exitCode(Outcome o) {
        if (declined) {
            return ExitCodes.FAILURE;
        }
        if (o.results() == null) {
            return ExitCodes.OK;
        }
        long failures = o.results().stream().mapToLong(r -> r.failures().size()).sum();
        if (failures > 0) {
            throw CliFailure.of(
                    "DELETE_INCOMPLETE",
                    TextRef.of("cli.error.rm.deleteIncomplete", String.valueOf(failures), String.valueOf(o.count())),
                    TextRef.of("cli.error.rm.deleteIncomplete.fix"));
        }
        return o.missing() > 0 ? missingError(o.missing()) : ExitCodes.OK;
    }

    /** One aligned table of what goes (size first, so keys of any length line up), then notes on stderr. */
    private void printPlan(List<DeletePlan> plans, int limit) {
        Messages messages = ctx.messages();
        List<List<String>> rows = new ArrayList<>();
        int total = 0;
        for (DeletePlan plan : plans) {
            for (ObjectEntry o : plan.objects()) {
                total++;
                if (rows.size() < limit) {
                    rows.add(List.of(
                            messages.get(dryRun ? "cli.rm.dryRunDelete" : "cli.rm.delete"),
                            Sizes.bytes(o.size()),
                            "s3://" + plan.bucket() + "/" + o.key()));
                }
            }
        }
        ctx.out().table(null, rows);
        if (total > rows.size()) {
            ctx.out().println(messages.get("cli.rm.more", total - rows.size()));
        }
        for (DeletePlan plan : plans) {
            plan.missing().forEach(k -> ctx.out().warn(messages.get("cli.rm.noObject", plan.bucket(), k)));
            if (!plan.versioningNote().isEmpty()) {
                ctx.out().progress(plan.versioningNote());
            }
        }
    }

    private static String summary(Messages messages, List<DeletePlan> plans, int count, long bytes) {
        int requests = plans.stream().mapToInt(DeletePlan::requests).sum();
        return messages.get("cli.rm.summary", count, Sizes.bytes(bytes), requests);
    }

    private boolean confirmed(int count, long bytes) {
        if (yes) {
            return true;
        }
        Console console = System.console();
        if (console == null) {
            throw confirmationRequired(count, bytes);
        }
        Messages messages = ctx.messages();
        String answer = console.readLine("%s ", messages.get("cli.rm.confirm", count, Sizes.bytes(bytes)));
        return answer != null && List.of("y", "yes").contains(answer.trim().toLowerCase(Locale.ROOT));
    }

    private static ObitoxException confirmationRequired(int count, long bytes) {
        return CliFailure.of(
                "CONFIRMATION_REQUIRED",
                TextRef.of("cli.error.rm.confirmationRequired", String.valueOf(count), Sizes.bytes(bytes)),
                TextRef.of("cli.error.rm.confirmationRequired.fix"));
    }

    private static List<String> missingUris(List<DeletePlan> plans) {
        List<String> uris = new ArrayList<>();
        plans.forEach(p -> p.missing().forEach(k -> uris.add("s3://" + p.bucket() + "/" + k)));
        return uris;
    }

    private int missingError(int missing) {
        throw CliFailure.of(
                "OBJECT_MISSING",
                TextRef.of("cli.error.rm.namedMissing", String.valueOf(missing)),
                TextRef.of("cli.error.rm.namedMissing.fix"));
    }

    private static Map<String, Object> json(List<DeletePlan> plans, List<DeleteResult> results) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            DeletePlan p = plans.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bucket", p.bucket());
            m.put("prefixes", p.prefixes());
            m.put("count", p.count());
            m.put("totalBytes", p.totalBytes());
            m.put("requests", p.requests());
            m.put("versioning", p.versioning().name().toLowerCase(Locale.ROOT));
            List<Map<String, Object>> objects = new ArrayList<>();
            for (ObjectEntry o : p.objects()) {
                Map<String, Object> om = new LinkedHashMap<>();
                om.put("key", o.key());
                om.put("size", o.size());
                objects.add(om);
            }
            m.put("objects", objects);
            m.put("missing", p.missing());
            if (results != null) {
                DeleteResult r = results.get(i);
                m.put("deleted", r.deleted());
                m.put("requestsSent", r.requests());
                List<Map<String, Object>> failures = new ArrayList<>();
                for (DeleteResult.Failure f : r.failures()) {
                    Map<String, Object> fm = new LinkedHashMap<>();
                    fm.put("key", f.key());
                    fm.put("code", f.code());
                    fm.put("message", f.message());
                    failures.add(fm);
                }
                m.put("failures", failures);
            }
            out.add(m);
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("dryRun", results == null);
        all.put("buckets", out);
        return all;
    }
}
