package io.obitox.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CompactionTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static Path dir(String name) throws Exception {
        Path d = TestPaths.newDir("compaction-" + name).resolve("db");
        Files.createDirectories(d);
        return d;
    }

    private static String maxCompactTime(Database db) {
        return H2Settings.value(db, "MAX_COMPACT_TIME");
    }

    @Test
    void aCommandCompactsAtItsFirstCloseOfADayOnly() throws Exception {
        Path d = dir("daily");
        Path marker = d.resolve(Compaction.MARKER);

        Database first = Database.open(d, CLOCK, Database.Waiting.standard(s -> {}), Compaction.DAILY);
        assertThat(maxCompactTime(first)).isEqualTo("500"); // never compacted before
        first.close();
        assertThat(Files.getLastModifiedTime(marker).toInstant()).isEqualTo(NOW);

        Clock later = Clock.offset(CLOCK, Duration.ofHours(3));
        Database second = Database.open(d, later, Database.Waiting.standard(s -> {}), Compaction.DAILY);
        assertThat(maxCompactTime(second)).isEqualTo("0");
        second.close();
        assertThat(Files.getLastModifiedTime(marker).toInstant()).isEqualTo(NOW); // this close did not compact

        Clock nextDay = Clock.offset(CLOCK, Duration.ofHours(25));
        Database third = Database.open(d, nextDay, Database.Waiting.standard(s -> {}), Compaction.DAILY);
        assertThat(maxCompactTime(third)).isEqualTo("500");
        third.close();
        assertThat(Files.getLastModifiedTime(marker).toInstant()).isEqualTo(NOW.plus(Duration.ofHours(25)));
    }

    @Test
    void theWindowCompactsAtEveryClose() throws Exception {
        Path d = dir("window");
        Files.createFile(d.resolve(Compaction.MARKER));
        Files.setLastModifiedTime(d.resolve(Compaction.MARKER), FileTime.from(NOW));
        Database db = Database.open(d, CLOCK, Database.Waiting.standard(s -> {}), Compaction.EVERY_CLOSE);
        assertThat(maxCompactTime(db)).isEqualTo("500");
        db.close();
    }

    /** A file of many small commits: the pages of 300 rows, each rewritten in its own commit thousands of times. */
    private static void churn(Database db, int commits) {
        db.update(c -> c.createStatement().execute("CREATE TABLE churn(id INT PRIMARY KEY, v VARCHAR(200))"));
        db.update(c -> {
            for (int i = 0; i < 300; i++) {
                c.createStatement().execute("INSERT INTO churn VALUES (" + i + ", 'v0')");
            }
        });
        for (int n = 1; n <= commits; n++) {
            int row = n % 300;
            String v = "v" + n + "-".repeat(100);
            db.update(c -> c.createStatement().execute("UPDATE churn SET v = '" + v + "' WHERE id = " + row));
        }
    }

    /** A home whose daily compaction has run: its closes today compact nothing of their own. */
    private static Path compactedToday(String name) throws Exception {
        Path d = dir(name);
        Files.createFile(d.resolve(Compaction.MARKER));
        Files.setLastModifiedTime(d.resolve(Compaction.MARKER), FileTime.from(NOW));
        return d;
    }

    private static String valueOf(Database db, int id) {
        return db.query(c -> {
            var r = c.createStatement().executeQuery("SELECT v FROM churn WHERE id = " + id);
            return r.next() ? r.getString(1) : null;
        });
    }

    @Test
    void aFileOfMostlyDeadChunksIsRewrittenWholeAtClose() throws Exception {
        Path d = compactedToday("rewrite");
        Path file = Database.storeFile(d);
        Database db = Database.open(d, CLOCK, Database.Waiting.standard(s -> {}), Compaction.DAILY);
        db.rewriteFromBytes = 1 << 20;
        churn(db, 3_000);
        long before = Files.size(file);
        String last = valueOf(db, 3_000 % 300);
        assertThat(before).as("the churn made a file of dead chunks").isGreaterThan(4L << 20);
        db.close();

        long after = Files.size(file);
        assertThat(after).as("rewritten from %d bytes", before).isLessThan(before / 4);
        assertThat(java.nio.file.Files.getPosixFilePermissions(file))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path trace = d.resolve("obitox.trace.db");
        assertThat(Files.exists(trace) ? Files.readString(trace) : "").doesNotContain("already closed");
        Database again = Database.open(d, CLOCK, Database.Waiting.standard(s -> {}), Compaction.DAILY);
        try {
            assertThat(valueOf(again, 3_000 % 300)).isEqualTo(last).startsWith("v3000");
            assertThat((int) again.query(c -> {
                        var r = c.createStatement().executeQuery("SELECT COUNT(*) FROM churn");
                        r.next();
                        return r.getInt(1);
                    }))
                    .isEqualTo(300);
        } finally {
            again.close();
        }
    }

    @Test
    void aSmallFileOrOneStillOpenElsewhereIsNotRewritten() throws Exception {
        Path d = compactedToday("no-rewrite");
        Path file = Database.storeFile(d);
        Database db = Database.open(d, CLOCK, Database.Waiting.standard(s -> {}), Compaction.DAILY);
        churn(db, 3_000); // the threshold stays 64 MiB: this file is far smaller
        long before = Files.size(file);
        db.close();
        assertThat(Files.size(file)).isGreaterThan(before / 2);

        Database first = Database.open(d, CLOCK, Database.Waiting.standard(s -> {}), Compaction.DAILY);
        Database second = Database.open(d, CLOCK, Database.Waiting.standard(s -> {}), Compaction.DAILY);
        first.rewriteFromBytes = 1 << 20;
        first.close(); // the second still works on the file: no shutdown under it
        assertThat(valueOf(second, 1)).startsWith("v");
        second.close();

        Database busy = Database.open(d, CLOCK, Database.Waiting.standard(s -> {}), Compaction.DAILY);
        busy.rewriteFromBytes = 1 << 20;
        try (var working = busy.connection()) { // a thread still at work when the close comes (Ctrl-C)
            busy.close();
            assertThat(working.createStatement()
                            .executeQuery("SELECT COUNT(*) FROM churn")
                            .next())
                    .isTrue();
        }
        assertThat(Files.size(file))
                .as("not rewritten under a working connection")
                .isGreaterThan(before / 2);
    }
}
