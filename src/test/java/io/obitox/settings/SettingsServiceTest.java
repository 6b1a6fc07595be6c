package io.obitox.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.db.Database;
import io.obitox.testing.TestPaths;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettingsServiceTest {
    private final Database db = Database.open(TestPaths.newDir("settings").resolve("db"), Clock.systemUTC());
    private final SettingsService settings = new SettingsService(db);

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void storesReplacesAndDeletesValues() {
        assertThat(settings.get("a")).isEmpty();
        assertThat(settings.get("a", "fallback")).isEqualTo("fallback");
        settings.put("a", "1");
        settings.put("a", "2");
        assertThat(settings.get("a")).contains("2");
        settings.put("a", (String) null);
        assertThat(settings.get("a")).isEmpty();
    }

    @Test
    void typedReadsFallBackOnMissingOrMalformedValues() {
        settings.put("n", 42L);
        settings.put("bad.n", "forty-two");
        settings.put("flag", true);
        settings.put(SettingsService.THEME, Theme.DARK);
        settings.put("bad.theme", "PURPLE");
        assertThat(settings.getLong("n", 0)).isEqualTo(42);
        assertThat(settings.getLong("bad.n", 7)).isEqualTo(7);
        assertThat(settings.getLong("missing", 9)).isEqualTo(9);
        assertThat(settings.getBoolean("flag", false)).isTrue();
        assertThat(settings.getBoolean("missing", true)).isTrue();
        assertThat(settings.getEnum(SettingsService.THEME, Theme.class, Theme.LIGHT))
                .isEqualTo(Theme.DARK);
        assertThat(settings.getEnum("bad.theme", Theme.class, Theme.LIGHT)).isEqualTo(Theme.LIGHT);
    }

    @Test
    void valuesSurviveAReopen() {
        settings.put("kept", "yes");
        db.close();
        try (Database again = Database.open(db.directory(), Clock.systemUTC())) {
            assertThat(new SettingsService(again).get("kept")).contains("yes");
        }
    }
}
