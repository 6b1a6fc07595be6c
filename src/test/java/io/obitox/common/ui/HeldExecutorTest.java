package io.obitox.common.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class HeldExecutorTest {
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final HeldExecutor held = new HeldExecutor(Runnable::run);

    @Test
    void holdsTasksUntilOpenedThenRunsThemInOrderOfArrival() {
        held.execute(() -> ran.add("first"));
        held.execute(() -> ran.add("second"));
        assertThat(ran).isEmpty();

        held.open();

        assertThat(ran).containsExactly("first", "second");
    }

    @Test
    void passesLaterTasksStraightThroughAndOpeningTwiceRunsNothingAgain() {
        held.execute(() -> ran.add("held"));
        held.open();
        held.execute(() -> ran.add("later"));
        held.open();

        assertThat(ran).containsExactly("held", "later");
    }

    @Test
    void tasksArrivingFromOtherThreadsWhileOpeningAreNeitherLostNorRunTwice() throws InterruptedException {
        HeldExecutor pool = new HeldExecutor(Runnable::run);
        Thread[] senders = new Thread[4];
        for (int t = 0; t < senders.length; t++) {
            int id = t;
            senders[t] = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    String name = id + ":" + i;
                    pool.execute(() -> ran.add(name));
                }
            });
            senders[t].start();
        }
        pool.open();
        for (Thread s : senders) {
            s.join(10_000);
        }

        assertThat(ran).hasSize(2000).doesNotHaveDuplicates();
    }
}
