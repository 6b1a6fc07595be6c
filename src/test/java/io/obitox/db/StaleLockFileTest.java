package io.obitox.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.TestPaths;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The lock file a killed holder leaves is removed at the next open (instead of H2's 2–4 s wait), and only then: a
 * live holder's, one without a port yet, one whose port answers and one whose store is still locked are left to H2.
 */
class StaleLockFileTest {
    private static final String NAME = "obitox";

    @Test
    void theLockFileOfAKilledHolderIsRemovedAndTheDatabaseOpensWithItsCommits() throws Exception {
        Path dir = TestPaths.newDir("stale-lock");
        Path database = dir.resolve("home/db");
        Path ack = dir.resolve("ack.txt");
        Path log = dir.resolve("writer.log");
        Process writer = KillableWriter.start(log, database.toString(), ack.toString(), "1");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!(Files.exists(log) && Files.readString(log).contains(KillableWriter.KILL_POINT))) {
                assertThat(writer.isAlive()).as("the writer runs; see %s", log).isTrue();
                assertThat(System.nanoTime()).as("the writer committed").isLessThan(deadline);
                Thread.sleep(20);
            }
            Path lockFile = database.resolve(NAME + ".lock.db");
            assertThat(lockFile).exists();
            assertThat(StaleLockFile.clearIfHolderGone(database, NAME))
                    .as("a live holder's lock file is kept")
                    .isFalse();
            assertThat(lockFile).exists();
        } finally {
            writer.destroyForcibly(); // SIGKILL: H2 cannot remove its lock file
        }
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path lockFile = database.resolve(NAME + ".lock.db");
        assertThat(lockFile).as("left by the killed writer").exists();

        assertThat(StaleLockFile.clearIfHolderGone(database, NAME)).isTrue();
        assertThat(lockFile).doesNotExist();

        long acked =
                Files.readAllLines(ack).stream().filter(l -> l.matches("\\d+")).count();
        AtomicLong rows = new AtomicLong();
        try (Database db = Database.open(database, Clock.systemUTC())) {
            db.update(c -> {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kill_part")) {
                    rs.next();
                    rows.set(rs.getLong(1));
                }
            });
            assertThat(lockFile).as("this open's own lock").exists();
            assertThat(StaleLockFile.clearIfHolderGone(database, NAME))
                    .as("the lock of a database open in this process is kept")
                    .isFalse();
            assertThat(lockFile).exists();
        }
        assertThat(rows.get()).isGreaterThanOrEqualTo(acked).isPositive();
    }

    @Test
    void aLockFileWhosePortAnswersHasNoPortOrWhoseStoreIsLockedIsLeftToH2() throws Exception {
        Path dir = TestPaths.newDir("stale-lock-kept");
        Path lockFile = dir.resolve(NAME + ".lock.db");
        try (ServerSocket listening = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            write(lockFile, "server=localhost\\:" + listening.getLocalPort());
            assertThat(StaleLockFile.clearIfHolderGone(dir, NAME))
                    .as("port answers")
                    .isFalse();
            assertThat(lockFile).exists();
        }

        write(lockFile, "");
        assertThat(StaleLockFile.clearIfHolderGone(dir, NAME))
                .as("no port written yet")
                .isFalse();
        assertThat(lockFile).exists();

        int closed = closedPort();
        write(lockFile, "server=localhost\\:" + closed);
        Path store = dir.resolve(NAME + ".mv.db");
        Files.writeString(store, "store");
        try (FileChannel ch = FileChannel.open(store, StandardOpenOption.WRITE);
                FileLock held = ch.lock()) {
            assertThat(StaleLockFile.clearIfHolderGone(dir, NAME))
                    .as("store locked")
                    .isFalse();
            assertThat(lockFile).exists();
        }

        write(lockFile, "server=localhost\\:" + closed);
        assertThat(StaleLockFile.clearIfHolderGone(dir, NAME))
                .as("port refused, store free")
                .isTrue();
        assertThat(lockFile).doesNotExist();
        assertThat(StaleLockFile.clearIfHolderGone(dir, NAME))
                .as("no lock file")
                .isFalse();
    }

    @Test
    void theServerIsReadAsH2WritesIt() {
        assertThat(StaleLockFile.serverOf("localhost:9123")).isEqualTo(new InetSocketAddress("localhost", 9123));
        assertThat(StaleLockFile.serverOf("192.168.1.4:40001")).isEqualTo(new InetSocketAddress("192.168.1.4", 40001));
        assertThat(StaleLockFile.serverOf(null)).isNull();
        assertThat(StaleLockFile.serverOf("localhost")).isNull();
        assertThat(StaleLockFile.serverOf("localhost:")).isNull();
        assertThat(StaleLockFile.serverOf("localhost:99999")).isNull();
        assertThat(StaleLockFile.serverOf(":80")).isNull();
    }

    /** A lock file as H2 writes it (method file, an id), with {@code extra} lines. */
    private static Path write(Path lockFile, String extra) throws Exception {
        return Files.writeString(lockFile, "#FileLock\nhostName=localhost\nid=18c0ffee\nmethod=file\n" + extra + "\n");
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
