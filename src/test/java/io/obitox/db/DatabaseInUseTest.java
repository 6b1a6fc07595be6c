package io.obitox.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.settings.SettingsService;
import io.obitox.testing.ChildProcess;
import io.obitox.testing.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A database held by another live process is never moved aside: "in use" and "does not answer" fail with the holder
 * named, and the files stay exactly as they were. The holder is a real second JVM ({@link H2Process}).
 */
class DatabaseInUseTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC);

    /**
     * Name → size, modification time and SHA-256 of every file of the folder but H2's own error log
     * ({@code obitox.trace.db}, where H2 appends the refusal).
     */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.toList()) {
                if (f.getFileName().toString().endsWith(".trace.db")) {
                    continue;
                }
                files.put(
                        f.getFileName().toString(),
                        Files.size(f) + " " + Files.getLastModifiedTime(f) + " " + sha256(Files.readAllBytes(f)));
            }
        }
        return files;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path existingDatabase(String name) {
        Path dir = TestPaths.newDir(name).resolve("db");
        try (Database db = Database.open(dir, CLOCK)) {
            new SettingsService(db).put("precious", "the user's data");
        }
        return dir;
    }

    private static void signal(Process p, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
                .as("kill -%s %d", signal, p.pid())
                .isTrue();
    }

    private static void release(Process holder) throws Exception {
        holder.getOutputStream().close();
        if (!holder.waitFor(30, TimeUnit.SECONDS)) {
            holder.destroyForcibly();
        }
    }

    @Test
    void aDatabaseInUseByAnotherProcessFailsWithThatProcessNamedAndIsLeftAsItWas() throws Exception {
        Path dir = existingDatabase("db-in-use");
        // a process that holds the file without serving it (no AUTO_SERVER), e.g. a database tool left open
        Process holder = H2Process.start("hold", H2Process.url(dir, false));
        try {
            H2Process.awaitReady(holder);
            Map<String, String> before = snapshot(dir);

            assertThatThrownBy(() -> Database.open(dir, CLOCK)).isInstanceOfSatisfying(ObitoxException.class, e -> {
                assertThat(e.code()).isEqualTo("DATABASE_IN_USE");
                assertThat(e.getMessage()).contains(dir.toString()).contains(Long.toString(holder.pid()));
                assertThat(e.fix()).contains(Long.toString(holder.pid()));
            });
            assertThat(snapshot(dir)).as("nothing moved aside or changed").isEqualTo(before);
        } finally {
            release(holder);
        }
        try (Database db = Database.open(dir, CLOCK)) {
            assertThat(db.recoveryNotice()).isEmpty();
            assertThat(new SettingsService(db).get("precious")).contains("the user's data");
        }
    }

    @Test
    void aHolderThatDoesNotAnswerIsNamedWithinASecondAndGivenUpOnAfterTheBound() throws Exception {
        Path dir = existingDatabase("db-stopped");
        // as the window does: it holds the file and serves other processes (AUTO_SERVER); then it stops answering
        Process holder = H2Process.start("hold", H2Process.url(dir, true));
        try {
            H2Process.awaitReady(holder);
            signal(holder, "STOP");
            Map<String, String> before = snapshot(dir);
            List<String> notices = new CopyOnWriteArrayList<>();
            List<Long> noticeMillis = new CopyOnWriteArrayList<>();
            long start = System.nanoTime();
            Database.Waiting waiting = new Database.Waiting(Duration.ofSeconds(1), Duration.ofSeconds(4), n -> {
                noticeMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                notices.add(n);
            });

            assertThatThrownBy(() -> Database.open(dir, CLOCK, waiting))
                    .isInstanceOfSatisfying(ObitoxException.class, e -> {
                        assertThat(e.code()).isEqualTo("DATABASE_NOT_ANSWERING");
                        assertThat(e.getMessage()).contains(Long.toString(holder.pid()));
                        assertThat(e.fix()).contains("kill -CONT " + holder.pid());
                    });
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(notices).as("one line saying what it waits for").hasSize(1);
            assertThat(notices.get(0)).contains(Long.toString(holder.pid())).contains("Waiting");
            assertThat(noticeMillis.get(0)).as("said after about a second").isBetween(900L, 2500L);
            assertThat(took).as("gave up after the bound").isBetween(3900L, 10_000L);
            assertThat(snapshot(dir)).as("nothing moved aside or changed").isEqualTo(before);
        } finally {
            signal(holder, "CONT");
            release(holder);
        }
    }

    @Test
    void aDatabaseTheUserMayNotReadFailsWithTheFixAndIsLeftAsItWas() throws Exception {
        Path root = TestPaths.newDir("cli-db-denied");
        Path home = root.resolve("home");
        Path dir = home.resolve("db");
        try (Database db = Database.open(dir, CLOCK)) {
            new SettingsService(db).put("precious", "the user's data");
        }
        // e.g. a `sudo obitox` once left the file to root: this user may not open it
        Files.setPosixFilePermissions(dir.resolve("obitox.mv.db"), PosixFilePermissions.fromString("---------"));
        Map<String, String> before = snapshot(dir);
        boolean rootUser = "root".equals(System.getProperty("user.name"));
        List<String> wrapper =
                rootUser ? List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search") : List.of();
        Process cli = ChildProcess.start(
                root, "cli", Map.of(), wrapper, List.of("--home", home.toString(), "profile", "list"));
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(root.resolve("cli.err"), StandardCharsets.UTF_8);
        assertThat(cli.exitValue()).as(err).isEqualTo(1);
        assertThat(err).contains("Error [DATABASE_ACCESS_DENIED]").contains("chmod");
        assertThat(snapshot(dir)).as("nothing moved aside or changed").isEqualTo(before);
    }

    @Test
    void theCommandLineSaysWhatItWaitsForAndGivesUp() throws Exception {
        Path root = TestPaths.newDir("cli-db-stopped");
        Path home = root.resolve("home");
        Path dir = home.resolve("db");
        try (Database db = Database.open(dir, CLOCK)) {
            new SettingsService(db).put("precious", "the user's data");
        }
        Process holder = H2Process.start("hold", H2Process.url(dir, true));
        try {
            H2Process.awaitReady(holder);
            signal(holder, "STOP");
            Map<String, String> before = snapshot(dir);
            Process cli = ChildProcess.start(
                    root,
                    "cli",
                    Map.of(),
                    List.of(),
                    List.of("-D" + Database.WAIT_PROPERTY + "=3"),
                    List.of("--home", home.toString(), "profile", "list"),
                    ChildProcess.classpath());
            assertThat(cli.waitFor(60, TimeUnit.SECONDS)).as("the CLI gave up").isTrue();
            String err = Files.readString(root.resolve("cli.err"), StandardCharsets.UTF_8);
            assertThat(cli.exitValue()).as(err).isEqualTo(1);
            assertThat(err)
                    .contains("Waiting")
                    .contains("Error [DATABASE_NOT_ANSWERING]")
                    .contains(Long.toString(holder.pid()));
            assertThat(err.indexOf("Waiting")).isLessThan(err.indexOf("Error ["));
            assertThat(snapshot(dir)).as("nothing moved aside or changed").isEqualTo(before);
        } finally {
            signal(holder, "CONT");
            release(holder);
        }
    }
}
