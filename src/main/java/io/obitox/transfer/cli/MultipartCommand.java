package io.obitox.transfer.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.CliFailure;
import io.obitox.cli.kit.Output;
import io.obitox.cli.kit.ResultCommand;
import io.obitox.cli.kit.TargetOptions;
import io.obitox.common.Messages;
import io.obitox.common.Sizes;
import io.obitox.common.TerminalText;
import io.obitox.common.TextRef;
import io.obitox.transfer.IncompleteUpload;
import io.obitox.transfer.MultipartUploads;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code obitox multipart list|abort}: incomplete multipart uploads of a bucket, also ones ObitoX did not start. */
@Command(
        name = "multipart",
        mixinStandardHelpOptions = true,
        description = "cli.help.multipart",
        subcommands = {MultipartCommand.ListCmd.class, MultipartCommand.AbortCmd.class})
public final class MultipartCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw CliFailure.missingSubcommand(spec.commandLine(), "list", "abort");
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "cli.help.multipart.list")
    static final class ListCmd extends ResultCommand<ListCmd.Listed> {
        @Option(names = "--bucket", paramLabel = "BUCKET", descriptionKey = "cli.help.multipart.bucket")
        String bucket;

        @Mixin
        TargetOptions target;

        @Option(names = "--json", descriptionKey = "cli.help.multipart.list.json")
        boolean json;

        /** The bucket's incomplete uploads, and the moment their ages are measured from. */
        record Listed(String bucket, List<IncompleteUpload> uploads, Instant now) {}

        ListCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected boolean json() {
            return json;
        }

        @Override
        protected Listed act() {
            TargetOptions.Resolved r = target.resolve(ctx.app());
            String b = r.bucketOr(bucket);
            return new Listed(
                    b,
                    ctx.app().multipartUploads().list(r.target(), b),
                    ctx.app().clock().instant());
        }

        @Override
        protected Object toJson(Listed l) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (IncompleteUpload u : l.uploads()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("key", u.key());
                m.put("uploadId", u.uploadId());
                m.put("initiated", u.initiated() == null ? null : u.initiated().toString());
                m.put("ageSeconds", u.age(l.now()).toSeconds());
                m.put("bytes", u.bytesSoFar());
                m.put("parts", u.parts());
                m.put("transferId", u.transferId());
                out.add(m);
            }
            return Map.of("bucket", l.bucket(), "uploads", out);
        }

        @Override
        protected void print(Listed l, Output out) {
            List<List<String>> rows = new ArrayList<>();
            for (IncompleteUpload u : l.uploads()) {
                rows.add(List.of(
                        Sizes.duration(u.age(l.now()).toSeconds()),
                        u.bytesSoFar() < 0 ? "?" : Sizes.bytes(u.bytesSoFar()),
                        u.key(),
                        u.transferId() == null ? "" : "ObitoX " + u.transferId().substring(0, 8),
                        u.uploadId()));
            }
            Messages messages = ctx.messages();
            out.table(
                    List.of(
                            messages.get("cli.multipart.age"),
                            messages.get("cli.multipart.soFar"),
                            messages.get("cli.multipart.key"),
                            messages.get("cli.multipart.startedBy"),
                            messages.get("cli.multipart.uploadId")),
                    rows);
            out.println(messages.get("cli.multipart.count", l.uploads().size(), l.bucket()));
        }
    }

    @Command(name = "abort", mixinStandardHelpOptions = true, description = "cli.help.multipart.abort")
    static final class AbortCmd extends ResultCommand<AbortCmd.Aborted> {
        @Option(names = "--bucket", paramLabel = "BUCKET", descriptionKey = "cli.help.multipart.bucket")
        String bucket;

        @Option(names = "--key", paramLabel = "KEY", descriptionKey = "cli.help.multipart.abort.key")
        String key;

        @Option(names = "--upload-id", paramLabel = "ID", descriptionKey = "cli.help.multipart.abort.uploadId")
        String uploadId;

        @Option(names = "--older-than", paramLabel = "DAYS", descriptionKey = "cli.help.multipart.abort.olderThan")
        Double olderThanDays;

        @Mixin
        TargetOptions target;

        /** One upload aborted by key ({@code uploads} null), or every upload older than the age given. */
        record Aborted(String key, List<IncompleteUpload> uploads) {}

        AbortCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected Aborted act() {
            TargetOptions.Resolved r = target.resolve(ctx.app());
            String b = r.bucketOr(bucket);
            MultipartUploads uploads = ctx.app().multipartUploads();
            if (key != null && uploadId != null) {
                if (!uploads.abort(r.target(), b, key, uploadId)) {
                    throw CliFailure.of(
                            "NO_SUCH_UPLOAD",
                            TextRef.of("cli.error.multipart.noSuchUpload", uploadId, key, b),
                            TextRef.of("cli.error.multipart.noSuchUpload.fix", b));
                }
                return new Aborted(key, null);
            }
            if (olderThanDays != null) {
                CliFailure.requireNotNegative("--older-than", olderThanDays, "7"); // -1 would abort them all
                Duration age = Duration.ofSeconds((long) (olderThanDays * 86_400));
                return new Aborted(null, uploads.abortOlderThan(r.target(), b, age));
            }
            throw CliFailure.of(
                    "MISSING_SELECTION",
                    TextRef.of("cli.error.multipart.missingSelection"),
                    TextRef.of("cli.error.multipart.missingSelection.fix"));
        }

        @Override
        protected void print(Aborted a, Output out) {
            Messages messages = ctx.messages();
            if (a.uploads() == null) {
                out.println(messages.get("cli.multipart.abortedOne", TerminalText.escape(a.key())));
                return;
            }
            a.uploads()
                    .forEach(u -> out.println(messages.get(
                            "cli.multipart.aborted", TerminalText.escape(u.key()), TerminalText.escape(u.uploadId()))));
            out.println(messages.get("cli.multipart.abortedCount", a.uploads().size()));
        }
    }
}
