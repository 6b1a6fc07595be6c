package io.obitox.transfer;

/** Something that happened to a transfer, with its snapshot at that moment. */
public record TransferEvent(Type type, TransferSnapshot snapshot) {

    /** What happened. PROGRESS is sent at most a few times a second per transfer. */
    public enum Type {
        QUEUED,
        STARTED,
        PROGRESS,
        PAUSED,
        COMPLETED,
        FAILED,
        CANCELLED
    }
}
