package io.obitox.sync.cli;

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
import io.obitox.objects.UploadSettings;
import io.obitox.objects.cli.ObjectSettingsOptions;
import io.obitox.storage.DeletePlan;
import io.obitox.storage.DeleteResult;
import io.obitox.storage.DeleteService;
import io.obitox.storage.ObjectEntry;
import io.obitox.sync.SyncAction;
import io.obitox.sync.UploadPlan;
import io.obitox.sync.UploadPlanner;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import io.obitox.transfer.UploadRequest;
import io.obitox.transfer.cli.ProgressPrinter;
import io.obitox.transfer.cli.TransferJson;
import io.obitox.transfer.cli.UploadConflicts;
import io.obitox.transfer.cli.UploadRuleOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code obitox sync DIR --bucket B [--prefix P] [--delete] [--dry-run]}: makes the prefix look like the folder.
 * DIR's contents map to the prefix (the folder's own name is not added); new and changed files are uploaded,
 * identical ones skipped ({@code --if-exists skip-identical} unless given); with {@code --delete}, objects under the
 * prefix without a local file (and not excluded by the rules) are deleted, never outside the prefix, and more than
 * {@value #MAX_DELETES} objects or half of the prefix only with {@code --yes}. {@code --dry-run} lists what would
 * happen and changes nothing (no upload, no delete, no probe write, no index change). The object-settings flags of
 * {@code obitox upload} (issue 16: storage class, encryption, metadata, tags …) apply to what is uploaded.
 */
@Command(name = "sync", mixinStandardHelpOptions = true, description = "cli.help.sync")
public final class SyncCommand extends LiveCommand<SyncCommand.Synced> {
    /** Deletes beyond this many need --yes (the help text {@code cli.help.sync.yes} names the number too). */
    public static final int MAX_DELETES = 1000;

    @Parameters(index = "0", paramLabel = "DIR", descriptionKey = "cli.help.sync.dir")
    Path dir;

    @Option(names = "--bucket", paramLabel = "BUCKET", descriptionKey = "cli.help.sync.bucket")
    String bucket;

    @Option(names = "--prefix", paramLabel = "PREFIX", descriptionKey = "cli.help.sync.prefix")
    String prefix = "";

    @Option(names = "--delete", descriptionKey = "cli.help.sync.delete")
    boolean delete;

    @Option(names = "--dry-run", descriptionKey = "cli.help.sync.dryRun")
    boolean dryRun;

    @Option(names = "--yes", descriptionKey = "cli.help.sync.yes")
    boolean yes;

    @Option(names = "--json", descriptionKey = "cli.help.sync.json")
    boolean json;

    @Option(
            names = {"-q", "--quiet"},
            descriptionKey = "cli.help.sync.quiet")
    boolean quiet;

    @Mixin
    TargetOptions target;

    @Mixin
    UploadRuleOptions rules;

    @Mixin
    ObjectSettingsOptions objectSettings;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * The run: the plan ({@code conflicts}), every uploaded file's last transfer, the objects to delete and what
     * deleting them did (null for a dry run or none), and the files that never became transfers.
     */
    record Synced(
            UploadConflicts conflicts,
            List<TransferSnapshot> end,
            List<ObjectEntry> deletions,
            DeleteResult deleted,
            List<Map<String, Object>> walkErrors,
            List<TransferService.Refusal> refusals) {
        Set<String> failedDeletes() {
            Set<String> failed = new HashSet<>();
            if (deleted != null) {
                deleted.failures().forEach(f -> failed.add(f.key()));
            }
            return failed;
        }
    }

    public SyncCommand(CliContext ctx) {
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
    protected Synced act() throws Exception {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw CliFailure.of(
                    "NOT_A_FOLDER",
                    TextRef.of("cli.error.sync.notAFolder", dir),
                    TextRef.of("cli.error.sync.notAFolder.fix"));
        }
        TargetOptions.Resolved resolved = target.resolve(ctx.app());
        String b = resolved.bucketOr(bucket);
        String p = normalizePrefix(prefix);
        // issue 16: the same object settings as 'obitox upload', checked (values, provider) before anything is read
        UploadSettings settings = objectSettings.resolve(ctx, resolved, b);
        TransferService service = ctx.app().transfers();
        UploadConflicts conflicts = new UploadConflicts(
                        ctx, rules, spec.commandLine().getParseResult().originalArgs(), resolved, b)
                .dryRun(dryRun);
        List<Map<String, Object>> walkErrors = new ArrayList<>();
        List<UploadPlanner.Excluded> pruned = new ArrayList<>();
        List<UploadRequest> found = SyncFiles.walk(root, p, resolved, b, conflicts.rules(), pruned, walkErrors);
        if (!settings.isEmpty()) {
            found = found.stream().map(r -> r.withSettings(settings)).toList();
        }
        List<UploadRequest> uploads = conflicts.plan(found, pruned, List.of(root), p);
        UploadPlan plan = conflicts.currentPlan();
        List<ObjectEntry> deletions = delete ? SyncFiles.deletions(plan, found, conflicts.rules(), p) : List.of();
        if (delete && !dryRun && !yes) {
            int listed = plan.listing().size();
            if (needsYes(deletions.size(), listed)) {
                TextRef limit = deletions.size() > MAX_DELETES
                        ? TextRef.of("cli.error.sync.deleteLimit.objects", String.valueOf(MAX_DELETES))
                        : TextRef.of("cli.error.sync.deleteLimit.half");
                throw CliFailure.of(
                        "DELETE_LIMIT",
                        TextRef.of(
                                "cli.error.sync.deleteLimit",
                                String.valueOf(deletions.size()),
                                String.valueOf(listed),
                                "s3://" + b + "/" + p,
                                limit),
                        TextRef.of("cli.error.sync.deleteLimit.fix"));
            }
        }
        if (dryRun) {
            return new Synced(conflicts, List.of(), deletions, null, walkErrors, List.of());
        }
        List<TransferSnapshot> end = List.of();
        List<TransferService.Refusal> refusals = List.of();
        if (!uploads.isEmpty()) {
            TransferService.Batch batch = service.enqueue(uploads);
            refusals = batch.refusals();
            conflicts.attach(batch.transferIds());
            conflicts.recordSkipped(service, batch.id(), false);
            progress(ctx.messages()
                    .get(
                            "cli.sync.start",
                            uploads.size(),
                            b,
                            p,
                            resolved.target().label()));
            end = conflicts.settle(service, ProgressPrinter.await(service, batch.transferIds(), ctx, !live()), !live());
        } else {
            conflicts.attach(List.of());
            conflicts.recordSkipped(service, null, false);
        }
        DeleteResult deleted = null;
        if (!deletions.isEmpty()) {
            DeletePlan dp = new DeletePlan(b, List.of(p), deletions, List.of(), DeletePlan.Versioning.UNKNOWN);
            deleted = new DeleteService(ctx.app().clients()).delete(resolved.target(), dp, n -> {});
        }
        return new Synced(conflicts, end, deletions, deleted, walkErrors, refusals);
    }

    /** Whether deleting {@code deletions} of the {@code listed} objects under the prefix needs {@code --yes}. */
    static boolean needsYes(int deletions, int listed) {
        return deletions > MAX_DELETES || (deletions > 0 && deletions * 2L > listed);
    }

    /** Failed uploads, files failed as existing, failed deletes and walk errors all fail the run. */
    @Override
    protected int exitCode(Synced r) {
        long failed = r.end().stream().filter(r.conflicts()::failed).count()
                + r.conflicts().failedWithoutTransfer()
                + r.failedDeletes().size()
                + r.walkErrors().size();
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    @Override
    protected Object toJson(Synced r) {
        UploadConflicts conflicts = r.conflicts();
        Set<String> failedDeletes = r.failedDeletes();
        List<Map<String, Object>> extra = new ArrayList<>();
        for (ObjectEntry o : r.deletions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", null);
            m.put("path", null);
            m.put("bucket", conflicts.currentPlan().listing().bucket());
            m.put("key", o.key());
            m.put("size", o.size());
            boolean failed = failedDeletes.contains(o.key());
            m.put("state", dryRun ? "DRY_RUN" : failed ? "FAILED" : "DELETED");
            m.put("action", failed ? SyncAction.FAILED.jsonName() : SyncAction.DELETED.jsonName());
            extra.add(m);
        }
        for (Map<String, Object> e : r.walkErrors()) {
            e.put("action", SyncAction.FAILED.jsonName());
        }
        extra.addAll(r.walkErrors());
        int deletedCount = r.deletions().size() - failedDeletes.size();
        Map<String, Object> doc = conflicts
                .rows()
                .json(
                        TransferJson.all(r.end(), List.of()),
                        extra,
                        deletedCount,
                        failedDeletes.size() + r.walkErrors().size());
        if (dryRun) {
            doc.put("dryRun", true);
        }
        return doc;
    }

    @Override
    protected void print(Synced r, Output out) {
        UploadConflicts conflicts = r.conflicts();
        Set<String> failedDeletes = r.failedDeletes();
        Messages messages = ctx.messages();
        if (dryRun) {
            for (UploadPlan.Item i : conflicts.currentPlan().items()) {
                if (i.action() != SyncAction.EXCLUDED) {
                    out.println(
                            messages.get("cli.sync.would", verb(messages, i.action()), TerminalText.escape(i.key())));
                }
            }
            for (ObjectEntry o : r.deletions()) {
                out.println(messages.get("cli.sync.wouldDelete", TerminalText.escape(o.key()), Sizes.bytes(o.size())));
            }
        } else {
            // a batch the pre-flight refused (no bucket, bad keys, nothing answering) is one line, as for upload,
            // not the same reason once per file
            Set<String> refused = new HashSet<>();
            for (TransferService.Refusal f : r.refusals()) {
                refused.addAll(f.transferIds());
                out.println(messages.get(
                        "cli.upload.refused",
                        f.transferIds().size(),
                        f.bucket(),
                        f.targetLabel(),
                        f.reason().code(),
                        f.reason().oneLine()));
            }
            for (TransferSnapshot x : r.end()) {
                if (conflicts.failed(x) && !(refused.contains(x.id()) && x.state() == TransferState.FAILED)) {
                    out.println(messages.get(
                            "cli.row.failed",
                            TerminalText.escape(x.source().toString()),
                            x.errorMessage() == null ? x.state() : x.errorMessage()));
                }
            }
            if (r.deleted() != null) {
                for (DeleteResult.Failure f : r.deleted().failures()) {
                    out.println(messages.get("cli.sync.failedDelete", TerminalText.escape(f.key()), f.message()));
                }
            }
        }
        for (Map<String, Object> e : r.walkErrors()) {
            out.println(messages.get(
                    "cli.plan.failed",
                    TerminalText.escape((String) e.get("path")),
                    e.get("error"),
                    e.get("errorCode")));
        }
        conflicts.rows().printText(out, messages);
        int deletedCount = r.deletions().size() - failedDeletes.size();
        String summary = conflicts
                .summary()
                .plus(
                        dryRun ? r.deletions().size() : deletedCount,
                        failedDeletes.size() + r.walkErrors().size())
                .text(messages);
        out.println(dryRun ? messages.get("cli.sync.dryRun", summary) : summary);
    }

    private static String verb(Messages messages, SyncAction a) {
        return switch (a) {
            case UPLOADED -> messages.get("cli.sync.verb.upload");
            case RENAMED -> messages.get("cli.sync.verb.renamed");
            case SKIPPED_IDENTICAL -> messages.get("cli.sync.verb.identical");
            case SKIPPED_EXISTING -> messages.get("cli.sync.verb.exists");
            case FAILED -> messages.get("cli.sync.verb.fail");
            default -> a.jsonName();
        };
    }

    private static String normalizePrefix(String prefix) {
        String p = prefix == null ? "" : prefix.replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }
}
