package io.obitox.db;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the lock file H2 left behind when the process that held the database was killed, so that the next start
 * does not wait for it.
 *
 * <p>Why: in AUTO_SERVER mode H2 locks by a cooperative lock file ({@code obitox.lock.db}). A killed holder leaves it,
 * and the next open cannot tell a dead holder from a live one at once: it waits until the file is two seconds old,
 * writes it, sleeps another two seconds and looks whether a holder's watchdog answered. That is 2–4 s of every start
 * after a crash or kill -9, with a "another process may hold it" notice the user cannot act on.
 *
 * <p>The lock file names the holder's AUTO_SERVER port. The holder is known to be gone when both hold: that port
 * refuses a connection (it is open as long as the holder has the database open), and no process holds the store
 * file's own OS lock (H2 holds it until the store is closed; the kernel drops it when a process dies). Anything else
 * (no port written yet, a port that answers or does not answer in time, the store locked) leaves the file to H2's own
 * protocol. The look and the delete happen under an OS lock on a file of our own, so two processes starting together
 * cannot both decide and one delete the lock the other has just made.
 *
 * <p>Threading: called by {@link Database} before it opens the database, only when this JVM does not have the store
 * open (taking and releasing a second lock on a file this JVM holds would drop the JVM's own POSIX lock on it).
 * Concurrent calls in one JVM are serialised by the class lock.
 */
final class StaleLockFile {
    private static final Logger log = LoggerFactory.getLogger(StaleLockFile.class);
    /** A refused connection on loopback comes back at once; a port that does not answer is not taken for dead. */
    private static final int CONNECT_TIMEOUT_MILLIS = 500;

    private StaleLockFile() {}

    /**
     * Deletes the lock file of database {@code name} in {@code directory} if the process that wrote it is gone; true
     * if it did. {@code NAME.open.lock} beside it is the file whose OS lock serialises this check between processes.
     */
    static synchronized boolean clearIfHolderGone(Path directory, String name) {
        Path lockFile = directory.resolve(name + ".lock.db");
        Path store = directory.resolve(name + ".mv.db");
        Path guard = directory.resolve(name + ".open.lock");
        if (!Files.isRegularFile(lockFile)) {
            return false;
        }
        try {
            // a first look without the guard, so that a start beside a live holder creates no file
            if (deadHolder(read(lockFile)) == null) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        try (FileChannel guardChannel = FileChannel.open(guard, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = guardChannel.lock()) {
            Properties lock = read(lockFile);
            InetSocketAddress server = deadHolder(lock);
            if (server == null || storeLocked(store)) {
                return false;
            }
            Properties again = read(lockFile);
            if (again == null || !lock.getProperty("id", "").equals(again.getProperty("id"))) {
                return false; // rewritten meanwhile by a holder that does not use the guard (an older ObitoX)
            }
            Files.deleteIfExists(lockFile);
            log.info("Removed the database lock file left by a process that ended without closing it ({})", server);
            return true;
        } catch (IOException | OverlappingFileLockException | SecurityException e) {
            log.debug("left the database lock file to H2: {}", e.toString());
            return false;
        }
    }

    /** The server a file-method lock names if it refuses connections, else null (also for no lock file). */
    private static InetSocketAddress deadHolder(Properties lock) {
        if (lock == null || !"file".equals(lock.getProperty("method"))) {
            return null;
        }
        InetSocketAddress server = serverOf(lock.getProperty("server"));
        return server != null && refused(server) ? server : null;
    }

    private static Properties read(Path lockFile) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(lockFile)) {
            p.load(in);
        } catch (NoSuchFileException gone) {
            return null;
        }
        return p;
    }

    /** "host:port" as H2 writes it (the colon escaped in the file, unescaped by {@link Properties}). */
    static InetSocketAddress serverOf(String value) {
        if (value == null) {
            return null;
        }
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            return port > 0 && port < 65536 ? new InetSocketAddress(value.substring(0, colon), port) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean refused(InetSocketAddress server) {
        if (server.isUnresolved()) {
            return false;
        }
        try (Socket s = new Socket()) {
            s.connect(server, CONNECT_TIMEOUT_MILLIS);
            return false; // something listens there: the holder, or a stranger on a reused port; H2 decides
        } catch (ConnectException refused) {
            return true;
        } catch (IOException timedOutOrOther) {
            return false;
        }
    }

    /** Whether another process holds the store file's OS lock (H2 holds it while the database is open). */
    private static boolean storeLocked(Path store) {
        if (!Files.isRegularFile(store)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(store, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (IOException | OverlappingFileLockException e) {
            return true;
        }
    }
}
