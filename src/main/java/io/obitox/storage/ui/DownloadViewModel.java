package io.obitox.storage.ui;

import io.obitox.common.Messages;
import io.obitox.common.UserMessage;
import io.obitox.common.ui.StatusLine;
import io.obitox.common.ui.UiTasks;
import io.obitox.objects.SseCKey;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.profile.ui.ProfileSelection;
import io.obitox.storage.BucketInfo;
import io.obitox.storage.ObjectEntry;
import io.obitox.storage.S3Errors;
import io.obitox.storage.SseCRefusal;
import io.obitox.transfer.DownloadFiles;
import io.obitox.transfer.DownloadService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;

/**
 * "Download…" in the bucket browser: the selected objects and folders queued as downloads into one local folder, run
 * by the transfer queue (they then appear under Transfers). A folder lands as a folder of its own name inside the
 * chosen one, with the tree below it, as a file manager copies it. FX thread only; the queueing (a HEAD per object, a
 * recursive listing per folder, the rows written to H2) blocks, so it runs through {@link UiTasks}.
 */
public final class DownloadViewModel {
    /**
     * What happens to a local file that exists: the same default as {@code obitox download}, so downloading the same
     * selection again fetches nothing already there and replaces what differs. There is no stored setting for
     * downloads (the "If a key exists" setting is about keys on the server).
     */
    static final DownloadService.IfExists IF_EXISTS = DownloadService.IfExists.SKIP_IDENTICAL;

    /**
     * Queues one key or prefix ({@link DownloadService#download}), with the customer key (SSE-C) or null; blocking,
     * called in the background.
     */
    @FunctionalInterface
    public interface Downloader {
        DownloadService.Batch download(
                TargetRef ref,
                String bucket,
                String keyOrPrefix,
                Path destination,
                DownloadService.IfExists ifExists,
                SseCKey sseC);
    }

    private final Downloader downloader;
    private final UiTasks tasks;
    private final ProfileSelection selection;
    private final ObjectProperty<BucketInfo> bucket;
    private final StatusLine status;
    private final Messages messages;
    private final DownloadDialogViewModel dialog;

    DownloadViewModel(
            Downloader downloader,
            UiTasks tasks,
            ProfileSelection selection,
            ObjectProperty<BucketInfo> bucket,
            StatusLine status,
            Messages messages) {
        this.messages = messages;
        this.downloader = downloader;
        this.tasks = tasks;
        this.selection = selection;
        this.bucket = bucket;
        this.status = status;
        this.dialog = new DownloadDialogViewModel(tasks, messages);
    }

    /** The dialog that asks where to, and for the objects' customer key (SSE-C) if they have one. */
    public DownloadDialogViewModel dialog() {
        return dialog;
    }

    /** What the queueing of a selection came to (built in the background, read on the FX thread). */
    record Outcome(int queued, int resumed, int identical, List<String> notDownloaded) {}

    /** Queues every selected entry into {@code folder}; the status line says how many and where to follow them. */
    public void download(List<ObjectEntry> selected, Path folder) {
        download(selected, folder, null);
    }

    /** As the dialog chose: its folder, and its key (SSE-C) on every request of every selected entry. */
    public void download(List<ObjectEntry> selected, DownloadDialogViewModel.Choice choice) {
        download(selected, choice.folder(), choice.key());
    }

    /**
     * Queues every selected entry into {@code folder}, reading the objects with the customer key {@code sseC} (or
     * none); the key is held in memory by the engine, the transfers keep its fingerprint.
     */
    public void download(List<ObjectEntry> selected, Path folder, SseCKey sseC) {
        BucketInfo b = bucket.get();
        StorageProfile p = selection.getCurrent();
        if (b == null || p == null || selected.isEmpty() || folder == null) {
            return;
        }
        List<ObjectEntry> entries = List.copyOf(selected);
        TargetRef ref = TargetRef.profile(p.id());
        status.show(messages.get("download.queueing", entries.size(), b.name(), folder));
        tasks.run(() -> queue(ref, b.name(), entries, folder, sseC))
                .tracking(status)
                .onSuccess(o -> status.report(!o.notDownloaded().isEmpty(), describe(o, folder, messages)))
                .onError(e -> status.fail(messages.get("download.nothing", describe(e))))
                .start();
    }

    /** Background thread: one entry at a time, so one failing (an empty folder, a key gone) does not stop the rest. */
    private Outcome queue(TargetRef ref, String bucketName, List<ObjectEntry> entries, Path folder, SseCKey sseC)
            throws Exception {
        Files.createDirectories(folder);
        int queued = 0;
        int resumed = 0;
        int identical = 0;
        List<String> notDownloaded = new ArrayList<>();
        for (ObjectEntry e : entries) {
            try {
                Path dest = e.folder() ? DownloadFiles.inside(folder, lastSegment(e.key())) : folder;
                DownloadService.Batch batch = downloader.download(ref, bucketName, e.key(), dest, IF_EXISTS, sseC);
                queued += batch.transferIds().size() - batch.resumed();
                resumed += batch.resumed();
                for (DownloadService.Skipped skip : batch.skipped()) {
                    if ("skipped-identical".equals(skip.action())) {
                        identical++;
                    } else {
                        notDownloaded.add(skip.key() + ": " + skip.reason() + " at " + skip.destination());
                    }
                }
            } catch (RuntimeException ex) {
                notDownloaded.add(e.key() + ": " + describe(ex));
            }
        }
        return new Outcome(queued, resumed, identical, notDownloaded);
    }

    static String describe(Outcome o, Path folder, Messages messages) {
        List<String> parts = new ArrayList<>();
        int started = o.queued() + o.resumed();
        if (started > 0) {
            parts.add(
                    o.resumed() > 0
                            ? messages.get("download.queuedResumed", started, folder, o.resumed())
                            : messages.get("download.queued", started, folder));
        } else if (o.identical() > 0) {
            parts.add(messages.get("download.nothingNew", folder));
        }
        if (o.identical() > 0) {
            parts.add(messages.get("download.identical", o.identical()));
        }
        if (!o.notDownloaded().isEmpty()) {
            parts.add(messages.get(
                    "download.notDownloaded",
                    o.notDownloaded().size(),
                    o.notDownloaded().get(0)));
        }
        return String.join(" ", parts);
    }

    /** {@code a/photos/} → {@code photos}: the folder's own name, made safe by {@link DownloadFiles#inside}. */
    private static String lastSegment(String prefix) {
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return name.isEmpty() ? "download" : name;
    }

    /**
     * A failure in words in the user's language (S3Errors says it in English with the keys to translate it); an
     * object refused for its customer key says what to do in this dialog rather than on the command line.
     */
    private String describe(Throwable failure) {
        UserMessage m = S3Errors.describe(failure);
        if (SseCRefusal.KEY_NEEDED.equals(m.code())) {
            return messages.get("download.sseC.keyNeeded");
        }
        if (SseCRefusal.WRONG_KEY.equals(m.code())) {
            return messages.get("download.sseC.wrongKey");
        }
        return messages.oneLine(m);
    }
}
