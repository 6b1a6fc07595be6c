package io.obitox.transfer;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a transfer. Every change goes through {@link #canMoveTo}; the repository applies it with a
 * compare-and-set on the stored state, so two threads (or processes) cannot both move the same transfer.
 *
 * <pre>
 * QUEUED ──► RUNNING ──► COMPLETED
 *   │  ▲        │ ├────► SKIPPED (a 412 to If-None-Match under --if-exists skip)
 *   │  ▲        │ │ └──► FAILED ──► QUEUED (retry)
 *   │  └────────┘ └────► PAUSED ──► QUEUED (resume)
 *   └──────────────────► CANCELLED (from any non-final state)
 *
 * (inserted) SKIPPED: final from the start, nothing leads in or out
 * </pre>
 */
public enum TransferState {
    QUEUED,
    RUNNING,
    PAUSED,
    COMPLETED,
    FAILED,
    CANCELLED,
    /**
     * Not sent: the batch found the object already in the bucket (identical, or existing under a policy that does
     * not overwrite), recorded final at once ({@code TransferRepository.recordSkipped}); or, under {@code
     * --if-exists skip}, the server refused the write with a 412 because someone created the key after the listing
     * ({@code RUNNING → SKIPPED}). Never resumed or retried; the row's {@code action} says why.
     */
    SKIPPED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == SKIPPED;
    }

    /** Not running and not finished: what a restart picks up again. */
    public boolean isResumable() {
        return this == QUEUED || this == RUNNING || this == PAUSED || this == FAILED;
    }

    public boolean canMoveTo(TransferState next) {
        return allowed().contains(next);
    }

    private Set<TransferState> allowed() {
        return switch (this) {
            case QUEUED -> EnumSet.of(RUNNING, PAUSED, CANCELLED, FAILED);
            case RUNNING -> EnumSet.of(COMPLETED, FAILED, PAUSED, CANCELLED, QUEUED, SKIPPED);
            case PAUSED -> EnumSet.of(QUEUED, CANCELLED);
            case FAILED -> EnumSet.of(QUEUED, CANCELLED);
            case COMPLETED, CANCELLED, SKIPPED -> EnumSet.noneOf(TransferState.class);
        };
    }
}
