package io.obitox.sandbox.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.ExitCodes;
import io.obitox.common.ObitoxException;
import io.obitox.storage.SandboxAccess;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code obitox sandbox}: runs the embedded sandbox storage in the foreground and prints its endpoint and keys, so
 * the aws CLI or rclone can look at the same data.
 */
@Command(
        name = "sandbox",
        mixinStandardHelpOptions = true,
        description = {
            "Run the embedded sandbox storage in the foreground and print its endpoint and keys.",
            "Stop it with Ctrl+C."
        })
public final class SandboxCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--json", description = "Print endpoint and keys as JSON.")
    boolean json;

    @Option(names = "--print-only", description = "Print the endpoint and exit instead of serving in the foreground.")
    boolean printOnly;

    public SandboxCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws InterruptedException {
        SandboxAccess sandbox = ctx.app()
                .sandbox()
                .orElseThrow(() -> new ObitoxException(
                        "SANDBOX_UNAVAILABLE",
                        "This build of ObitoX does not include the sandbox storage.",
                        "Use a build with the sandbox."));
        SandboxAccess.Endpoint e = sandbox.ensureStarted();
        String bucket = sandbox.defaultBucket();
        String dataDir = ctx.home().sandbox().resolve("data").toString();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("endpoint", e.uri().toString());
            m.put("region", "us-east-1");
            m.put("accessKeyId", e.accessKeyId());
            m.put("secretAccessKey", e.secretAccessKey());
            m.put("bucket", bucket);
            m.put("dataDirectory", dataDir);
            m.put("servedByThisProcess", e.ownedByThisProcess());
            ctx.out().json(m);
        } else {
            ctx.out()
                    .println("ObitoX sandbox storage "
                            + (e.ownedByThisProcess()
                                    ? "is running."
                                    : "is already " + "served by another ObitoX process of this home."));
            ctx.out()
                    .table(
                            null,
                            java.util.List.of(
                                    java.util.List.of("  Endpoint:", e.uri().toString()),
                                    java.util.List.of("  Region:", "us-east-1"),
                                    java.util.List.of("  Access key:", e.accessKeyId()),
                                    java.util.List.of("  Secret key:", e.secretAccessKey()),
                                    java.util.List.of("  Bucket:", bucket),
                                    java.util.List.of("  Data:", dataDir)));
            ctx.out().println("");
            ctx.out().println("Look at it with the aws CLI:");
            ctx.out()
                    .println("  AWS_ACCESS_KEY_ID=" + e.accessKeyId() + " AWS_SECRET_ACCESS_KEY=" + e.secretAccessKey()
                            + " aws --endpoint-url " + e.uri() + " --region us-east-1 s3 ls s3://" + bucket);
            ctx.out().println("or rclone:");
            ctx.out()
                    .println("  rclone ls :s3,provider=Other,endpoint=" + e.uri() + ",access_key_id=" + e.accessKeyId()
                            + ",secret_access_key=" + e.secretAccessKey() + ":" + bucket);
        }
        if (printOnly || !e.ownedByThisProcess()) {
            return ExitCodes.OK;
        }
        // On stderr, so --json leaves standard output a single JSON document a script can parse.
        ctx.out().progress("Serving until Ctrl+C …");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            sandbox.close();
                            stop.countDown();
                        },
                        "sandbox-stop"));
        stop.await();
        return ExitCodes.OK;
    }
}
