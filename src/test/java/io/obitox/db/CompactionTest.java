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
}
