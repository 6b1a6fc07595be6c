package io.obitox.db;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes, right after the database opens, the commits that a killed process had begun and H2 2.5.252 leaves half
 * done.
 *
 * <p>Why: H2 marks a transaction committed in its undo log, then turns each of its changes into a committed value, then
 * drops the log. When the process dies in between and that state reached the file, the next open restores the
 * transaction as COMMITTED and {@code TransactionStore.endLeftoverTransactions} calls its {@code commit()}; but in
 * 2.5.252 {@code Transaction.commit} finishes (and closes) only a transaction that was still active, and COMMITTED does
 * not count, so it does neither. The transaction stays registered for the life of the process with its changes
 * unfinished: readers see the values from before it (a commit that had returned is lost from view), and the first
 * write to one of its rows spins for ever in {@code TransactionMap.set}, whose wait for the blocking transaction
 * returns at once for one that is no longer active. A restart after a kill during a group commit hung so in CI and in
 * one of 41 repeated local runs ({@code GroupCommitKillTest}); a copy of that file, opened by plain H2, shows it.
 *
 * <p>What it does: for each such transaction (COMMITTED, restored from the file, so owned by no session, and not being
 * committed by anyone), what H2's own commit does for a recovered one: {@code TransactionStore.commit(t, true)}
 * (changes made committed, log dropped; 2.3.232's commit still did this) and {@code endTransaction} (slot freed). Both are
 * package-private, hence reflection; H2's version is pinned, and {@code LeftoverCommitsTest} breaks if they move. What
 * makes it safe is the owner: every transaction a session begins carries that session's id (from 1), and only those
 * restored from the file have none, so a live transaction, of this process or of another one connected through
 * AUTO_SERVER, is never touched. It runs at this JVM's first open of the file, before the app's own sessions start.
 *
 * <p>Not covered: a process connected to another's file through AUTO_SERVER that reopens the file itself when that
 * process is killed (H2's auto-reconnect, inside the driver) gets no call here; it meets such a transaction only if the
 * kill came in the middle of a commit, and the next start of any ObitoX process finishes it. Worth dropping once H2's
 * commit finishes a recovered transaction again.
 */
final class LeftoverCommits {
    private static final Logger log = LoggerFactory.getLogger(LeftoverCommits.class);

    private LeftoverCommits() {}

    /** Finishes the half-done commits restored in the database {@code c} is connected to; returns how many. */
    static int finish(Connection c) throws SQLException {
        Session session = c.unwrap(JdbcConnection.class).getSession();
        if (!(session instanceof SessionLocal local)) {
            return 0; // through AUTO_SERVER: the process that opened the file has done it
        }
        TransactionStore store = local.getDatabase().getStore().getTransactionStore();
        int finished = 0;
        try {
            Method commit = TransactionStore.class.getDeclaredMethod("commit", Transaction.class, boolean.class);
            Method end = TransactionStore.class.getDeclaredMethod("endTransaction", Transaction.class, boolean.class);
            Field owner = Transaction.class.getDeclaredField("ownerId");
            commit.setAccessible(true);
            end.setAccessible(true);
            owner.setAccessible(true);
            for (Transaction t : store.getOpenTransactions()) {
                // a live session's transaction has its session as owner; one restored from the file has none
                if (t.getStatus() != Transaction.STATUS_COMMITTED || owner.getInt(t) != 0) {
                    continue;
                }
                commit.invoke(store, t, true);
                end.invoke(store, t, true);
                finished++;
                log.info("Finished a commit the last run had begun before it stopped (H2 transaction {})", t.getId());
            }
        } catch (InvocationTargetException e) {
            // H2 itself failed (a full disk, a damaged file): the open fails with it, as it would in H2's own commit
            throw new SQLException("Could not finish a commit the last run had begun", e.getCause());
        } catch (ReflectiveOperationException e) {
            // another H2 than the pinned one: its open is left as it is (and the test of this class fails)
            log.warn("Could not finish the commits a killed run had begun: {}", e.toString());
        }
        return finished;
    }
}
