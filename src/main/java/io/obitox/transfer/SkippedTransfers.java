package io.obitox.transfer;

import io.obitox.profile.TargetRef;
import io.obitox.storage.S3Target;
import java.io.IOException;
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
 * not be read, because nothing will ever resume it. Stateless apart from its services; thread-safe.
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
            rows.add(new Transfer(
                    UUID.randomUUID().toString(),
                    batchId,
                    owner,
                    new Transfer.Source(source, size, mtime, "-"),
                    new Transfer.Target(
                            refJson.computeIfAbsent(r.target(), TargetRef::toJson),
                            target.label(),
                            TransferService.endpointKey(target),
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
}
