package io.obitox.common.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** UiTasks without a toolkit: both executors run queued work on the test thread when asked to. */
class UiTasksTest {
    private final ManualExecutor background = new ManualExecutor();
    private final Deque<Runnable> uiQueue = new ArrayDeque<>();
    private final Executor ui = uiQueue::add;
    private final UiTasks tasks = new UiTasks(background, ui);
    private final List<String> events = new ArrayList<>();
    private final BooleanProperty busy = new SimpleBooleanProperty();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private void drainUi() {
        while (!uiQueue.isEmpty()) {
            uiQueue.poll().run();
        }
    }

    private UiTasks.Builder<String> recorded(UiTasks.Builder<String> b) {
        return b.onSuccess(v -> events.add("success:" + v))
                .onError(e -> events.add("error:" + e.getClass().getSimpleName() + ":" + e.getMessage()))
                .onCancelled(() -> events.add("cancelled"))
                .onFinally(() -> events.add("finally"))
                .trackBusy(busy);
    }

    @Test
    void successRunsTheWorkInTheBackgroundAndTheCallbackOnTheUi() {
        UiTasks.Handle h = recorded(tasks.run(() -> "42")).start();
        assertThat(busy.get()).as("busy while queued").isTrue();
        assertThat(events).isEmpty();
        background.runAll();
        assertThat(events).as("nothing before the UI executor runs").isEmpty();
        assertThat(h.isDone()).isFalse();
        drainUi();
        assertThat(events).containsExactly("success:42", "finally");
        assertThat(busy.get()).isFalse();
        assertThat(h.isDone()).isTrue();
    }

    @Test
    void errorHandsOverTheRealCauseNotTheExecutionWrapper() {
        recorded(tasks.run(() -> {
                    throw new IOException("disk gone");
                }))
                .start();
        background.runAll();
        drainUi();
        assertThat(events).containsExactly("error:IOException:disk gone", "finally");
        assertThat(busy.get()).isFalse();
    }

    @Test
    void cancelBeforeTheWorkRunsNeverRunsIt() {
        boolean[] ran = {false};
        UiTasks.Handle h = recorded(tasks.run(() -> {
                    ran[0] = true;
                    return "late";
                }))
                .start();
        h.cancel();
        drainUi();
        assertThat(events).containsExactly("cancelled", "finally");
        assertThat(busy.get()).isFalse();
        assertThat(h.isDone()).isTrue();
        background.runAll();
        drainUi();
        assertThat(ran[0]).isFalse();
        assertThat(events).containsExactly("cancelled", "finally");
    }

    @Test
    void cancelWhileRunningDropsTheLateResult() {
        UiTasks.Handle[] handle = new UiTasks.Handle[1];
        handle[0] = recorded(tasks.run(() -> {
                    handle[0].cancel(); // the user presses Cancel while the call is under way
                    return "late result";
                }))
                .start();
        background.runAll();
        assertThat(Thread.interrupted()).as("the worker was interrupted").isTrue();
        drainUi();
        assertThat(events).containsExactly("cancelled", "finally");
        assertThat(busy.get()).isFalse();
    }

    @Test
    void aCancelledTaskDoesNotClearTheBusyFlagOfTheTaskStartedAfterIt() {
        UiTasks.Handle first = recorded(tasks.run(() -> "first")).start();
        first.cancel(); // its callbacks wait for a later FX tick
        recorded(tasks.run(() -> "second")).start(); // the user starts again before that tick
        drainUi();
        assertThat(events).containsExactly("cancelled", "finally");
        assertThat(busy.get()).as("the second task still runs").isTrue();
        background.runAll();
        drainUi();
        assertThat(events).containsExactly("cancelled", "finally", "success:second", "finally");
        assertThat(busy.get()).isFalse();
    }

    @Test
    void aFlagSharedByTwoRunningTasksStaysBusyUntilTheLastStartedEnds() {
        recorded(tasks.run(() -> "a")).start();
        UiTasks.Handle b = recorded(tasks.run(() -> "b")).start();
        background.runOne();
        drainUi();
        assertThat(events).containsExactly("success:a", "finally");
        assertThat(busy.get()).as("b still runs").isTrue();
        background.runAll();
        drainUi();
        assertThat(b.isDone()).isTrue();
        assertThat(busy.get()).isFalse();
    }

    @Test
    void cancelAfterCompletionChangesNothing() {
        UiTasks.Handle h = recorded(tasks.run(() -> "done")).start();
        background.runAll();
        drainUi();
        h.cancel();
        drainUi();
        assertThat(events).containsExactly("success:done", "finally");
    }

    @Test
    void workThatStopsOnInterruptCountsAsCancelled() {
        recorded(tasks.run(() -> {
                    throw new InterruptedException("stopped");
                }))
                .start();
        background.runAll();
        drainUi();
        assertThat(events).containsExactly("cancelled", "finally");
    }

    @Test
    void runnableWorkSucceedsWithNull() {
        List<Object> results = new ArrayList<>();
        Runnable work = () -> events.add("work");
        tasks.run(work).onSuccess(results::add).start();
        background.runAll();
        drainUi();
        assertThat(events).containsExactly("work");
        assertThat(results).containsExactly((Object) null);
    }

    @Test
    void withSameThreadExecutorsEverythingHappensInsideStart() {
        UiTasks direct = new UiTasks(new ManualExecutor(true), Runnable::run);
        UiTasks.Handle h = recorded(direct.run(() -> "now")).start();
        assertThat(events).containsExactly("success:now", "finally");
        assertThat(h.isDone()).isTrue();
        assertThat(busy.get()).isFalse();
    }

    @Test
    void onUiPostsToTheUiExecutor() {
        tasks.onUi(() -> events.add("ui"));
        assertThat(events).isEmpty();
        drainUi();
        assertThat(events).containsExactly("ui");
    }

    /** Queues work until {@link #runAll()} (or runs it at once when direct). */
    private static final class ManualExecutor extends AbstractExecutorService {
        private final Deque<Runnable> queue = new ArrayDeque<>();
        private final boolean direct;

        ManualExecutor() {
            this(false);
        }

        ManualExecutor(boolean direct) {
            this.direct = direct;
        }

        void runAll() {
            while (!queue.isEmpty()) {
                queue.poll().run();
            }
        }

        void runOne() {
            queue.poll().run();
        }

        @Override
        public void execute(Runnable command) {
            if (direct) {
                command.run();
            } else {
                queue.add(command);
            }
        }

        @Override
        public void shutdown() {}

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
