package io.obitox.profile.cli;

import io.obitox.cli.Cli;
import io.obitox.cli.CliContext;
import io.obitox.profile.StorageProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code obitox profile list [--json]}. */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List storage profiles.")
final class ProfileListCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    ProfileListCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        List<StorageProfile> all = ctx.app().profiles().list();
        String defaultId =
                ctx.app().profiles().defaultProfile().map(StorageProfile::id).orElse("");
        if (json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (StorageProfile p : all) {
                Map<String, Object> m = ProfileAddCommand.describe(p);
                m.put("default", p.id().equals(defaultId));
                out.add(m);
            }
            ctx.out().json(out);
            return Cli.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (StorageProfile p : all) {
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
        ctx.out().table(List.of("  NAME", "PROVIDER", "ENDPOINT", "BUCKET", "CREDENTIALS"), rows);
        return Cli.OK;
    }
}
