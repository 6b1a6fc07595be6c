package io.obitox.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

class PageCacheTest {
    /** H2's page cache limit as it reports it, in MiB. */
    private static String cacheMiB(Database db) {
        return H2Settings.value(db, "info.CACHE_MAX_SIZE");
    }

    private static String cacheMiB(Connection c) throws SQLException {
        return H2Settings.value(c, "info.CACHE_MAX_SIZE");
    }

    @Test
    void aCommandKeepsASmallerCacheAndTheWindowGetsItsOwnBackAfterIt() throws Exception {
        Path d = TestPaths.newDir("page-cache").resolve("db");
        Files.createDirectories(d);
        Database.Waiting waiting = Database.Waiting.standard(s -> {});
        try (Database window = Database.open(d, Clock.systemUTC(), waiting, Compaction.EVERY_CLOSE)) {
            assertThat(cacheMiB(window)).isEqualTo("16");
        }
        try (Database command = Database.open(d, Clock.systemUTC(), waiting, Compaction.DAILY, PageCache.COMMAND)) {
            assertThat(cacheMiB(command)).isEqualTo("4");
        }
        // H2 stores CACHE_SIZE in the file: the window's next open must not inherit the command's
        try (Database window = Database.open(d, Clock.systemUTC(), waiting, Compaction.EVERY_CLOSE)) {
            assertThat(cacheMiB(window)).isEqualTo("16");
        }
    }

    /** A process that reaches the file through a server (AUTO_SERVER) must not shrink the owner's cache. */
    @Test
    void aConnectionThroughTheOwnersServerLeavesItsCacheAlone() throws Exception {
        Path d = TestPaths.newDir("page-cache-remote");
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        try (Connection remote = DriverManager.getConnection(
                        "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/"
                                + d.resolve("db").toAbsolutePath(),
                        "sa",
                        "");
                Connection owner = DriverManager.getConnection(
                        "jdbc:h2:file:" + d.resolve("db").toAbsolutePath(), "sa", "")) {
            PageCache.COMMAND.apply(remote);
            assertThat(cacheMiB(owner)).isEqualTo("16");
            PageCache.COMMAND.apply(owner);
            assertThat(cacheMiB(remote)).isEqualTo("4");
        } finally {
            server.stop();
        }
    }
}
