package io.obitox.validation.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.ExitCodes;
import io.obitox.cli.kit.Output;
import io.obitox.cli.kit.ResultCommand;
import io.obitox.common.Messages;
import io.obitox.common.Sizes;
import io.obitox.profile.StorageProfile;
import io.obitox.validation.BatchRequest;
import io.obitox.validation.BatchResult;
import io.obitox.validation.ValidationIssue;
import io.obitox.validation.ValidationPolicy;
import io.obitox.validation.ValidationResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code obitox validate PATH… [--policy NAME|FILE] [--json]}: what an upload of these paths would accept. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "cli.help.validate")
public final class ValidateCommand extends ResultCommand<ValidateCommand.Checked> {
    /** The batch's results, valid and rejected sorted by path, and the policy they were checked with. */
    record Checked(ValidationPolicy policy, BatchResult result, List<ValidationResult> all) {}

    @Parameters(arity = "1..*", paramLabel = "PATH", descriptionKey = "cli.help.validate.path")
    List<Path> paths;

    @Option(names = "--policy", paramLabel = "NAME|FILE", descriptionKey = "cli.help.validate.policy")
    String policy;

    @Option(names = "--bucket", paramLabel = "BUCKET", descriptionKey = "cli.help.validate.bucket")
    String bucket;

    @Option(names = "--profile", paramLabel = "NAME", descriptionKey = "cli.help.validate.profile")
    String profile;

    @Option(names = "--prefix", paramLabel = "PREFIX", descriptionKey = "cli.help.validate.prefix")
    String prefix = "";

    @Option(names = "--json", descriptionKey = "cli.help.validate.json")
    boolean json;

    @Option(names = "--follow-links", descriptionKey = "cli.help.validate.followLinks")
    boolean followLinks;

    public ValidateCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected Checked act() {
        ValidationPolicy chosen = followLinks ? choosePolicy().withFollowLinks(true) : choosePolicy();
        BatchResult result =
                ctx.app().batchValidator().validateFiles(new BatchRequest(paths, chosen, prefix == null ? "" : prefix));
        List<ValidationResult> all = new ArrayList<>(result.valid());
        all.addAll(result.invalid());
        all.sort(Comparator.comparing(r -> r.path().toString()));
        return new Checked(chosen, result, all);
    }

    @Override
    protected boolean json() {
        return json;
    }

    @Override
    protected Object toJson(Checked c) {
        List<Map<String, Object>> out = new ArrayList<>();
        c.all().forEach(r -> out.add(describe(r)));
        return out;
    }

    @Override
    protected void print(Checked c, Output out) {
        List<List<String>> rows = new ArrayList<>();
        for (ValidationResult r : c.all()) {
            String status = !r.valid() ? "REJECTED" : r.warnings().isEmpty() ? "ok" : "WARNING";
            String type = r.detectedType() == null ? "-" : r.detectedType();
            String detail = r.valid()
                    ? "-> " + r.objectKey()
                            + (r.warnings().isEmpty()
                                    ? ""
                                    : "  (" + r.warnings().get(0).message() + ")")
                    : r.error().code() + ": " + r.error().message();
            rows.add(List.of(status, r.path().toString(), type, detail));
        }
        Messages messages = ctx.messages();
        out.table(
                List.of(
                        messages.get("cli.validate.status"),
                        messages.get("cli.validate.path"),
                        messages.get("cli.validate.type"),
                        messages.get("cli.validate.result")),
                rows);
    }

    /** The count line, on stderr: with --json too. */
    @Override
    protected void printAfter(Checked c, Output out) {
        List<ValidationResult> all = c.all();
        BatchResult result = c.result();
        ValidationPolicy chosen = c.policy();
        Messages messages = ctx.messages();
        out.progress(messages.get(
                result.skipped().isEmpty() ? "cli.validate.summary" : "cli.validate.summarySkipped",
                all.size(),
                chosen.name(),
                result.valid().size(),
                Sizes.bytes(result.progress().validBytes()),
                result.invalid().size(),
                result.skipped().size()));
    }

    @Override
    protected int exitCode(Checked c) {
        return c.result().allValid() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private ValidationPolicy choosePolicy() {
        if (policy != null && !policy.isBlank()) {
            return ctx.app().validationPolicies().resolve(policy);
        }
        if (bucket != null && !bucket.isBlank()) {
            StorageProfile p = profile == null
                    ? ctx.app().profiles().defaultProfile().orElse(null)
                    : ctx.app().profiles().require(profile);
            return ctx.app().validationPolicies().policyFor(p == null ? null : p.id(), bucket);
        }
        return ctx.app().validationPolicies().defaultPolicy();
    }

    static Map<String, Object> describe(ValidationResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", r.path().toString());
        m.put("valid", r.valid());
        m.put("code", r.error() == null ? null : r.error().code().name());
        m.put("message", r.error() == null ? null : r.error().message());
        m.put("detectedType", r.detectedType());
        m.put("contentType", r.contentType());
        m.put("sanitizedName", r.sanitizedName());
        m.put("key", r.objectKey());
        m.put("size", r.size());
        m.put("details", r.error() == null ? null : r.error().details());
        List<Map<String, Object>> warnings = new ArrayList<>();
        for (ValidationIssue w : r.warnings()) {
            Map<String, Object> wm = new LinkedHashMap<>();
            wm.put("code", w.code().name());
            wm.put("message", w.message());
            warnings.add(wm);
        }
        m.put("warnings", warnings);
        return m;
    }
}
