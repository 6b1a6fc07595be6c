package io.obitox.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.h2.jdbcx.JdbcConnectionPool;

/** The first connection of {@link Database}'s pool, bounded in time: see {@link #open}. */
final class FirstConnection {
    private FirstConnection() {}

    /**
     * The pool's first connection, within the bound of {@code waiting}. When another process serves the file
     * (AUTO_SERVER) and does not answer, H2 waits on its socket for minutes without a word; the connection is made on
     * a daemon thread so this one can say what it waits for and give up. A connection that comes after giving up is
     * closed with the pool.
     */
    static Connection open(JdbcConnectionPool pool, Path directory, Path storeFile, Database.Waiting waiting)
            throws SQLException {
        CompletableFuture<Connection> connecting = new CompletableFuture<>();
        Thread connector = new Thread(
                () -> {
                    try {
                        Connection c = pool.getConnection();
                        if (!connecting.complete(c)) {
                            closeQuietly(c);
                            pool.dispose();
                        }
                    } catch (Throwable t) {
                        connecting.completeExceptionally(t);
                    }
                },
                "obitox-db-connect");
        connector.setDaemon(true);
        connector.start();
        try {
            try {
                return connecting.get(waiting.noticeAfter().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException slow) {
                Optional<ProcessHandle> holder = DatabaseHolder.find(storeFile);
                String giveUp = " (giving up after " + waiting.giveUpAfter().toSeconds() + " s).";
                waiting.notice()
                        .accept(
                                holder.isPresent()
                                        ? "Waiting for the ObitoX database in " + directory + ": it is held by "
                                                + DatabaseHolder.describe(holder) + ", which has not answered yet"
                                                + giveUp
                                        : "Waiting for the ObitoX database in " + directory
                                                + " to open: another process may" + " hold it and not answer" + giveUp);
                long rest = waiting.giveUpAfter().minus(waiting.noticeAfter()).toMillis();
                try {
                    return connecting.get(Math.max(0, rest), TimeUnit.MILLISECONDS);
                } catch (TimeoutException stuck) {
                    if (connecting.cancel(false)) {
                        throw DatabaseErrors.notAnswering(directory, holder, waiting.giveUpAfter());
                    }
                    return connecting.get(); // it answered at the last moment
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while opening the database", e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // given up on already
        }
    }
}
