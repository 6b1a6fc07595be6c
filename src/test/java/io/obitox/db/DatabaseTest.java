package io.obitox.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.settings.SettingsService;
import io.obitox.testing.TestPaths;
import io.obitox.testing.Tmpfs;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DatabaseTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC);

    private static Path newDbDir(String name) {
        return TestPaths.newDir(name).resolve("db");
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFreshFolderIsMigratedToTheCurrentSchema() {
        Path dir = newDbDir("db-fresh");
        try (Database db = Database.open(dir, CLOCK)) {
            assertThat(db.recoveryNotice()).isEmpty();
            List<String> versions = db.query(c -> {
                List<String> out = new ArrayList<>();
                try (ResultSet rs = c.createStatement()
                        .executeQuery(
                                "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            });
            assertThat(versions).startsWith("1").doesNotHaveDuplicates();
            int tables = db.query(c -> {
                try (ResultSet rs = c.createStatement()
                        .executeQuery(
                                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME IN ('PROFILE', 'SETTING')")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(tables).isEqualTo(2);
        }
    }

    @Test
    void dataSurvivesAReopen() {
        Path dir = newDbDir("db-reopen");
        try (Database db = Database.open(dir, CLOCK)) {
            new SettingsService(db).put("test.key", "kept");
        }
        try (Database db = Database.open(dir, CLOCK)) {
            assertThat(new SettingsService(db).get("test.key")).contains("kept");
            assertThat(db.recoveryNotice()).isEmpty();
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        Database db = Database.open(newDbDir("db-close-twice"), CLOCK);
        db.close();
        assertThatCode(db::close).doesNotThrowAnyException();
    }

    @Test
    void databaseFilesAreReadableByTheUserOnly() throws IOException {
        Path dir = newDbDir("db-private");
        try (Database db = Database.open(dir, CLOCK)) {
            assertThat(files(dir)).contains("obitox.mv.db", "obitox.lock.db");
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.toList()) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                            .as(f.toString())
                            .isEqualTo("rw-------");
                }
            }
        }
    }

    @Test
    void aCorruptFileIsMovedAsideAndAFreshDatabaseStarts() throws IOException {
        Path dir = newDbDir("db-corrupt");
        Files.createDirectories(dir);
        byte[] garbage = new byte[64 * 1024];
        new Random(7).nextBytes(garbage);
        Files.write(dir.resolve("obitox.mv.db"), garbage);

        try (Database db = Database.open(dir, CLOCK)) {
            Path aside = dir.resolve("obitox.mv.db.broken-20260301-101530");
            assertThat(aside).exists();
            assertThat(Files.readAllBytes(aside))
                    .as("the broken file is kept as it was")
                    .isEqualTo(garbage);
            assertThat(db.recoveryNotice())
                    .hasValueSatisfying(n -> assertThat(n)
                            .contains("could not be opened")
                            .contains(aside.toString())
                            .contains("fresh"));
            SettingsService settings = new SettingsService(db);
            settings.put("after.recovery", "works");
            assertThat(settings.get("after.recovery")).contains("works");
        }
        try (Database again = Database.open(dir, CLOCK)) {
            assertThat(again.recoveryNotice())
                    .as("the fresh database opens cleanly next time")
                    .isEmpty();
        }
    }

    @Test
    void anUnusableFolderIsReportedNotThrownRaw() throws IOException {
        Path notADir = Files.writeString(TestPaths.newDir("db-unusable").resolve("db"), "a file, not a folder");
        assertThatThrownBy(() -> Database.open(notADir, CLOCK)).isInstanceOfSatisfying(ObitoxException.class, e -> {
            assertThat(e.code()).isEqualTo("DATABASE_UNUSABLE");
            assertThat(e.fix()).contains("--home");
        });
    }

    @Test
    void aSecondProcessIsServedOverLoopbackOnly() throws Exception {
        Path dir = newDbDir("db-autoserver");
        try (Database db = Database.open(dir, CLOCK)) {
            new SettingsService(db).put("written.by", "first process");

            // another ObitoX process (the CLI beside the GUI) opens the same file: it is served by this one
            String url = "jdbc:h2:file:" + dir.resolve("obitox") + ";AUTO_SERVER=TRUE";
            List<String> seen = H2Process.query(url, "SELECT val FROM setting WHERE name = 'written.by'");
            assertThat(seen).contains("first process");
            H2Process.query(url, "MERGE INTO setting (name, val) KEY (name) VALUES ('written.by.second', 'yes')");
            assertThat(new SettingsService(db).get("written.by.second")).contains("yes");

            // the lock file names the server; it listens on the loopback interface only
            Properties lock = new Properties();
            try (InputStream in = Files.newInputStream(dir.resolve("obitox.lock.db"))) {
                lock.load(in);
            }
            String server = lock.getProperty("server");
            assertThat(server).as("server address in the lock file").isNotNull();
            String host = server.substring(0, server.lastIndexOf(':'));
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
            assertThat(InetAddress.getByName(host).isLoopbackAddress())
                    .as(server)
                    .isTrue();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            }
            Optional<InetAddress> lan = nonLoopbackAddress();
            if (lan.isPresent()) {
                assertThatThrownBy(() -> {
                            try (Socket s = new Socket()) {
                                s.connect(new InetSocketAddress(lan.get(), port), 2000);
                            }
                        })
                        .as("port %d on %s", port, lan.get())
                        .isInstanceOf(ConnectException.class);
            }
            List<String> listening = listeningSockets(port);
            if (!listening.isEmpty()) {
                assertThat(listening)
                        .as("ss -ltn: local addresses of port %d", port)
                        .allSatisfy(
                                local -> assertThat(local).matches("(\\[::ffff:)?127\\.0\\.0\\.1]?:\\d+|\\[::1]:\\d+"));
            }
        }
    }

    @Test
    void aFullDiskIsReportedAndNeverCostsTheExistingDatabase() throws Exception {
        Path mnt = TestPaths.newDir("db-diskfull").resolve("mnt");
        Files.createDirectories(mnt);
        Tmpfs.assumeMounted(mnt, "4m");
        try {
            Path dir = mnt.resolve("db");
            try (Database db = Database.open(dir, CLOCK)) {
                new SettingsService(db).put("precious", "profile data");
                db.update(c -> c.createStatement().execute("CHECKPOINT"));
                Tmpfs.fill(mnt);
                // H2 buffers writes, so the first statements may still land in memory; within a few it must fail
                String code = null;
                for (int i = 0; i < 40 && code == null; i++) {
                    String key = "k" + i;
                    try {
                        new SettingsService(db).put(key, "x".repeat(4000));
                        Thread.sleep(100);
                    } catch (ObitoxException e) {
                        code = e.code();
                        assertThat(e.getMessage()).contains("full");
                        assertThat(e.fix()).contains("Free some space");
                    }
                }
                assertThat(code).isEqualTo("DISK_FULL");
            } catch (ObitoxException closeFailure) {
                // closing may also hit the full disk; that must not hide the result above
                assertThat(closeFailure.code()).isEqualTo("DISK_FULL");
            }

            // start on the full disk: a plain message, and the database stays where it is
            assertThatThrownBy(() -> Database.open(dir, CLOCK)).isInstanceOfSatisfying(ObitoxException.class, e -> {
                assertThat(e.code()).isEqualTo("DISK_FULL");
                assertThat(e.fix()).contains("Free some space");
            });
            assertThat(dir.resolve("obitox.mv.db")).exists();
            assertThat(files(dir)).noneMatch(f -> f.contains(".broken-"));

            // space freed: everything saved before is still there
            Files.delete(mnt.resolve(Tmpfs.FILLER));
            try (Database db = Database.open(dir, CLOCK)) {
                assertThat(db.recoveryNotice()).isEmpty();
                assertThat(new SettingsService(db).get("precious")).contains("profile data");
            }
        } finally {
            Tmpfs.unmount(mnt);
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }

    /** Local addresses of the sockets listening on {@code port}, from {@code ss -ltn}; empty when ss is missing. */
    static List<String> listeningSockets(int port) {
        try {
            Process p = new ProcessBuilder("ss", "-ltnH", "sport = :" + port)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return List.of();
            }
            List<String> locals = new ArrayList<>();
            for (String line : out.split("\\n")) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length >= 4) {
                    locals.add(cols[3]);
                }
            }
            return locals;
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
