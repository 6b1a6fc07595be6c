package io.obitox.transfer.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.ExitCodes;
import io.obitox.cli.kit.TargetOptions;
import io.obitox.common.ObitoxException;
import io.obitox.common.Sizes;
import io.obitox.common.TerminalText;
import io.obitox.transfer.IncompleteUpload;
import io.obitox.transfer.MultipartUploads;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code obitox multipart list|abort}: incomplete multipart uploads of a bucket, also ones ObitoX did not start. */
@Command(
        name = "multipart",
        mixinStandardHelpOptions = true,
        description = "List or abort incomplete multipart uploads (they cost storage until aborted).",
        subcommands = {MultipartCommand.ListCmd.class, MultipartCommand.AbortCmd.class})
public final class MultipartCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: list or abort.");
    }

    @Command(
            name = "list",
            aliases = "ls",
            mixinStandardHelpOptions = true,
            description = "List incomplete uploads with key, age and size so far.")
    static final class ListCmd implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--bucket", paramLabel = "BUCKET")
        String bucket;

        @Mixin
        TargetOptions target;

        @Option(names = "--json")
        boolean json;

        ListCmd(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            TargetOptions.Resolved r = target.resolve(ctx.app());
            String b = r.bucketOr(bucket);
            List<IncompleteUpload> list = ctx.app().multipartUploads().list(r.target(), b);
            Instant now = ctx.app().clock().instant();
            if (json) {
                List<Map<String, Object>> out = new ArrayList<>();
                for (IncompleteUpload u : list) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("key", u.key());
                    m.put("uploadId", u.uploadId());
                    m.put(
                            "initiated",
                            u.initiated() == null ? null : u.initiated().toString());
                    m.put("ageSeconds", u.age(now).toSeconds());
                    m.put("bytes", u.bytesSoFar());
                    m.put("parts", u.parts());
                    m.put("transferId", u.transferId());
                    out.add(m);
                }
                ctx.out().json(Map.of("bucket", b, "uploads", out));
                return ExitCodes.OK;
            }
            List<List<String>> rows = new ArrayList<>();
            for (IncompleteUpload u : list) {
                rows.add(List.of(
                        Sizes.duration(u.age(now).toSeconds()),
                        u.bytesSoFar() < 0 ? "?" : Sizes.bytes(u.bytesSoFar()),
                        u.key(),
                        u.transferId() == null ? "" : "ObitoX " + u.transferId().substring(0, 8),
                        u.uploadId()));
            }
            ctx.out().table(List.of("AGE", "SO FAR", "KEY", "STARTED BY", "UPLOAD ID"), rows);
            ctx.out().println(list.size() + " incomplete upload(s) in " + b + ".");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "abort",
            mixinStandardHelpOptions = true,
            description = "Abort one upload (--key and --upload-id) or all older than N days (--older-than).")
    static final class AbortCmd implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--bucket", paramLabel = "BUCKET")
        String bucket;

        @Option(names = "--key", paramLabel = "KEY")
        String key;

        @Option(names = "--upload-id", paramLabel = "ID")
        String uploadId;

        @Option(names = "--older-than", paramLabel = "DAYS", description = "Abort every upload at least this old.")
        Double olderThanDays;

        @Mixin
        TargetOptions target;

        AbortCmd(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            TargetOptions.Resolved r = target.resolve(ctx.app());
            String b = r.bucketOr(bucket);
            MultipartUploads uploads = ctx.app().multipartUploads();
            if (key != null && uploadId != null) {
                uploads.abort(r.target(), b, key, uploadId);
                ctx.out().println("Aborted the upload of '" + TerminalText.escape(key) + "'.");
                return ExitCodes.OK;
            }
            if (olderThanDays != null) {
                Duration age = Duration.ofSeconds((long) (olderThanDays * 86_400));
                List<IncompleteUpload> aborted = uploads.abortOlderThan(r.target(), b, age);
                aborted.forEach(u -> ctx.out()
                        .println("Aborted " + TerminalText.escape(u.key()) + " (" + TerminalText.escape(u.uploadId())
                                + ")"));
                ctx.out().println(aborted.size() + " upload(s) aborted.");
                return ExitCodes.OK;
            }
            throw new ObitoxException(
                    "MISSING_SELECTION",
                    "Say which uploads to abort.",
                    "Use --key K --upload-id U, or --older-than DAYS (0 aborts all).");
        }
    }
}
