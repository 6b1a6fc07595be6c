package io.obitox.sandbox.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.CliFailure;
import io.obitox.cli.kit.LiveCommand;
import io.obitox.cli.kit.Output;
import io.obitox.common.Messages;
import io.obitox.common.TextRef;
import io.obitox.storage.SandboxAccess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code obitox sandbox}: runs the embedded sandbox storage in the foreground and prints its endpoint and keys, so
 * the aws CLI or rclone can look at the same data.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true, description = "cli.help.sandbox")
public final class SandboxCommand extends LiveCommand<SandboxCommand.Running> {
    @Option(names = "--json", descriptionKey = "cli.help.sandbox.json")
    boolean json;

    @Option(names = "--print-only", descriptionKey = "cli.help.sandbox.printOnly")
    boolean printOnly;

    /** The started (or already running) sandbox and where it keeps its data. */
    record Running(SandboxAccess sandbox, SandboxAccess.Endpoint endpoint, String bucket, String dataDir) {}

    public SandboxCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected boolean json() {
        return json;
    }

    @Override
    protected Running act() {
        SandboxAccess sandbox = ctx.app()
                .sandbox()
                .orElseThrow(() -> CliFailure.of(
                        "SANDBOX_UNAVAILABLE",
                        TextRef.of("cli.error.sandbox.sandboxUnavailable"),
                        TextRef.of("cli.error.sandbox.sandboxUnavailable.fix")));
        SandboxAccess.Endpoint e = sandbox.ensureStarted();
        return new Running(
                sandbox,
                e,
                sandbox.defaultBucket(),
                ctx.home().sandbox().resolve("data").toString());
    }

    @Override
    protected Object toJson(Running r) {
        SandboxAccess.Endpoint e = r.endpoint();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint", e.uri().toString());
        m.put("region", "us-east-1");
        m.put("accessKeyId", e.accessKeyId());
        m.put("secretAccessKey", e.secretAccessKey());
        m.put("bucket", r.bucket());
        m.put("dataDirectory", r.dataDir());
        m.put("servedByThisProcess", e.ownedByThisProcess());
        return m;
    }

    @Override
    protected void print(Running r, Output out) {
        SandboxAccess.Endpoint e = r.endpoint();
        String bucket = r.bucket();
        Messages messages = ctx.messages();
        out.println(
                e.ownedByThisProcess()
                        ? messages.get("cli.sandbox.running")
                        : messages.get("cli.sandbox.servedElsewhere"));
        out.table(
                null,
                List.of(
                        List.of(
                                "  " + messages.get("cli.sandbox.endpoint"),
                                e.uri().toString()),
                        List.of("  " + messages.get("cli.sandbox.region"), "us-east-1"),
                        List.of("  " + messages.get("cli.sandbox.accessKey"), e.accessKeyId()),
                        List.of("  " + messages.get("cli.sandbox.secretKey"), e.secretAccessKey()),
                        List.of("  " + messages.get("cli.sandbox.bucket"), bucket),
                        List.of("  " + messages.get("cli.sandbox.data"), r.dataDir())));
        out.println("");
        out.println(messages.get("cli.sandbox.awsCli"));
        out.println("  AWS_ACCESS_KEY_ID=" + e.accessKeyId() + " AWS_SECRET_ACCESS_KEY=" + e.secretAccessKey()
                + " aws --endpoint-url " + e.uri() + " --region us-east-1 s3 ls s3://" + bucket);
        out.println(messages.get("cli.sandbox.rclone"));
        out.println("  rclone ls :s3,provider=Other,endpoint=" + e.uri() + ",access_key_id=" + e.accessKeyId()
                + ",secret_access_key=" + e.secretAccessKey() + ":" + bucket);
    }

    /** Serves in the foreground until Ctrl+C, unless asked only to print or another process serves it. */
    @Override
    protected void afterOutput(Running r) throws InterruptedException {
        if (printOnly || !r.endpoint().ownedByThisProcess()) {
            return;
        }
        // On stderr, so --json leaves standard output a single JSON document a script can parse.
        ctx.out().progress(ctx.messages().get("cli.sandbox.serving"));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            r.sandbox().close();
                            stop.countDown();
                        },
                        "sandbox-stop"));
        stop.await();
    }
}
