package io.obitox.profile.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.Output;
import io.obitox.cli.kit.ResultCommand;
import io.obitox.common.Messages;
import io.obitox.profile.StorageProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code obitox profile list [--json]}. */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "cli.help.profileList")
final class ProfileListCommand extends ResultCommand<ProfileListCommand.Listed> {
    /** Every profile and the default's id ("" when none is). */
    record Listed(List<StorageProfile> all, String defaultId) {}

    @Option(names = "--json", descriptionKey = "cli.help.profileList.json")
    boolean json;

    ProfileListCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected Listed act() {
        return new Listed(
                ctx.app().profiles().list(),
                ctx.app().profiles().defaultProfile().map(StorageProfile::id).orElse(""));
    }

    @Override
    protected boolean json() {
        return json;
    }

    @Override
    protected Object toJson(Listed listed) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StorageProfile p : listed.all()) {
            Map<String, Object> m = ProfileAddCommand.describe(p);
            m.put("default", p.id().equals(listed.defaultId()));
            out.add(m);
        }
        return out;
    }

    @Override
    protected void print(Listed listed, Output out) {
        String defaultId = listed.defaultId();
        List<List<String>> rows = new ArrayList<>();
        for (StorageProfile p : listed.all()) {
            Map<String, Object> m = ProfileAddCommand.describe(p);
            rows.add(List.of(
                    (p.id().equals(defaultId) ? "* " : "  ") + p.name(),
                    p.provider().displayName(),
                    p.endpoint() == null
                            ? (p.isSandbox() ? "(embedded)" : "(AWS " + p.effectiveRegion() + ")")
                            : p.endpoint(),
                    p.defaultBucket() == null ? "-" : p.defaultBucket(),
                    String.valueOf(m.get("credentials"))));
        }
        Messages messages = ctx.messages();
        out.table(
                List.of(
                        "  " + messages.get("cli.profile.name"),
                        messages.get("cli.profile.provider"),
                        messages.get("cli.profile.endpoint"),
                        messages.get("cli.profile.bucket"),
                        messages.get("cli.profile.credentials")),
                rows);
    }
}
