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
import io.obitox.objects.SseCKey;
import io.obitox.transfer.DownloadService;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSettings;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code obitox download BUCKET/KEY|BUCKET/PREFIX/ [DEST]} (issue 18): through the transfer queue like {@code upload},
 * progress on stderr, exit status 1 if any object failed. Re-running the same command resumes an interrupted
 * download from the ranges already written.
 */
@Command(name = "download", mixinStandardHelpOptions = true, description = "cli.help.download")
public final class DownloadCommand extends LiveCommand<DownloadCommand.Downloaded> {

    @Parameters(
            index = "0",
            paramLabel = "BUCKET/KEY|BUCKET/PREFIX/",
            descriptionKey = "cli.help.download.bucketKeyBucketPrefix")
    String source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DEST", descriptionKey = "cli.help.download.dest")
    String destination;

    @Mixin
    TargetOptions target;

    @Option(names = "--if-exists", paramLabel = "POLICY", descriptionKey = "cli.help.download.ifExists")
    String ifExists = "skip-identical";

    @Option(names = "--concurrency", paramLabel = "N", descriptionKey = "cli.help.download.concurrency")
    Integer concurrency;

    @Option(names = "--part-size", paramLabel = "SIZE", descriptionKey = "cli.help.download.partSize")
    String partSize;

    @Option(names = "--sse-c-key-file", paramLabel = "FILE", descriptionKey = "cli.help.download.sseCKeyFile")
    Path sseCKeyFile;

    @Option(names = "--json", descriptionKey = "cli.help.download.json")
    boolean json;

    @Option(
            names = {"-q", "--quiet"},
            descriptionKey = "cli.help.download.quiet")
    boolean quiet;

    /** The batch followed to its end; the counts are taken while the outcome is written. */
    static final class Downloaded {
        final DownloadService.Batch batch;
        final String bucket;
        int failed;

        Downloaded(DownloadService.Batch batch, String bucket) {
            this.batch = batch;
            this.bucket = bucket;
        }
    }

    public DownloadCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected boolean json() {
        return json;
    }

    @Override
    protected boolean quiet() {
        return quiet;
    }

    @Override
    protected Downloaded act() throws Exception {
        DownloadService.IfExists policy = DownloadService.IfExists.parse(ifExists);
        String p = source.startsWith("s3://") ? source.substring(5) : source;
        int slash = p.indexOf('/');
        String bucket = slash < 0 ? p : p.substring(0, slash);
        String key = slash < 0 ? "" : p.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw CliFailure.of(
                    "INVALID_PATH",
                    TextRef.of("cli.error.download.invalidPath", source),
                    TextRef.of("cli.error.download.invalidPath.fix"));
        }
        TargetOptions.Resolved resolved = target.resolve(ctx.app());
        TransferService service = ctx.app().transfers();
        TransferSettings s = service.engine().settings();
        if (partSize != null) {
            s = s.withPartSize(Sizes.parse(partSize));
        }
        if (concurrency != null) {
            s = s.withConcurrency(concurrency);
        }
        service.engine().updateSettings(s);
        Path dest = destination == null ? null : Path.of(destination);
        if (destination != null && (destination.endsWith("/") || destination.endsWith(java.io.File.separator))) {
            Files.createDirectories(dest); // "DEST/" names a folder even before it exists
        }
        SseCKey sseC = sseCKeyFile == null ? null : SseCKey.read(sseCKeyFile);
        DownloadService.Batch batch = ctx.app().downloads().download(resolved.ref(), bucket, key, dest, policy, sseC);
        if (batch.transferIds().isEmpty()) { // every object skipped (an empty prefix failed above): no "0/0 files"
            progress(ctx.messages()
                    .get(
                            "cli.download.nothingToFetch",
                            bucket,
                            TerminalText.escape(key),
                            resolved.target().label()));
            return new Downloaded(batch, bucket);
        }
        progress(ctx.messages()
                .get(
                        batch.resumed() > 0 ? "cli.download.startResumed" : "cli.download.start",
                        batch.transferIds().size(),
                        bucket,
                        TerminalText.escape(key),
                        resolved.target().label(),
                        batch.resumed()));
        ProgressPrinter.follow(service, batch.transferIds(), ctx, !live());
        return new Downloaded(batch, bucket);
    }

    @Override
    protected Object toJson(Downloaded d) {
        return report(d, ctx.out(), true);
    }

    @Override
    protected void print(Downloaded d, Output out) {
        report(d, out, false);
    }

    @Override
    protected int exitCode(Downloaded d) {
        return d.failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /**
     * Reads the transfers back a page at a time: with {@code json} the document to print, else the lines of the
     * files that failed or have a note, then the counts (null returned). Counts the failures into {@code d}.
     */
    private Map<String, Object> report(Downloaded d, Output out, boolean json) {
        TransferService service = ctx.app().transfers();
        Messages messages = ctx.messages();
        DownloadService.Batch batch = d.batch;
        String bucket = d.bucket;
        List<Map<String, Object>> rows = new ArrayList<>();
        int done = 0;
        int failed = 0;
        List<String> ids = batch.transferIds();
        for (int from = 0; from < ids.size(); from += UploadReport.PAGE) {
            for (TransferSnapshot x :
                    service.snapshots(ids.subList(from, Math.min(ids.size(), from + UploadReport.PAGE)))) {
                if (x.state() == TransferState.COMPLETED) {
                    done++;
                } else {
                    failed++;
                }
                if (json) {
                    rows.add(TransferJson.of(x));
                } else if (x.state() != TransferState.COMPLETED) {
                    out.println(messages.get(
                            "cli.row.failed",
                            TerminalText.escape(x.key()),
                            x.errorMessage() == null ? x.state() : x.errorMessage()));
                } else if (x.notice() != null) {
                    out.println(messages.get("cli.row.note", TerminalText.escape(x.key()), x.notice()));
                }
            }
        }
        int skipped = 0;
        for (DownloadService.Skipped sk : batch.skipped()) {
            if (sk.failed()) {
                failed++;
            } else {
                skipped++;
            }
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", null);
                m.put("path", sk.destination().toString());
                m.put("bucket", bucket);
                m.put("key", sk.key());
                m.put("direction", "download");
                m.put("state", sk.failed() ? TransferState.FAILED.name() : TransferState.SKIPPED.name());
                m.put("action", sk.action());
                if (sk.failed()) {
                    m.put("errorCode", "LOCAL_EXISTS");
                    m.put("error", sk.destination() + " exists (--if-exists fail)");
                } else {
                    m.put("reason", sk.reason());
                }
                rows.add(m);
            } else {
                out.println(messages.get(
                        sk.failed() ? "cli.row.failed" : "cli.row.skipped",
                        TerminalText.escape(sk.key()),
                        sk.reason()));
            }
        }
        d.failed = failed;
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("transfers", rows);
            doc.put(
                    "summary",
                    Map.of("downloaded", done, "skipped", batch.skipped().size(), "failed", failed));
            return doc;
        }
        out.println(messages.get("cli.download.summary", done, skipped, failed));
        return null;
    }
}
