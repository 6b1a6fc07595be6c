package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.db.Database;
import io.obitox.testing.TestPaths;
import java.lang.reflect.Field;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the group commit does with a change that throws an {@link Error} (an assertion, in H2 or in a change): only that
 * change's caller gets it, nothing of it is committed, the others of its group are committed, and the writer goes on.
 * Before, the Error ended the writer thread while it was still registered, so every later write waited for ever.
 */
class GroupCommitTest {

    private static int sum(Database db) {
        return db.query(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COALESCE(SUM(v), 0) FROM t")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Changes queued for the writer (its private queue, read so that the test can form a group for sure). */
    private static int waiting(GroupCommit group) throws ReflectiveOperationException {
        Field f = GroupCommit.class.getDeclaredField("waiting");
        f.setAccessible(true);
        return ((java.util.Collection<?>) f.get(group)).size();
    }

    @Test
    void anErrorInOneChangeFailsOnlyThatChangeAndTheWriterGoesOn() throws Exception {
        try (Database db = Database.open(TestPaths.newDir("group-commit-error").resolve("db"), Clock.systemUTC())) {
            db.update(c -> c.createStatement().executeUpdate("CREATE TABLE t (v INT)"));
            GroupCommit group = new GroupCommit(db);

            assertThatThrownBy(() -> group.write(c -> {
                        c.createStatement().executeUpdate("INSERT INTO t VALUES (1000)");
                        throw new AssertionError("half way");
                    }))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("half way");
            assertThat(sum(db)).as("nothing of the failed change").isZero();

            // one group of 39 changes, one of which throws: a first change holds the writer until the 39 are waiting
            CountDownLatch hold = new CountDownLatch(1);
            CountDownLatch holding = new CountDownLatch(1);
            ExecutorService callers = Executors.newFixedThreadPool(40);
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(
                    () -> group.write(c -> {
                        holding.countDown();
                        try {
                            hold.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return 0;
                    }),
                    callers);
            // the others only once the writer is inside the first (else, on a loaded machine, all 40 can arrive before
            // the writer starts and form one group with the first)
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Object>> writes = new ArrayList<>();
            for (int i = 1; i <= 39; i++) {
                int v = i;
                writes.add(CompletableFuture.supplyAsync(
                                () -> group.write(c -> {
                                    c.createStatement().executeUpdate("INSERT INTO t VALUES (" + v + ")");
                                    if (v == 20) {
                                        throw new AssertionError("change 20");
                                    }
                                    return v;
                                }),
                                callers)
                        .handle((r, e) -> e == null ? r : e.getCause()));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (waiting(group) < 39 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(waiting(group)).as("changes waiting behind the first").isEqualTo(39);
            hold.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isZero();
            List<Object> outcomes = new ArrayList<>();
            for (CompletableFuture<Object> w : writes) {
                outcomes.add(w.get(30, TimeUnit.SECONDS));
            }
            callers.shutdown();
            assertThat((Throwable) outcomes.get(19))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("change 20");
            assertThat(outcomes.stream().filter(o -> o instanceof Throwable)).hasSize(1);
            assertThat(sum(db)).as("every change but the failed one").isEqualTo(39 * 40 / 2 - 20);

            // and the writer still writes
            int inserted = group.write(c -> c.createStatement().executeUpdate("INSERT INTO t VALUES (5000)"));
            assertThat(inserted).isEqualTo(1);
            assertThat(sum(db)).isEqualTo(39 * 40 / 2 - 20 + 5000);
        }
    }
}
