package io.obitox.common.ui;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;

/**
 * The one way view models run background work: {@code tasks.run(() -> service.call()).onSuccess(…).onError(…)
 * .start()}. Work runs on the injected executor; every callback runs on the FX thread (through the injected UI
 * executor, {@code Platform::runLater} in the app, a same-thread executor in tests). {@link Handle#cancel()}
 * interrupts the work and drops its late result, so the UI is free again at once.
 *
 * <p>The only class that posts work to the FX thread.
 */
public final class UiTasks {
    private final Executor background;
    private final Executor ui;
    /**
     * The task that last raised each busy flag. A task lowers a flag only while it is still the owner: a cancelled
     * task's callbacks run on a later FX tick, and by then the user may have started the next task on the same flag,
     * which must stay busy. Touched on the FX thread only (start and every callback run there); weak so that a
     * closed view model's flag is not kept.
     */
    private final Map<BooleanProperty, Object> busyOwners = new WeakHashMap<>();

    public UiTasks(Executor background) {
        this(background, Platform::runLater);
    }

    public UiTasks(Executor background, Executor ui) {
        this.background = background;
        this.ui = ui;
    }

    public <T> Builder<T> run(Callable<T> work) {
        return new Builder<>(work);
    }

    public Builder<Void> run(Runnable work) {
        return new Builder<>(() -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code action} on the FX thread (or the test's UI executor). */
    public void onUi(Runnable action) {
        ui.execute(action);
    }

    /** A running task; cancel it to stop waiting for it. */
    public interface Handle {
        void cancel();

        boolean isDone();
    }

    /** Collects callbacks, then {@link #start()}s the work. Configure and start it on the FX thread. */
    public final class Builder<T> {
        private final Callable<T> work;
        private Consumer<? super T> onSuccess = v -> {};
        private Consumer<Throwable> onError = e -> {};
        private Runnable onCancelled = () -> {};
        private Runnable onFinally = () -> {};
        private BooleanProperty busy;

        private Builder(Callable<T> work) {
            this.work = work;
        }

        public Builder<T> onSuccess(Consumer<? super T> action) {
            this.onSuccess = action;
            return this;
        }

        /** Gets the failure; turn it into words with {@code S3Errors.describe} — never show it raw. */
        public Builder<T> onError(Consumer<Throwable> action) {
            this.onError = action;
            return this;
        }

        public Builder<T> onCancelled(Runnable action) {
            this.onCancelled = action;
            return this;
        }

        public Builder<T> onFinally(Runnable action) {
            this.onFinally = action;
            return this;
        }

        /** Set to true while the work runs and back to false when it ends or is cancelled. */
        public Builder<T> trackBusy(BooleanProperty busyFlag) {
            this.busy = busyFlag;
            return this;
        }

        /**
         * Drives a view model's {@link StatusLine}: busy while the work runs, a failure described on it (unless
         * {@link #onError} is set after this call, which replaces that).
         */
        public Builder<T> tracking(StatusLine line) {
            this.busy = line.busyFlag();
            this.onError = line::fail;
            return this;
        }

        public Handle start() {
            AtomicBoolean settled = new AtomicBoolean();
            Object owner = new Object();
            if (busy != null) {
                busyOwners.put(busy, owner);
                busy.set(true);
            }
            Runnable finish = () -> {
                if (busy != null && busyOwners.get(busy) == owner) {
                    busyOwners.remove(busy);
                    busy.set(false);
                }
                onFinally.run();
            };
            FutureTask<T> task = new FutureTask<>(work) {
                @Override
                protected void done() {
                    ui.execute(() -> {
                        if (!settled.compareAndSet(false, true)) {
                            return; // cancelled from the UI: callbacks already ran
                        }
                        try {
                            onSuccess.accept(get());
                        } catch (CancellationException e) {
                            onCancelled.run();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } catch (java.util.concurrent.ExecutionException e) {
                            if (e.getCause() instanceof CancellationException
                                    || e.getCause() instanceof InterruptedException) {
                                onCancelled.run();
                            } else {
                                onError.accept(e.getCause());
                            }
                        } finally {
                            finish.run();
                        }
                    });
                }
            };
            Future<?> submitted = task;
            try {
                background.execute(task);
            } catch (RejectedExecutionException closing) {
                // the app is closing and its pool is shut down (a late callback starting more work): nothing runs,
                // and the caller hears "cancelled" instead of an exception on the FX thread
                if (settled.compareAndSet(false, true)) {
                    try {
                        onCancelled.run();
                    } finally {
                        finish.run();
                    }
                }
            }
            return new Handle() {
                @Override
                public void cancel() {
                    submitted.cancel(true);
                    ui.execute(() -> {
                        if (settled.compareAndSet(false, true)) {
                            try {
                                onCancelled.run();
                            } finally {
                                finish.run();
                            }
                        }
                    });
                }

                @Override
                public boolean isDone() {
                    return settled.get();
                }
            };
        }
    }
}
