package io.obitox.presign.ui;

import io.obitox.presign.LinkMethod;
import io.obitox.transfer.TransferSnapshot;
import java.util.Comparator;
import java.util.List;

/**
 * "Add finished uploads": which completed transfers of a profile become GET drafts, and to which bucket. Pure; the
 * Links view model runs it in the background.
 *
 * @param bucket the chosen bucket, or (none chosen) the latest upload's; "" when there is none
 */
record FinishedUploads(String bucket, List<LinkDraft> drafts) {

    /** The completed uploads of {@code profileName} to {@code chosen} (or to the latest's bucket), latest first. */
    static FinishedUploads of(String profileName, String chosen, List<TransferSnapshot> transfers) {
        List<TransferSnapshot> done = transfers.stream()
                .filter(t -> t.state() == io.obitox.transfer.TransferState.COMPLETED
                        && t.direction() == io.obitox.transfer.TransferDirection.UPLOAD // not downloads
                        && profileName.equals(t.targetLabel()))
                .sorted(Comparator.comparing(
                                TransferSnapshot::completedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .reversed())
                .toList();
        String b = chosen.isEmpty()
                ? done.stream().map(TransferSnapshot::bucket).findFirst().orElse("")
                : chosen;
        return new FinishedUploads(
                b,
                done.stream()
                        .filter(t -> t.bucket().equals(b))
                        .map(t -> new LinkDraft(t.key(), LinkMethod.GET, t.size(), null, "upload"))
                        .toList());
    }
}
