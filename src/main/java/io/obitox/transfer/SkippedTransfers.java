package io.obitox.transfer;

import io.obitox.profile.TargetRef;
import io.obitox.storage.S3Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Builds the {@link TransferState#SKIPPED} rows of a batch and hands them to the repository in bulk. A skipped file
 * is only looked at (one stat for its size and mtime), never read: its fingerprint is "-", like a file that could
 * not be read, because nothing will ever resume it.
 *
 * <p>A skipped file's row id is derived from where it would have gone and where it comes from ({@link #idOf}), so
 * the next batch that skips the same file for the same object replaces the row instead of adding one: a no-change
 * sync of 10,000 files run every hour would otherwise add 10,000 rows an hour, forever (docs/sync.md, "Skipped
 * transfers"). The row then belongs to the newest batch that skipped the file. Stateless apart from its services;
 * thread-safe.
 */
final class SkippedTransfers {
    private final TransferRepository repo;
    private final Function<TargetRef, S3Target> targets;
    private final String owner;
    private final Clock clock;

    SkippedTransfers(TransferRepository repo, Function<TargetRef, S3Target> targets, String owner, Clock clock) {
        this.repo = repo;
        this.targets = targets;
        this.owner = owner;
        this.clock = clock;
    }

    /** Records them in batch {@code batchId}; returns their transfer ids in the same order. */
    List<String> record(String batchId, List<SkippedFile> files) {
        Instant now = clock.instant();
        Map<TargetRef, S3Target> resolved = new HashMap<>();
        Map<TargetRef, String> refJson = new HashMap<>();
        List<Transfer> rows = new ArrayList<>(files.size());
        for (SkippedFile f : files) {
            UploadRequest r = f.request();
            S3Target target = resolved.computeIfAbsent(r.target(), targets);
            Path source = r.source().toAbsolutePath();
            long size = f.size();
            long mtime = 0;
            try {
                BasicFileAttributes a = Files.readAttributes(source, BasicFileAttributes.class);
                size = size >= 0 ? size : a.size();
                mtime = a.lastModifiedTime().toMillis();
            } catch (IOException e) {
                size = Math.max(0, size); // gone since it was planned: the row still says what was decided
            }
            String endpointKey = TransferService.endpointKey(target);
            rows.add(new Transfer(
                    idOf(endpointKey, r.bucket(), r.key(), source),
                    batchId,
                    owner,
                    new Transfer.Source(source, size, mtime, "-"),
                    new Transfer.Target(
                            refJson.computeIfAbsent(r.target(), TargetRef::toJson),
                            target.label(),
                            endpointKey,
                            r.bucket(),
                            r.key(),
                            r.contentType(),
                            r.ifNoneMatch()),
                    new Transfer.Plan(false, 0, 0),
                    Transfer.Progress.initial(TransferState.SKIPPED, null),
                    new Transfer.Outcome(f.existingEtag(), null, null, f.reason(), null, null, r.sha256(), f.action()),
                    new Transfer.Times(now, now, null, null, now)));
        }
        repo.recordSkipped(rows);
        return rows.stream().map(Transfer::id).toList();
    }

    /**
     * The id of the skipped row of {@code source} for object {@code key}: a name-based (version 3) UUID, so it never
     * equals the random (version 4) id of a transfer that was queued, and a skipped row only ever replaces the skipped
     * row of the same file and object.
     */
    static String idOf(String endpointKey, String bucket, String key, Path source) {
        String name = "skipped\n" + endpointKey + "\n" + bucket + "\n" + key + "\n" + source;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
