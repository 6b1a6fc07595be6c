package io.obitox.validation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running batch: its progress (safe to sample from any thread, e.g. a UI timer), cancellation, and a future that
 * completes with the final progress once every worker has stopped (also after a cancel; exceptionally only if the
 * executor refused to run the batch).
 */
public final class BatchHandle {
    final AtomicLong found = new AtomicLong();
    final AtomicLong checked = new AtomicLong();
    final AtomicLong valid = new AtomicLong();
    final AtomicLong invalid = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong validBytes = new AtomicLong();
    final AtomicBoolean walkDone = new AtomicBoolean();
    final AtomicBoolean cancelled = new AtomicBoolean();
    final CompletableFuture<BatchProgress> completion = new CompletableFuture<>();

    BatchHandle() {}

    /** Stops walking and checking soon (after the files in hand); results already delivered stay valid. */
    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    public BatchProgress progress() {
        return snapshot(completion.isDone());
    }

    BatchProgress snapshot(boolean done) {
        return new BatchProgress(
                found.get(),
                checked.get(),
                valid.get(),
                invalid.get(),
                skipped.get(),
                validBytes.get(),
                walkDone.get(),
                done,
                cancelled.get());
    }

    public CompletableFuture<BatchProgress> completion() {
        return completion;
    }
}
