package io.obitox.transfer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The engine's scheduling: which transfers wait (in queue order), which are being launched, which run, who waits for
 * them to settle, and the dispatcher loop that admits them. A transfer is "busy" while it is in any of the three.
 *
 * <p>Threading: every field is guarded by one monitor, {@code lock}; every change signals it (waking the dispatcher
 * and {@link #awaitSettled} callers) and settles the {@link #whenSettled} futures, which complete on the common pool,
 * never under the lock. The running jobs map is a concurrent map so {@link LiveSnapshots} and the control calls may
 * read it without the lock; it is only changed under the lock.
 */
final class TransferQueue {
    private final Object lock = new Object();
    private final LinkedHashSet<String> queue = new LinkedHashSet<>();
    /** Taken off the queue but not yet running: counted as busy so waiters do not see a gap. */
    private final LinkedHashSet<String> launching = new LinkedHashSet<>();

    private final Map<String, UploadJob> active;
    private final Map<String, List<CompletableFuture<Void>>> settleWaiters = new HashMap<>();

    /** @param active the running jobs by transfer id (a concurrent map, also read by {@link LiveSnapshots}) */
    TransferQueue(Map<String, UploadJob> active) {
        this.active = active;
    }

    void add(String id) {
        synchronized (lock) {
            queue.add(id);
            changedLocked();
        }
    }

    /** Queues the QUEUED ones of {@code transfers} (in order) and runs {@code alsoUnderLock} before waking waiters. */
    void addAll(Collection<Transfer> transfers, Runnable alsoUnderLock) {
        synchronized (lock) {
            for (Transfer t : transfers) {
                if (t.state() == TransferState.QUEUED) {
                    queue.add(t.id());
                }
            }
            alsoUnderLock.run();
            changedLocked();
        }
    }

    /** Takes {@code id} off the queue (it stays busy if it is launching or running); waiters are not woken. */
    void remove(String id) {
        synchronized (lock) {
            queue.remove(id);
        }
    }

    List<String> queued() {
        synchronized (lock) {
            return new ArrayList<>(queue);
        }
    }

    UploadJob job(String id) {
        return active.get(id);
    }

    Collection<UploadJob> jobs() {
        return active.values();
    }

    boolean running(String id) {
        return active.containsKey(id);
    }

    /**
     * Blocks the dispatcher until a queued transfer may start (fewer than {@code maxActive} running or launching),
     * then moves it from the queue to launching; null once {@code closed}.
     */
    private String takeNext(IntSupplier maxActive, BooleanSupplier closed) throws InterruptedException {
        synchronized (lock) {
            while (!closed.getAsBoolean()
                    && (queue.isEmpty() || active.size() + launching.size() >= maxActive.getAsInt())) {
                lock.wait();
            }
            if (closed.getAsBoolean()) {
                return null;
            }
            String id = queue.iterator().next();
            queue.remove(id);
            launching.add(id);
            return id;
        }
    }

    /**
     * The dispatcher's loop: takes queued ids in order as admission allows and hands each to {@code launch} on
     * {@code coordinators}; returns once closed (a transfer it could not hand over stays queued in the database for
     * the next start). The claim, the reload and the first events are database commits, so they run on the
     * transfer's own thread: many small files start in parallel instead of one commit after another here.
     */
    void dispatch(Executor coordinators, Consumer<String> launch, IntSupplier maxActive, BooleanSupplier closed) {
        while (!closed.getAsBoolean()) {
            String id;
            try {
                id = takeNext(maxActive, closed);
            } catch (InterruptedException e) {
                return;
            }
            if (id == null) {
                return;
            }
            try {
                coordinators.execute(() -> launch.accept(id));
            } catch (RejectedExecutionException shuttingDown) {
                launchEnded(id);
                return;
            }
        }
    }

    /** The launched transfer's job runs now (still counted as launching until {@link #launchEnded}). */
    void started(String id, UploadJob job) {
        synchronized (lock) {
            active.put(id, job);
        }
    }

    void launchEnded(String id) {
        synchronized (lock) {
            launching.remove(id);
            changedLocked();
        }
    }

    /** {@code job} ended; {@code alsoUnderLock} runs before waiters wake (so they see its last snapshot). */
    void ended(String id, UploadJob job, Runnable alsoUnderLock) {
        synchronized (lock) {
            active.remove(id, job); // a restarted run of the same transfer may already be active
            alsoUnderLock.run();
            changedLocked();
        }
    }

    boolean isBusy() {
        synchronized (lock) {
            return !queue.isEmpty() || !launching.isEmpty() || !active.isEmpty();
        }
    }

    boolean allSettled(Collection<String> ids) {
        synchronized (lock) {
            return firstBusyLocked(List.copyOf(ids)) < 0;
        }
    }

    /**
     * Waits until none of {@code ids} is busy, or the timeout passes; true when all settled. Sleeps on the lock,
     * which every change signals, and walks the ids once per wake-up from the first one still busy, so waiting for N
     * transfers costs O(N) in all, not per change; a last full pass confirms none went back to the queue meanwhile.
     * Registers nothing: safe to call in a loop.
     */
    boolean awaitSettled(Collection<String> ids, Duration timeout) throws InterruptedException {
        List<String> list = List.copyOf(ids);
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        int next = 0;
        synchronized (lock) {
            while (true) {
                while (next < list.size() && !busyLocked(list.get(next))) {
                    next++;
                }
                if (next == list.size()) {
                    int busy = firstBusyLocked(list);
                    if (busy < 0) {
                        return true;
                    }
                    next = busy;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }

    /** Completes (on the common pool) once {@code id} is not busy; at once when it is not busy now. */
    CompletableFuture<Void> whenSettled(String id) {
        synchronized (lock) {
            if (!busyLocked(id)) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            settleWaiters.computeIfAbsent(id, k -> new ArrayList<>()).add(f);
            return f;
        }
    }

    int settleWaiterCount() {
        synchronized (lock) {
            return settleWaiters.values().stream().mapToInt(List::size).sum();
        }
    }

    /** Wakes the dispatcher and the waiters (settings changed, closing, or a transfer left the queue). */
    void changed() {
        synchronized (lock) {
            changedLocked();
        }
    }

    private int firstBusyLocked(List<String> ids) {
        for (int i = 0; i < ids.size(); i++) {
            if (busyLocked(ids.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private boolean busyLocked(String id) {
        return queue.contains(id) || launching.contains(id) || active.containsKey(id);
    }

    private void changedLocked() {
        lock.notifyAll();
        if (settleWaiters.isEmpty()) {
            return;
        }
        var it = settleWaiters.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (!busyLocked(e.getKey())) {
                e.getValue().forEach(f -> f.completeAsync(() -> null));
                it.remove();
            }
        }
    }
}
