package io.obitox.transfer;

import java.util.List;

/**
 * What an upload job tells the store about its own transfer's multipart upload, and nothing else: the job never
 * changes the transfer's state (the engine's lifecycle does). Each call returns once its change is committed, so a
 * part is only counted as done after it is durable. Implemented over the repository by
 * {@link TransferRepository#ledger}; called from the job's coordinator and part threads at once.
 */
interface PartLedger {
    /** The parts recorded so far, by number. */
    List<PartRecord> parts();

    /** CreateMultipartUpload returned {@code uploadId}. */
    void uploadStarted(String uploadId);

    /** A part is on the server with this ETag (adopted ones too); the byte count follows. */
    void partDone(PartRecord part);

    /** A recorded part the server does not confirm: it will be sent again. */
    void partDropped(int number);

    /** The old upload is gone: new identity and plan, no upload id, no parts. */
    void restarted(SourceFile.Identity identity, PartPlan plan, String notice);
}
