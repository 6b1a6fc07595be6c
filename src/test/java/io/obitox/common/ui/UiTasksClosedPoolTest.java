package io.obitox.common.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.Test;

class UiTasksClosedPoolTest {

    @Test
    void workStartedAfterTheAppClosedItsPoolIsReportedCancelledNotThrown() {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.shutdownNow();
        UiTasks tasks = new UiTasks(pool, Runnable::run);
        AtomicBoolean ran = new AtomicBoolean();
        AtomicInteger cancelled = new AtomicInteger();
        SimpleBooleanProperty busy = new SimpleBooleanProperty();

        UiTasks.Handle handle = tasks.run(() -> ran.set(true))
                .trackBusy(busy)
                .onCancelled(cancelled::incrementAndGet)
                .start();

        assertThat(ran).isFalse();
        assertThat(cancelled).hasValue(1);
        assertThat(busy.get()).isFalse();
        assertThat(handle.isDone()).isTrue();
        handle.cancel();
        assertThat(cancelled).as("settled once").hasValue(1);
    }
}
