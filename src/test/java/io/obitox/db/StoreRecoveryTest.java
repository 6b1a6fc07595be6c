package io.obitox.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.settings.SettingsService;
import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** What {@link StoreRecovery} leaves alone; that it recovers what a kill left is {@link CommitsSurviveKillTest}. */
class StoreRecoveryTest {
    @Test
    void aCleanlyClosedFileIsNeitherScannedNorChanged() throws Exception {
        Path dir = TestPaths.newDir("store-recovery-clean").resolve("db");
        try (Database db = Database.open(dir, Clock.systemUTC())) {
            new SettingsService(db).put("kept", "yes");
        }
        Path store = Database.storeFile(dir);
        byte[] before = Files.readAllBytes(store);

        assertThat(StoreRecovery.closedCleanly(store)).isTrue();
        assertThat(StoreRecovery.afterUncleanShutdown(store)).isFalse();
        assertThat(Files.readAllBytes(store)).isEqualTo(before);
    }

    @Test
    void aMissingFileIsNotCreated() {
        Path store = Database.storeFile(TestPaths.newDir("store-recovery-none").resolve("db"));

        assertThat(StoreRecovery.afterUncleanShutdown(store)).isFalse();
        assertThat(store).doesNotExist();
    }
}
