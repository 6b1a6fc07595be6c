package io.obitox.validation;

/**
 * A snapshot of a batch: files found by the walk so far, checked, valid, invalid, skipped, the bytes of the valid
 * files, and whether the walk, the whole batch and a cancellation have happened.
 */
public record BatchProgress(
        long found,
        long checked,
        long valid,
        long invalid,
        long skipped,
        long validBytes,
        boolean walkDone,
        boolean done,
        boolean cancelled) {

    /** Files found but not yet checked. */
    public long pending() {
        return found - checked;
    }
}
