package io.obitox.validation.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.CliFailure;
import io.obitox.cli.kit.ExitCodes;
import io.obitox.cli.kit.Output;
import io.obitox.cli.kit.ResultCommand;
import io.obitox.common.Messages;
import io.obitox.common.Sizes;
import io.obitox.common.TextRef;
import io.obitox.common.UserMessage;
import io.obitox.profile.StorageProfile;
import io.obitox.validation.PolicyAssignment;
import io.obitox.validation.PolicyJson;
import io.obitox.validation.PolicyService;
import io.obitox.validation.ValidationPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code obitox policy list|show|save|remove|assign|unassign}: validation policies and where they apply. */
@Command(
        name = "policy",
        mixinStandardHelpOptions = true,
        description = "cli.help.policy",
        subcommands = {
            PolicyCommand.ListPolicies.class,
            PolicyCommand.Show.class,
            PolicyCommand.Save.class,
            PolicyCommand.Remove.class,
            PolicyCommand.Assign.class,
            PolicyCommand.Unassign.class
        })
public final class PolicyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw CliFailure.missingSubcommand(spec.commandLine(), "list", "show", "save", "remove", "assign", "unassign");
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "cli.help.policy.list")
    static final class ListPolicies extends ResultCommand<List<ListPolicies.Listed>> {
        /** A policy and where it is used ("Office/photos", "Office (all buckets)"). */
        record Listed(ValidationPolicy policy, List<String> usedFor) {}

        @Option(names = "--json", descriptionKey = "cli.help.policy.list.json")
        boolean json;

        ListPolicies(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected List<Listed> act() {
            PolicyService policies = ctx.app().validationPolicies();
            List<PolicyAssignment> assignments = policies.assignments();
            Map<String, String> profileNames = ctx.app().profiles().list().stream()
                    .collect(Collectors.toMap(StorageProfile::id, StorageProfile::name));
            List<Listed> out = new ArrayList<>();
            for (ValidationPolicy p : policies.list()) {
                List<String> usedFor = assignments.stream()
                        .filter(a -> ValidationPolicy.key(a.policyName()).equals(p.key()))
                        .map(a -> profileNames.getOrDefault(a.profileId(), a.profileId())
                                + (a.bucket() == null ? " (all buckets)" : "/" + a.bucket()))
                        .toList();
                out.add(new Listed(p, usedFor));
            }
            return out;
        }

        @Override
        protected boolean json() {
            return json;
        }

        @Override
        protected Object toJson(List<Listed> listed) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Listed l : listed) {
                ValidationPolicy p = l.policy();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", p.name());
                m.put("preset", p.isPreset());
                m.put("policy", PolicyJson.toMap(p));
                m.put("usedFor", l.usedFor());
                out.add(m);
            }
            return out;
        }

        @Override
        protected void print(List<Listed> listed, Output out) {
            List<List<String>> rows = new ArrayList<>();
            for (Listed l : listed) {
                ValidationPolicy p = l.policy();
                rows.add(List.of(
                        p.name(),
                        p.isPreset() ? "preset" : "custom",
                        p.maxSize() == null ? "-" : Sizes.bytes(p.maxSize()),
                        p.allowedTypes().isEmpty() ? "any" : String.join(",", p.allowedTypes()),
                        l.usedFor().isEmpty() ? "-" : String.join(", ", l.usedFor())));
            }
            Messages messages = ctx.messages();
            out.table(
                    List.of(
                            messages.get("cli.policy.name"),
                            messages.get("cli.policy.kind"),
                            messages.get("cli.policy.maxSize"),
                            messages.get("cli.policy.types"),
                            messages.get("cli.policy.usedFor")),
                    rows);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "cli.help.policy.show")
    static final class Show extends ResultCommand<ValidationPolicy> {

        @Parameters(index = "0", paramLabel = "NAME|FILE", descriptionKey = "cli.help.policy.show.policy")
        String name;

        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected ValidationPolicy act() {
            return ctx.app().validationPolicies().resolve(name);
        }

        @Override
        protected void print(ValidationPolicy p, Output out) {
            out.println(PolicyJson.write(p));
        }
    }

    @Command(name = "save", mixinStandardHelpOptions = true, description = "cli.help.policy.save")
    static final class Save extends ResultCommand<ValidationPolicy> {

        @Parameters(index = "0", paramLabel = "FILE", descriptionKey = "cli.help.policy.save.file")
        Path file;

        @Option(names = "--name", paramLabel = "NAME", descriptionKey = "cli.help.policy.save.name")
        String name;

        Save(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected ValidationPolicy act() {
            ValidationPolicy p = PolicyJson.read(file);
            if (name != null && !name.isBlank()) {
                p = p.withName(name);
            }
            ctx.app().validationPolicies().save(p);
            return p;
        }

        @Override
        protected void print(ValidationPolicy p, Output out) {
            Messages messages = ctx.messages();
            out.println(messages.get("cli.policy.saved", p.name()));
        }
    }

    @Command(name = "remove", aliases = "rm", mixinStandardHelpOptions = true, description = "cli.help.policy.remove")
    static final class Remove extends ResultCommand<Boolean> {

        @Parameters(index = "0", paramLabel = "NAME", descriptionKey = "cli.help.policy.name")
        String name;

        Remove(CliContext ctx) {
            super(ctx);
        }

        /** Returns whether the policy was there to delete. */
        @Override
        protected Boolean act() {
            return ctx.app().validationPolicies().delete(name);
        }

        @Override
        protected void print(Boolean deleted, Output out) {
            if (!deleted) {
                out.error(UserMessage.of(
                        "POLICY_NOT_FOUND",
                        TextRef.of("cli.error.policy.noCustomPolicy", name),
                        TextRef.of("cli.error.policy.noCustomPolicy.fix")));
                return;
            }
            Messages messages = ctx.messages();
            out.println(messages.get("cli.policy.deleted", name));
        }

        @Override
        protected int exitCode(Boolean deleted) {
            return deleted ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    @Command(name = "assign", mixinStandardHelpOptions = true, description = "cli.help.policy.assign")
    static final class Assign extends ResultCommand<String> {

        @Parameters(index = "0", paramLabel = "NAME", descriptionKey = "cli.help.policy.name")
        String name;

        @Option(names = "--profile", paramLabel = "NAME", descriptionKey = "cli.help.policy.assign.profile")
        String profile;

        @Option(names = "--bucket", paramLabel = "BUCKET", descriptionKey = "cli.help.policy.assign.bucket")
        String bucket;

        Assign(CliContext ctx) {
            super(ctx);
        }

        /** Returns what it says. */
        @Override
        protected String act() {
            StorageProfile p = profileOf(ctx, profile);
            ctx.app().validationPolicies().assign(p.id(), bucket, name);
            return "Uploads to " + p.name() + (bucket == null ? " (all buckets)" : "/" + bucket)
                    + " now use the policy '"
                    + ctx.app().validationPolicies().get(name).name() + "'.";
        }

        @Override
        protected void print(String line, Output out) {
            out.println(line);
        }
    }

    @Command(name = "unassign", mixinStandardHelpOptions = true, description = "cli.help.policy.unassign")
    static final class Unassign extends ResultCommand<Boolean> {

        @Option(names = "--profile", paramLabel = "NAME", descriptionKey = "cli.help.policy.unassign.profile")
        String profile;

        @Option(names = "--bucket", paramLabel = "BUCKET", descriptionKey = "cli.help.policy.unassign.bucket")
        String bucket;

        Unassign(CliContext ctx) {
            super(ctx);
        }

        /** Returns whether an assignment was there to remove. */
        @Override
        protected Boolean act() {
            StorageProfile p = profileOf(ctx, profile);
            return ctx.app().validationPolicies().unassign(p.id(), bucket);
        }

        @Override
        protected void print(Boolean removed, Output out) {
            Messages messages = ctx.messages();
            out.println(messages.get(removed ? "cli.policy.unassigned" : "cli.policy.nothingAssigned"));
        }
    }

    static StorageProfile profileOf(CliContext ctx, String name) {
        if (name != null && !name.isBlank()) {
            return ctx.app().profiles().require(name);
        }
        return ctx.app()
                .profiles()
                .defaultProfile()
                .orElseThrow(() -> CliFailure.of(
                        "PROFILE_NOT_FOUND",
                        TextRef.of("cli.error.policy.profileNotFound"),
                        TextRef.of("cli.error.policy.profileNotFound.fix")));
    }
}
