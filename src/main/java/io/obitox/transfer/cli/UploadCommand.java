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
import io.obitox.objects.UploadSettings;
import io.obitox.objects.cli.ObjectSettingsOptions;
import io.obitox.profile.StorageProfile;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSettings;
import io.obitox.transfer.TransferState;
import io.obitox.transfer.UploadRequest;
import io.obitox.validation.BatchRequest;
import io.obitox.validation.BatchResult;
import io.obitox.validation.FolderLinks;
import io.obitox.validation.PolicyService;
import io.obitox.validation.SkippedPath;
import io.obitox.validation.ValidationIssue;
import io.obitox.validation.ValidationPolicy;
import io.obitox.validation.ValidationResult;
import io.obitox.webhook.Delivery;
import io.obitox.webhook.DeliveryState;
import io.obitox.webhook.WebhookService;
import java.io.IOException;
import java.net.URLConnection;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code obitox upload PATH… --bucket B}: folders recursively (the folder's own name is kept in the key), progress on
 * stderr, exit status 1 if any file failed or was rejected by the validation policy (the summary counts the two
 * apart). Re-running the same command resumes interrupted transfers.
 */
@Command(name = "upload", mixinStandardHelpOptions = true, description = "cli.help.upload")
public final class UploadCommand extends LiveCommand<UploadCommand.Uploaded> {

    @Parameters(arity = "1..*", paramLabel = "PATH", descriptionKey = "cli.help.upload.path")
    List<Path> paths;

    @Option(names = "--bucket", paramLabel = "BUCKET", descriptionKey = "cli.help.upload.bucket")
    String bucket;

    @Option(names = "--prefix", paramLabel = "PREFIX", descriptionKey = "cli.help.upload.prefix")
    String prefix = "";

    @Mixin
    TargetOptions target;

    @Mixin
    UploadRuleOptions rules;

    @Mixin
    ObjectSettingsOptions objectSettings;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--part-size", paramLabel = "SIZE", descriptionKey = "cli.help.upload.partSize")
    String partSize;

    @Option(names = "--concurrency", paramLabel = "N", descriptionKey = "cli.help.upload.concurrency")
    Integer concurrency;

    @Option(names = "--policy", paramLabel = "NAME|FILE", descriptionKey = "cli.help.upload.policy")
    String policy;

    @Option(names = "--no-validate", descriptionKey = "cli.help.upload.noValidate")
    boolean noValidate;

    @Option(names = "--follow-links", descriptionKey = "cli.help.upload.followLinks")
    boolean followLinks;

    @Option(names = "--json", descriptionKey = "cli.help.upload.json")
    boolean json;

    @Option(
            names = {"-q", "--quiet"},
            descriptionKey = "cli.help.upload.quiet")
    boolean quiet;

    @Option(names = "--webhook-wait", paramLabel = "SECONDS", descriptionKey = "cli.help.upload.webhookWait")
    int webhookWait = 10;

    /** The settled run: its report, and every transfer whose webhook events are waited for. */
    record Uploaded(UploadReport report, List<String> settled) {}

    public UploadCommand(CliContext ctx) {
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
    protected Uploaded act() throws Exception {
        TargetOptions.Resolved resolved = target.resolve(ctx.app());
        String b = resolved.bucketOr(bucket);
        // issue 16: checked (values, provider) before anything is read or sent
        UploadSettings settings = objectSettings.resolve(ctx, resolved, b);
        TransferService service = ctx.app().transfers();
        TransferSettings s = service.engine().settings();
        if (partSize != null) {
            s = s.withPartSize(Sizes.parse(partSize));
        }
        if (concurrency != null) {
            s = s.withConcurrency(concurrency);
        }
        service.engine().updateSettings(s);
        List<UploadRequest> requests = new ArrayList<>();
        List<Map<String, Object>> walkErrors = new ArrayList<>();
        List<Map<String, Object>> walkSkipped = new ArrayList<>();
        String p = normalizePrefix(prefix);
        List<Path> absolute =
                paths.stream().map(x -> x.toAbsolutePath().normalize()).toList();
        if (noValidate) {
            for (Path path : absolute) {
                collect(path, p, resolved, b, followLinks, requests, walkErrors);
            }
        } else {
            validated(absolute, p, resolved, b, requests, walkErrors, walkSkipped);
        }
        if (requests.isEmpty() && walkErrors.isEmpty()) {
            throw CliFailure.of(
                    "NOTHING_TO_UPLOAD",
                    TextRef.of("cli.error.upload.nothingToUpload"),
                    TextRef.of("cli.error.upload.nothingToUpload.fix"));
        }
        if (!settings.isEmpty()) {
            requests = requests.stream().map(r -> r.withSettings(settings)).toList();
        }
        // issue 15: exclude rules, --if-exists and what is already in the bucket decide what is sent
        UploadConflicts conflicts = new UploadConflicts(
                ctx, rules, spec.commandLine().getParseResult().originalArgs(), resolved, b);
        requests = conflicts.plan(requests, absolute, UploadConflicts.listPrefix(p, requests));
        int files = requests.size();
        TransferService.Batch batch = service.enqueue(requests, UploadReport.PAGE, queued -> {});
        conflicts.attach(batch.transferIds());
        List<String> skippedIds = conflicts.recordSkipped(service, batch.id());
        requests = null; // from here on only the ids are kept; outcomes are read back from the database
        // a batch the pre-flight refused whole is not "uploading": only its FAILED line below says so, once
        long refused =
                batch.refusals().stream().mapToLong(r -> r.transferIds().size()).sum();
        if (files == 0) { // everything skipped or excluded: no "0/0 files" progress
            progress(ctx.messages()
                    .get("cli.upload.nothingToSend", b, p, resolved.target().label()));
        } else if (refused < files) {
            progress(ctx.messages()
                    .get("cli.upload.start", files, b, p, resolved.target().label()));
            ProgressPrinter.follow(service, batch.transferIds(), ctx, !live());
        }
        List<String> finalIds = conflicts.settleById(service, batch.transferIds(), !live());
        java.util.Set<String> settled = new java.util.LinkedHashSet<>(batch.transferIds());
        settled.addAll(finalIds); // the rename rounds' transfers too
        settled.addAll(skippedIds); // their upload.completed events ("skipped": true)
        return new Uploaded(
                new UploadReport(service, batch, finalIds, conflicts, walkErrors, walkSkipped, ctx.messages()),
                List.copyOf(settled));
    }

    @Override
    protected Object toJson(Uploaded u) {
        return u.report().json();
    }

    @Override
    protected void print(Uploaded u, Output out) {
        u.report().text(out);
    }

    /** Failed and rejected files both fail the run. */
    @Override
    protected int exitCode(Uploaded u) {
        return u.report().notDone() == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    @Override
    protected void afterOutput(Uploaded u) throws InterruptedException {
        deliverWebhooks(u.settled());
    }

    /** Gives the webhook dispatcher a bounded time to deliver this upload's events; undelivered ones stay queued. */
    private void deliverWebhooks(List<String> transferIds) throws InterruptedException {
        WebhookService hooks = ctx.app().webhooks();
        if (hooks.forTransfers(transferIds).isEmpty()) {
            return;
        }
        List<Delivery> end =
                hooks.await(() -> hooks.forTransfers(transferIds), Duration.ofSeconds(Math.max(0, webhookWait)));
        long delivered =
                end.stream().filter(d -> d.status() == DeliveryState.DELIVERED).count();
        long pending = end.stream().filter(d -> !d.status().isSettled()).count();
        long failed = end.size() - delivered - pending;
        Messages messages = ctx.messages();
        progress(messages.get("cli.upload.webhooks", delivered)
                + (pending > 0 ? messages.get("cli.upload.webhooksQueued", pending) : "")
                + (failed > 0 ? messages.get("cli.upload.webhooksFailed", failed) : "")
                + ".");
        if (pending > 0) { // why they are still queued, on a line of its own
            lastRefusal(end).ifPresent(r -> progress(messages.get("cli.upload.webhooksLastTry", r)));
        }
    }

    /** What the newest failed attempt of a still-queued delivery got (a status or an error), if one was made. */
    private static java.util.Optional<String> lastRefusal(List<Delivery> deliveries) {
        return deliveries.stream()
                .filter(d -> !d.status().isSettled() && d.lastAttemptAt() != null)
                .filter(d -> d.lastResponseCode() != null || d.lastError() != null)
                .max(java.util.Comparator.comparing(Delivery::lastAttemptAt))
                .map(d -> d.lastResponseCode() != null ? "HTTP " + d.lastResponseCode() : d.lastError())
                .map(TerminalText::escape);
    }

    /**
     * The same checks as the Upload view: content detection, the target's policy (or --policy), safe keys. Rejected
     * files are reported with their code and not uploaded; a link back into a dropped folder is reported too.
     */
    private void validated(
            List<Path> roots,
            String prefix,
            TargetOptions.Resolved target,
            String bucket,
            List<UploadRequest> requests,
            List<Map<String, Object>> errors,
            List<Map<String, Object>> skipped) {
        PolicyService policies = ctx.app().validationPolicies();
        ValidationPolicy p = policy != null
                ? policies.resolve(policy)
                : policies.policyFor(target.profile().map(StorageProfile::id).orElse(null), bucket);
        if (followLinks) {
            p = p.withFollowLinks(true);
        }
        BatchResult result = ctx.app().batchValidator().validateFiles(new BatchRequest(roots, p, prefix));
        for (ValidationResult r : result.valid()) {
            for (ValidationIssue w : r.warnings()) {
                ctx.out().warn(TerminalText.escape(r.path().toString()) + ": " + w.message());
            }
            requests.add(new UploadRequest(r.path(), target.ref(), bucket, r.objectKey(), r.contentType()));
        }
        for (ValidationResult r : result.invalid()) {
            Map<String, Object> m =
                    error(r.path(), r.error().code().name(), r.error().message());
            m.put("state", "REJECTED");
            errors.add(m);
        }
        for (SkippedPath sp : result.skipped()) {
            if (sp.reason().contains("link back")) {
                errors.add(error(
                        sp.path(),
                        "SYMLINK_LOOP",
                        "a symbolic link loops back into the dropped folder; " + "not followed"));
            } else { // never silent: a line now, an "excluded" row and count in the summary
                progress(ctx.messages()
                        .get("cli.upload.skippedPath", TerminalText.escape(sp.relativePath()), sp.reason()));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", null);
                m.put("path", sp.path().toString());
                m.put("bucket", bucket);
                m.put("key", prefix + sp.relativePath() + (Files.isDirectory(sp.path()) ? "/" : ""));
                m.put("size", -1);
                m.put("state", "SKIPPED");
                m.put("action", io.obitox.sync.SyncAction.EXCLUDED.jsonName());
                m.put("reason", sp.reason());
                skipped.add(m);
            }
        }
    }

    private static String normalizePrefix(String prefix) {
        String p = prefix == null ? "" : prefix.replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }

    private static void collect(
            Path path,
            String prefix,
            TargetOptions.Resolved target,
            String bucket,
            boolean followLinks,
            List<UploadRequest> requests,
            List<Map<String, Object>> errors)
            throws IOException {
        if (!Files.isDirectory(path)) {
            // a missing or unreadable file still gets a transfer, which fails with the reason
            requests.add(request(path, prefix + path.getFileName(), target, bucket));
            return;
        }
        Path base = path.getParent() == null ? path : path.getParent();
        Path rootReal = FolderLinks.realPath(path);
        Files.walkFileTree(
                path, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return leavesFolder(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (leavesFolder(file)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (attrs.isRegularFile()) {
                            String rel = base.relativize(file).toString().replace('\\', '/');
                            requests.add(request(file, prefix + rel, target, bucket));
                        } else {
                            errors.add(error(
                                    file, "NOT_A_FILE", "not a regular file (device, socket or pipe); " + "skipped"));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    /** Even unchecked, a link out of the named folder is not followed (see LINK_OUTSIDE_FOLDER). */
                    private boolean leavesFolder(Path p) {
                        Path target = followLinks ? null : FolderLinks.outsideTarget(p, rootReal);
                        if (target == null) {
                            return false;
                        }
                        errors.add(error(
                                p,
                                "LINK_OUTSIDE_FOLDER",
                                "a link to " + target
                                        + ", outside the folder; not followed (--follow-links to allow)"));
                        return true;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        if (exc instanceof FileSystemLoopException) {
                            errors.add(error(
                                    file,
                                    "SYMLINK_LOOP",
                                    "a symbolic link loops back to a parent folder; " + "not followed"));
                        } else {
                            errors.add(error(file, "UNREADABLE", "cannot be read: " + exc.getMessage()));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    private static UploadRequest request(Path file, String key, TargetOptions.Resolved target, String bucket) {
        String type = URLConnection.guessContentTypeFromName(file.getFileName().toString());
        return new UploadRequest(file, target.ref(), bucket, key, type);
    }

    private static Map<String, Object> error(Path file, String code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", null);
        m.put("path", file.toString());
        m.put("state", TransferState.FAILED.name());
        m.put("errorCode", code);
        m.put("error", message);
        return m;
    }
}
