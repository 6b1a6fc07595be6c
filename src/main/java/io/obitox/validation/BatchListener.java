package io.obitox.validation;

/**
 * Receives the verdicts of a running batch.
 *
 * <p>Threading: called on the batch's worker threads, one call at a time (never concurrently), in no fixed order
 * between files. Calls must return quickly, since slow calls hold up the workers. A view model should append to a
 * buffer here and publish on a timer; it must not update JavaFX state directly. Anything thrown is logged and
 * ignored.
 */
public interface BatchListener {
    void onResult(ValidationResult result);

    /** A hidden or system file, or a folder reached a second time through a link; not counted as invalid. */
    default void onSkipped(SkippedPath skipped) {}
}
