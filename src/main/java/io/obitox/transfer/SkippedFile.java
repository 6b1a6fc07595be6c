package io.obitox.transfer;

/**
 * A file of a batch that is not sent because its object is already in the bucket, to be recorded as a
 * {@link TransferState#SKIPPED} transfer ({@link TransferService#recordSkipped}).
 *
 * @param action why, in the CLI's JSON spelling: {@code skipped-identical} or {@code skipped-existing}
 * @param reason the same in plain words for the Transfers view (its notice), or null
 * @param existingEtag the ETag of the object in the bucket when the listing gave one, else null
 * @param size the file's size when the planner knows it, else -1 (the file is then looked at: one stat)
 */
public record SkippedFile(UploadRequest request, String action, String reason, String existingEtag, long size) {}
