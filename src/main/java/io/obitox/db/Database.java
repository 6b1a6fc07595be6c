package io.obitox.db;

import io.obitox.common.ObitoxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded H2 database in the app home, schema managed by Flyway migrations in {@code db/migration}.
 *
 * <p>Opened in AUTO_SERVER mode so that the CLI can work while the GUI holds the file: the first process serves the
 * others over a loopback-only TCP port. A damaged file (corrupt, or a format this version cannot read) is moved aside
 * and a fresh database is created; {@link #recoveryNotice()} tells the UI what happened. A file that is in use by a
 * process that does not share it, that the user may not access, or whose holder does not answer is never touched:
 * opening fails with the reason and the fix.
 *
 * <p>Thread-safe: connections come from a pool; {@link #inTransaction} runs a unit of work on one connection.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final String FILE_NAME = "obitox";
    static final String USER = "obitox";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    static {
        // AUTO_SERVER opens a TCP port for other local processes; it must never listen beyond loopback.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    private static final long COMPACT_MILLIS = 500;
    /** Store files this JVM has open through a Database (any count of them), which StoreRecovery must not touch. */
    private static final Map<Path, Integer> OPEN_HERE = new ConcurrentHashMap<>();

    private final Path directory;
    private final JdbcConnectionPool pool;
    /** True when this close compacts (and so touches the marker). Set once by open, before the object is shared. */
    private boolean compactsAtClose = true;

    private Clock closedAt = Clock.systemUTC();
    /** See {@link Compaction#rewriteIfMostlyDead}; lowered by tests only, before the object is shared. */
    long rewriteFromBytes = Compaction.REWRITE_FROM_BYTES;

    private final String recoveryNotice;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set once a write failed for lack of space; read by every thread that translates a later failure. */
    private volatile boolean diskFullSeen;

    private final java.util.Set<HeldConnection> held = ConcurrentHashMap.newKeySet();

    private Database(Path directory, JdbcConnectionPool pool, String recoveryNotice) {
        this.directory = directory;
        this.pool = pool;
        this.recoveryNotice = recoveryNotice;
    }

    /** The file beside the database folder (in the app home) that holds the database user's password. */
    public static final String PASSWORD_FILE = "db.password";

    /** System property: seconds to wait for another process that holds the database (default 20). */
    public static final String WAIT_PROPERTY = "obitox.database.waitSeconds";

    /**
     * How long to wait for a process that holds the database and does not answer (e.g. a window stopped with
     * SIGSTOP): after {@code noticeAfter} one line says what it waits for; after {@code giveUpAfter} opening fails.
     * {@code notice} is called on the opening thread.
     */
    public record Waiting(Duration noticeAfter, Duration giveUpAfter, Consumer<String> notice) {
        /** A notice after a second, giving up after {@link #WAIT_PROPERTY} seconds (20 unless set). */
        public static Waiting standard(Consumer<String> notice) {
            long seconds = Long.getLong(WAIT_PROPERTY, 20);
            return new Waiting(Duration.ofSeconds(1), Duration.ofSeconds(Math.max(2, seconds)), notice);
        }
    }

    /** Opens (creating or migrating) the database in {@code directory}; a wait for another process is logged. */
    public static Database open(Path directory, Clock clock) {
        return open(directory, clock, Waiting.standard(log::warn));
    }

    /**
     * Opens (creating or migrating) the database in {@code directory}. A damaged file is moved aside and a fresh
     * database made; a file in use by another process, not accessible, or held by a process that does not answer
     * within {@code waiting} fails with an {@link ObitoxException} and is left as it was.
     */
    public static Database open(Path directory, Clock clock, Waiting waiting) {
        return open(directory, clock, waiting, Compaction.EVERY_CLOSE);
    }

    /** As {@link #open(Path, Clock, Waiting)}, compacting at close as {@code compaction} says. */
    public static Database open(Path directory, Clock clock, Waiting waiting, Compaction compaction) {
        return open(directory, clock, waiting, compaction, PageCache.WINDOW);
    }

    /** As {@link #open(Path, Clock, Waiting, Compaction)}, with the page cache {@code cache}. */
    public static Database open(Path dir, Clock clock, Waiting waiting, Compaction compaction, PageCache cache) {
        boolean compact = compaction.compactsThisTime(dir, clock);
        Database db = openDatabase(dir, clock, waiting, compact ? COMPACT_MILLIS : 0, cache);
        db.compactsAtClose = compact;
        db.closedAt = clock;
        return db;
    }

    private static Database openDatabase(
            Path directory, Clock clock, Waiting waiting, long compactMillis, PageCache cache) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ObitoxException(
                    "DATABASE_UNUSABLE",
                    "Cannot create the database folder " + directory + ".",
                    "Check the permissions of the app home, or choose another with --home.",
                    e);
        }
        Path store = storeFile(directory);
        if (!Files.isWritable(directory)
                || (Files.exists(store) && !(Files.isReadable(store) && Files.isWritable(store)))) {
            // H2 would open such a file read-only, which AUTO_SERVER refuses with words about its own settings
            throw DatabaseErrors.accessDenied(directory, null);
        }
        try {
            return new Database(directory, connectAndMigrate(directory, waiting, compactMillis, cache), null);
        } catch (ObitoxException notAnswering) {
            throw notAnswering;
        } catch (RuntimeException | SQLException first) {
            // Moving the file aside is only for damage: under a live process (in use, or a stopped window) it would
            // hide the user's data behind a fresh database while the other process goes on writing the old one.
            if (DatabaseErrors.isDiskFull(first)) {
                throw DatabaseErrors.diskFullAtStart(directory, first);
            }
            if (DatabaseErrors.isInUse(first)) {
                throw DatabaseErrors.inUse(directory, DatabaseHolder.find(storeFile(directory)), first);
            }
            if (DatabaseErrors.isAccessDenied(first)) {
                throw DatabaseErrors.accessDenied(directory, first);
            }
            if (!DatabaseErrors.isDamaged(first)) {
                throw DatabaseErrors.cannotOpen(directory, DatabaseErrors.describe(first), first);
            }
            log.warn("Database in {} is damaged; moving it aside", directory, first);
            Map<Path, Path> moved = moveAside(directory, clock);
            try {
                Path shown = moved.values().stream()
                        .filter(p -> p.getFileName().toString().startsWith(FILE_NAME + ".mv.db"))
                        .findFirst()
                        .orElse(
                                moved.isEmpty()
                                        ? directory
                                        : moved.values().iterator().next());
                String notice = "The database could not be opened (" + DatabaseErrors.describe(first)
                        + "). It was moved aside to " + shown
                        + " and ObitoX started with a fresh one. Profiles and transfer history start empty.";
                return new Database(directory, connectAndMigrate(directory, waiting, compactMillis, cache), notice);
            } catch (RuntimeException | SQLException second) {
                // A fresh database cannot be made here either: put the old files back, so nothing is lost.
                restore(directory, moved);
                if (DatabaseErrors.isDiskFull(second)) {
                    throw DatabaseErrors.diskFullAtStart(directory, second);
                }
                throw new ObitoxException(
                        "DATABASE_UNUSABLE",
                        "The database in " + directory + " cannot be created: " + DatabaseErrors.describe(second) + ".",
                        "Check free disk space and the permissions of the app home, or choose another with --home.",
                        second);
            }
        }
    }

    // WRITE_DELAY=0: a commit reaches the file before the call returns, so a kill -9 right after a part was recorded
    // cannot lose it (H2 otherwise batches commits for up to half a second). MAX_COMPACT_TIME: see Compaction (it
    // applies when this process owns the file; a process that reaches it through AUTO_SERVER closes only its
    // connections).
    private static JdbcConnectionPool connectAndMigrate(
            Path directory, Waiting waiting, long compactMillis, PageCache cache) throws SQLException {
        String url = "jdbc:h2:file:" + directory.resolve(FILE_NAME).toAbsolutePath()
                + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000;MAX_COMPACT_TIME=" + compactMillis;
        Path passwordFile = directory.resolveSibling(PASSWORD_FILE);
        boolean hadPassword = Files.exists(passwordFile);
        String password;
        try {
            password = DatabasePassword.readOrCreate(passwordFile);
        } catch (IOException e) {
            throw DatabaseErrors.passwordUnreadable(passwordFile, e);
        }
        // After a kill H2's own open can miss the last commits (StoreRecovery says why): recover them first, and
        // finish the commits it left half done (LeftoverCommits). Not when this JVM has the file open: closing a second
        // channel on it, even one that failed to lock it, can drop this process's (POSIX) lock on it.
        Path store = storeFile(directory).toAbsolutePath().normalize();
        boolean firstHere = !OPEN_HERE.containsKey(store);
        if (firstHere) {
            StaleLockFile.clearIfHolderGone(directory, FILE_NAME);
            StoreRecovery.afterUncleanShutdown(store);
        }
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, USER, password);
        pool.setMaxConnections(16);
        try {
            int applied;
            try (Connection c = DatabasePassword.login(pool, url, password, directory, waiting, hadPassword)) {
                if (c.isValid(5) && firstHere) LeftoverCommits.finish(c);
                cache.apply(c);
                applied = Migrations.appliedVersion(c);
            }
            // Flyway costs about a second of class loading at every start; run it only when a migration is due.
            if (applied < Migrations.LATEST) {
                Flyway.configure()
                        .dataSource(pool)
                        .locations("classpath:" + Migrations.LOCATION)
                        .loggers("slf4j")
                        .load()
                        .migrate();
            }
            restrictFiles(directory);
            OPEN_HERE.merge(store, 1, Integer::sum);
            return pool;
        } catch (RuntimeException | SQLException e) {
            pool.dispose();
            throw e;
        }
    }

    static Path storeFile(Path directory) {
        return directory.resolve(FILE_NAME + ".mv.db");
    }

    private static void restrictFiles(Path directory) {
        try (var files = Files.list(directory)) {
            for (Path f : files.toList()) {
                try {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException | IOException ignored) {
                    // not a POSIX file system; the folder itself is private
                }
            }
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** Renames every file of the database to {@code NAME.broken-STAMP}; returns original → new name. */
    private static Map<Path, Path> moveAside(Path directory, Clock clock) {
        Map<Path, Path> moved = new LinkedHashMap<>();
        String suffix = ".broken-" + STAMP.format(clock.instant());
        try {
            for (Path f : databaseFiles(directory)) {
                Path target = f.resolveSibling(f.getFileName() + suffix);
                Files.move(f, target, StandardCopyOption.REPLACE_EXISTING);
                moved.put(f, target);
            }
        } catch (IOException e) {
            log.warn("Could not move the broken database aside", e);
        }
        return moved;
    }

    /** Undoes {@link #moveAside}: drops what the failed fresh start left and renames the old files back. */
    private static void restore(Path directory, Map<Path, Path> moved) {
        try {
            for (Path f : databaseFiles(directory)) {
                Files.deleteIfExists(f);
            }
            for (Map.Entry<Path, Path> e : moved.entrySet()) {
                Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.warn("Could not move the database files back from {}", moved.values(), e);
        }
    }

    private static List<Path> databaseFiles(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().startsWith(FILE_NAME + "."))
                    .filter(p -> !p.getFileName().toString().contains(".broken-"))
                    .toList();
        }
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Runs {@code work} in one transaction; commits when it returns, rolls back when it throws. */
    public <T> T inTransaction(SqlFunction<Connection, T> work) {
        try (Connection c = pool.getConnection()) {
            return HeldConnection.transaction(c, work);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** A connection to keep across transactions ({@link HeldConnection}); released at {@link #close} at the latest. */
    public HeldConnection hold() {
        HeldConnection h = new HeldConnection(this);
        held.add(h);
        return h;
    }

    /** Runs {@code work} with an auto-commit connection. */
    public <T> T query(SqlFunction<Connection, T> work) {
        try (Connection c = pool.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    public void update(SqlConsumer<Connection> work) {
        query(c -> {
            work.accept(c);
            return null;
        });
    }

    ObitoxException translate(SQLException e) {
        ObitoxException x = DatabaseErrors.translate(e, diskFullSeen);
        if (x.code().equals("DISK_FULL")) {
            diskFullSeen = true;
        }
        return x;
    }

    public Path directory() {
        return directory;
    }

    /** A sentence for the user when the database had to be recreated at start, otherwise empty. */
    public Optional<String> recoveryNotice() {
        return Optional.ofNullable(recoveryNotice);
    }

    /** Checkpoints and closes the pool. Idempotent: a second call (e.g. from a shutdown hook) does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        held.forEach(HeldConnection::release); // else H2 would keep the database open for them past this close
        boolean ownsFileAndCheckpointed = false;
        Path store = storeFile(directory).toAbsolutePath().normalize();
        try (Connection c = pool.getConnection()) {
            c.createStatement().execute("CHECKPOINT");
            // through AUTO_SERVER another process owns the file: this close compacts nothing
            ownsFileAndCheckpointed =
                    !c.unwrap(JdbcConnection.class).getSession().isRemote();
            // not under another Database of the JVM or a working thread (Ctrl-C); the new file has default modes
            if (ownsFileAndCheckpointed
                    && OPEN_HERE.getOrDefault(store, 0) <= 1
                    && pool.getActiveConnections() == 1
                    && Compaction.rewriteIfMostlyDead(c, rewriteFromBytes)) {
                restrictFiles(directory);
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("checkpoint on close failed", e);
        }
        pool.dispose();
        OPEN_HERE.computeIfPresent(store, (k, n) -> n > 1 ? n - 1 : null);
        if (compactsAtClose && ownsFileAndCheckpointed) {
            Compaction.compacted(directory, closedAt);
        }
    }

    /** A function over a JDBC connection that may throw {@link SQLException}. */
    @FunctionalInterface
    public interface SqlFunction<A, R> {
        R apply(A a) throws SQLException;
    }

    /** A consumer of a JDBC connection that may throw {@link SQLException}. */
    @FunctionalInterface
    public interface SqlConsumer<A> {
        void accept(A a) throws SQLException;
    }
}
