package io.obitox.transfer.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.CliFailure;
import io.obitox.cli.kit.ExitCodes;
import io.obitox.cli.kit.LiveCommand;
import io.obitox.cli.kit.Output;
import io.obitox.cli.kit.TargetOptions;
import io.obitox.common.Messages;
import io.obitox.common.Sizes;
import io.obitox.common.TerminalText;
import io.obitox.common.TextRef;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.Provider;
import io.obitox.transfer.ResumeToken;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import io.obitox.validation.BatchResult;
import io.obitox.validation.ValidationPolicy;
import io.obitox.validation.ValidationResult;
import java.io.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code obitox transfers import-token TOKEN --file PATH [--yes]}. A token may come from anyone, and importing it
 * sends a local file to the bucket and key it names: so the command shows where the file would go and what signs,
 * checks the file with the target's validation policy, asks (or takes {@code --yes}), and follows the token only to
 * an endpoint one of the user's profiles already has; another endpoint must be named with {@code --endpoint-url}.
 */
@Command(name = "import-token", mixinStandardHelpOptions = true, description = "cli.help.importToken")
final class ImportTokenCommand extends LiveCommand<List<TransferSnapshot>> {

    @Parameters(index = "0", paramLabel = "TOKEN", descriptionKey = "cli.help.transfers.importToken.token")
    String token;

    @Option(names = "--file", required = true, paramLabel = "PATH", descriptionKey = "cli.help.importToken.file")
    Path file;

    @Mixin
    TargetOptions target;

    @Option(
            names = {"-y", "--yes"},
            descriptionKey = "cli.help.importToken.yes")
    boolean yes;

    @Option(names = "--json", descriptionKey = "cli.help.importToken.json")
    boolean json;

    /** Set when the user said no: nothing was sent, and there is no document to print. */
    private boolean declined;

    ImportTokenCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected boolean json() {
        return json && !declined;
    }

    /** Shows where the file would go, checks it, asks, then follows the upload to its end. */
    @Override
    protected List<TransferSnapshot> act() throws InterruptedException {
        ResumeToken t = ResumeToken.decode(token);
        if (!target.named()) {
            target.useProfile(localProfileFor(t).name());
        }
        TargetOptions.Resolved resolved = target.resolve(ctx.app());
        describe(t, resolved);
        checkFile(resolved, t.bucket());
        if (!confirmed()) {
            ctx.out().progress(ctx.messages().get("cli.import.notImported"));
            declined = true;
            return List.of();
        }
        TransferService s = ctx.app().transfers();
        TransferSnapshot started = s.importToken(token, file, resolved.ref());
        return ProgressPrinter.await(s, List.of(started.id()), ctx, !live());
    }

    @Override
    protected Object toJson(List<TransferSnapshot> end) {
        return TransferJson.all(end, List.of());
    }

    @Override
    protected void print(List<TransferSnapshot> end, Output out) {
        Messages messages = ctx.messages();
        for (TransferSnapshot x : end) {
            out.println(
                    x.state() == TransferState.COMPLETED
                            ? messages.get("cli.import.completed", x.bucket(), TerminalText.escape(x.key()))
                            : messages.get("cli.import.failed", String.valueOf(x.errorMessage())));
        }
    }

