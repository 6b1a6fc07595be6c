package io.obitox.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The durability contract at the database: a process killed with SIGKILL loses no commit that returned. A
 * {@link KillableWriter} child commits part rows (acking each after its commit) with churn beside them, and is killed
 * right after H2 rewrote its file header, several times in a row, each run reopening what the kill before left. After
 * each kill a copy of the database is opened as the app opens it, and must hold every acked row. Before
 * {@link StoreRecovery}, H2 2.5.252 reopened such a file at the version before the header's rewrite and the last
 * commits of the killed run were gone (the lost part records of {@code BigDownloadKillOnRgwTest}).
 */
class CommitsSurviveKillTest {
    private static final int KILLS = 6;

    @Test
    void everyAckedCommitSurvivesRepeatedKillsAtHeaderRewrites() throws Exception {
        Path dir = TestPaths.newDir("commits-survive-kill");
        Path database = dir.resolve("home/db");
        Path ack = dir.resolve("ack.txt");
        List<String> lost = new ArrayList<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            Path log = dir.resolve("writer-" + kill + ".log");
            Process writer =
                    KillableWriter.start(log, database.toString(), ack.toString(), Long.toString(kill * 1_000_000L));
            try {
                awaitKillPoint(writer, log);
            } finally {
                writer.destroyForcibly(); // SIGKILL
            }
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();

            // the file as the kill left it, opened as the next run would open it
            Path copy = dir.resolve("after-kill-" + kill + "/db");
            Files.createDirectories(copy);
            Files.copy(Database.storeFile(database), Database.storeFile(copy));
            Files.copy(
                    database.resolveSibling(Database.PASSWORD_FILE),
                    copy.resolveSibling(Database.PASSWORD_FILE),
                    StandardCopyOption.REPLACE_EXISTING);
            Set<Long> present = new HashSet<>();
            try (Database db = Database.open(copy, Clock.systemUTC())) {
                db.update(c -> {
                    try (Statement s = c.createStatement();
                            ResultSet rs = s.executeQuery("SELECT id FROM kill_part")) {
                        while (rs.next()) {
                            present.add(rs.getLong(1));
                        }
                    }
                });
            }
            List<Long> acked = Files.readAllLines(ack).stream()
                    .filter(l -> l.matches("\\d+"))
                    .map(Long::parseLong)
                    .toList();
            List<Long> missing =
                    acked.stream().filter(id -> !present.contains(id)).toList();
            if (!missing.isEmpty()) {
                lost.add("after kill " + kill + ": " + missing.size() + " of " + acked.size() + " acked rows, e.g. "
                        + missing.subList(0, Math.min(5, missing.size())));
            }
        }
        assertThat(lost).as("acked commits missing after a kill; see %s", dir).isEmpty();
    }

    private static void awaitKillPoint(Process writer, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!(Files.exists(log) && Files.readString(log).contains(KillableWriter.KILL_POINT))) {
            assertThat(writer.isAlive())
                    .as("the writer runs until its kill point; see %s", log)
                    .isTrue();
            assertThat(System.nanoTime())
                    .as("the writer reached its kill point")
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
