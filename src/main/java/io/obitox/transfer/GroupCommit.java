package io.obitox.transfer;

import io.obitox.db.Database;
import io.obitox.db.Database.SqlFunction;
import io.obitox.db.HeldConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes the state changes of many transfers in one transaction. Callers hand their change to one writer thread,
 * which takes whatever is waiting (at most {@link #MAX_GROUP} changes), runs each under its own savepoint in a single
 * transaction and commits once. With {@code WRITE_DELAY=0} every commit stores to the database file, so when many
 * small files finish together this saves a store per change. A change that finds the writer idle is committed at
 * once; while changes stream in, the writer waits up to {@link #LINGER} for company, so a change's delay is bounded by
 * that plus one commit of the group before it.
 *
 * <p>Durability: {@link #write} returns only after the commit that holds its change, so a kill -9 loses no change a
 * caller was told about — only changes still waiting, whose callers never went on (the part or outcome they record
 * is reconciled with the server at resume). A change that fails is rolled back to its savepoint alone and then run
 * again on its own, so it fails (or succeeds) exactly as it would without grouping, with the same error.
 *
 * <p>Threading: {@link #write} may be called from any thread but the writer itself (a change must not write through
 * this object again). The writer thread starts on demand and ends after a second without work, so an idle
 * repository holds no thread. While it runs it keeps one database connection ({@link HeldConnection}: H2 then parses
 * the few statements of the changes once, not once per group), given back when it ends.
 */
final class GroupCommit {
    static final int MAX_GROUP = 256;
    /**
     * While changes come in a stream (a commit ended less than {@link #BUSY} ago), the writer waits up to this long for
     * more before committing. Every commit stores a new chunk of the database file holding each index page it changed
     * (tens of KB); with many small files finishing, groups were mostly 1-3 changes, about one commit per file: a
     * 100,000-file upload wrote 3 GB to the file. A change that finds the writer idle is still committed at once.
     */
    static final long LINGER = TimeUnit.MILLISECONDS.toNanos(3);

    static final long BUSY = TimeUnit.MILLISECONDS.toNanos(20);
    /** Groups this large are committed without waiting. */
    static final int ENOUGH = 32;

    private final Database db;
    /** The writer's connection, kept from group to group; only the writer thread uses it. */
    private final HeldConnection held;

    private final BlockingQueue<Change<?>> waiting = new LinkedBlockingQueue<>();
    private final Object threadLock = new Object();
    private volatile Thread writer;
    /** When the writer's last commit ended (System.nanoTime); writer thread only. */
    private long lastCommit = System.nanoTime() - BUSY;

    GroupCommit(Database db) {
        this.db = db;
        this.held = db.hold();
    }

    private static final class Change<T> {
        final SqlFunction<Connection, T> work;
        final CompletableFuture<T> done = new CompletableFuture<>();
        boolean failedInGroup;

        Change(SqlFunction<Connection, T> work) {
            this.work = work;
        }
    }

    /** Runs {@code work} in a group transaction; returns its result once that transaction has committed. */
    <T> T write(SqlFunction<Connection, T> work) {
        if (Thread.currentThread() == writer) {
            throw new IllegalStateException("a grouped change must not write through the group again");
        }
        Change<T> change = new Change<>(work);
        waiting.add(change);
        ensureWriter();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return change.done.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the change is in the queue: its outcome must be known before returning
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void ensureWriter() {
        synchronized (threadLock) {
            if (writer == null) {
                writer = new Thread(this::run, "transfer-group-commit");
                writer.setDaemon(true);
                writer.start();
            }
        }
    }

    private void run() {
        List<Change<?>> group = new ArrayList<>();
        while (true) {
            Change<?> first;
            try {
                first = waiting.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                synchronized (threadLock) {
                    if (waiting.isEmpty()) {
                        held.release(); // before a new writer can start and take it
                        writer = null; // the next write starts a new writer
                        return;
                    }
                }
                continue;
            }
            group.clear();
            group.add(first);
            waiting.drainTo(group, MAX_GROUP - 1);
            if (System.nanoTime() - lastCommit < BUSY) {
                gather(group);
            }
            commit(group);
            lastCommit = System.nanoTime();
        }
    }

    /** Adds changes that arrive within {@link #LINGER}, until the group has {@link #ENOUGH}. */
    private void gather(List<Change<?>> group) {
        long deadline = System.nanoTime() + LINGER;
        while (group.size() < ENOUGH) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Change<?> more;
            try {
                more = waiting.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return; // commit what is there
            }
            if (more == null) {
                return;
            }
            group.add(more);
            waiting.drainTo(group, MAX_GROUP - group.size());
        }
    }

    private void commit(List<Change<?>> group) {
        List<Object> results = new ArrayList<>(group.size());
        List<Change<?>> threw = new ArrayList<>(1); // the change whose work threw an Error, if one did
        try {
            held.inTransaction(c -> {
                for (Change<?> change : group) {
                    Savepoint sp = c.setSavepoint();
                    try {
                        results.add(change.work.apply(c));
                    } catch (SQLException | RuntimeException e) {
                        c.rollback(sp);
                        change.failedInGroup = true;
                        results.add(null);
                    } catch (Error e) {
                        threw.add(change);
                        throw e;
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            for (Change<?> change : group) {
                change.done.completeExceptionally(e); // nothing of the group was committed
            }
            return;
        } catch (Error e) {
            // The writer goes on either way: a writer that died here would leave every later write waiting for ever
            // (a new one starts only when none is set). From a change's work: the group was rolled back (HeldConnection
            // rolls back on an Error too), that change gets the Error and the others run again alone. From the commit
            // itself: whether it reached the file is not known, so nothing is run again and every caller is told.
            for (Change<?> change : group) {
                if (threw.isEmpty() || threw.contains(change)) {
                    change.done.completeExceptionally(e);
                } else {
                    change.failedInGroup = true;
                    complete(change, null);
                }
            }
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            complete(group.get(i), results.get(i));
        }
    }

    @SuppressWarnings("unchecked")
    private <T> void complete(Change<T> change, Object result) {
        if (!change.failedInGroup) {
            change.done.complete((T) result);
            return;
        }
        try {
            change.done.complete(db.inTransaction(change.work)); // alone, for its own (translated) error
        } catch (RuntimeException | Error e) {
            change.done.completeExceptionally(e);
        }
    }
}