    @Override
    protected int exitCode(List<TransferSnapshot> end) {
        return !declined && end.get(0).state() == TransferState.COMPLETED ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /**
     * The profile whose endpoint is the token's (the one the token names first, if it matches). The name alone is not
     * enough: a token could name the user's "Work" profile and an endpoint of someone else's.
     */
    private StorageProfile localProfileFor(ResumeToken t) {
        List<StorageProfile> all = ctx.app().profiles().list();
        boolean sandbox = Provider.SANDBOX.name().equalsIgnoreCase(t.provider());
        List<StorageProfile> matching = all.stream()
                .filter(p -> sandbox ? p.isSandbox() : !p.isSandbox() && sameEndpoint(p.endpoint(), t.endpoint()))
                .toList();
        return matching.stream()
                .filter(p -> p.name().equals(t.profile()))
                .findFirst()
                .or(() -> matching.stream().findFirst())
                .orElseThrow(() -> CliFailure.of(
                        "UNKNOWN_ENDPOINT",
                        TextRef.of("cli.error.importToken.unknownEndpoint", where(t)),
                        TextRef.of(
                                "cli.error.importToken.unknownEndpoint.fix",
                                t.endpoint() == null ? "URL" : TerminalText.escape(t.endpoint()))));
    }

    private static boolean sameEndpoint(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    private static String normalize(String endpoint) {
        if (endpoint == null) {
            return "";
        }
        String e = endpoint.trim().toLowerCase(Locale.ROOT);
        while (e.endsWith("/")) {
            e = e.substring(0, e.length() - 1);
        }
        return e;
    }

    private static String where(ResumeToken t) {
        return t.endpoint() == null ? "AWS S3" : TerminalText.escape(t.endpoint());
    }

    private void describe(ResumeToken t, TargetOptions.Resolved r) {
        long size;
        try {
            size = Files.size(file);
        } catch (java.io.IOException e) {
            size = -1;
        }
        Messages messages = ctx.messages();
        List<List<String>> rows = List.of(
                List.of(
                        "  " + messages.get("cli.import.file"),
                        file.toAbsolutePath() + (size >= 0 ? " (" + Sizes.bytes(size) + ")" : "")),
                List.of("  " + messages.get("cli.import.endpoint"), r.target().where()),
                List.of("  " + messages.get("cli.import.bucket"), t.bucket()),
                List.of("  " + messages.get("cli.import.key"), t.key()),
                List.of("  " + messages.get("cli.import.signedBy"), signer(r)),
                List.of("  " + messages.get("cli.import.uploadId"), t.uploadId()));
        if (json) {
            // stdout is for the JSON alone: the same facts go to stderr
            ctx.out().progress(messages.get("cli.import.intro"));
            rows.forEach(row -> ctx.out().progress(row.get(0) + ": " + TerminalText.escape(row.get(1))));
        } else {
            ctx.out().println(messages.get("cli.import.intro"));
            ctx.out().table(null, rows);
        }
    }

    private static String signer(TargetOptions.Resolved r) {
        Optional<StorageProfile> p = r.profile();
        if (p.isPresent()) {
            return "profile '" + p.get().name() + "' ("
                    + switch (p.get().credentialKind()) {
                        case AWS_PROFILE -> "AWS profile " + p.get().awsProfile();
                        case DEFAULT_CHAIN -> "the default AWS credential chain";
                        case SANDBOX -> "the sandbox's keys";
                    }
                    + ")";
        }
        return r.ref().awsProfile() != null
                ? "AWS profile " + r.ref().awsProfile()
                : "the default AWS credential chain (environment, AWS_PROFILE, ~/.aws)";
    }

    /** The target's policy, as an upload there would apply it; a rejected file is refused with its code. */
    private void checkFile(TargetOptions.Resolved r, String bucket) {
        ValidationPolicy policy = ctx.app()
                .validationPolicies()
                .policyFor(r.profile().map(StorageProfile::id).orElse(null), bucket);
        BatchResult result = ctx.app().batchValidator().validateFiles(List.of(file.toAbsolutePath()), policy);
        if (!result.invalid().isEmpty()) {
            ValidationResult v = result.invalid().get(0);
            // the validator's own sentence is English only (it has no key yet)
            throw CliFailure.of(
                    v.error().code().name(),
                    TextRef.of(
                            "cli.error.importToken.refused",
                            policy.name(),
                            v.error().message()),
                    TextRef.of("cli.error.importToken.refused.fix"));
        }
    }

    private boolean confirmed() {
        if (yes) {
            return true;
        }
        Console console = System.console();
        if (console == null) {
            throw CliFailure.of(
                    "CONFIRMATION_REQUIRED",
                    TextRef.of("cli.error.importToken.confirmationRequired"),
                    TextRef.of("cli.error.importToken.confirmationRequired.fix"));
        }
        String answer = console.readLine("%s ", ctx.messages().get("cli.import.confirm"));
        return answer != null && List.of("y", "yes").contains(answer.trim().toLowerCase(Locale.ROOT));
    }
}
