package io.obitox.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.db.Database;
import io.obitox.settings.SettingsService;
import io.obitox.testing.TestPaths;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stored defaults of issue 15 that the CLI and the GUI share, and the "ask" choice. */
class ConflictDefaultsTest {
    private final Database db =
            Database.open(TestPaths.newDir("conflict-defaults").resolve("db"), Clock.systemUTC());
    private final SettingsService settings = new SettingsService(db);
    private final ConflictDefaults defaults = new ConflictDefaults(settings);

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void policyIsLookedUpByBucketThenProfileThenEverywhere() {
        assertThat(defaults.choice("p1", "photos")).isEqualTo(ConflictChoice.SKIP_IDENTICAL);
        defaults.setGlobalChoice(ConflictChoice.ASK);
        assertThat(settings.get("sync.ifExists")).contains("ask");
        assertThat(defaults.choice("p1", "photos")).isEqualTo(ConflictChoice.ASK);
        settings.put("sync.ifExists.p1", "rename");
        assertThat(defaults.choice("p1", "photos")).isEqualTo(ConflictChoice.RENAME);
        settings.put("sync.ifExists.p1.photos", "FAIL");
        assertThat(defaults.choice("p1", "photos")).isEqualTo(ConflictChoice.FAIL);
        assertThat(defaults.choice("p1", "other")).isEqualTo(ConflictChoice.RENAME);
        assertThat(defaults.choice(null, null)).isEqualTo(ConflictChoice.ASK);
    }

    @Test
    void askPlansAsSkipIdenticalAndIsSkipWhereNobodyCanBeAsked() {
        assertThat(ConflictChoice.parse(" Ask ")).isEqualTo(ConflictChoice.ASK);
        assertThat(ConflictChoice.ASK.planned()).isEqualTo(ConflictPolicy.SKIP_IDENTICAL);
        assertThat(ConflictChoice.ASK.unattended()).isEqualTo(ConflictPolicy.SKIP);
        assertThat(ConflictChoice.parse("skip_identical").unattended()).isEqualTo(ConflictPolicy.SKIP_IDENTICAL);
        for (ConflictChoice c : ConflictChoice.values()) {
            assertThat(ConflictChoice.parse(c.settingValue())).isEqualTo(c);
        }
        assertThatThrownBy(() -> ConflictChoice.parse("maybe"))
                .isInstanceOf(ObitoxException.class)
                .hasMessageContaining("maybe");
    }

    @Test
    void rulesAreTheDefaultsUntilAListIsSavedAndABadPatternIsRefused() {
        assertThat(defaults.ruleLines()).isEqualTo(ExcludeRules.DEFAULT_PATTERNS);
        assertThat(ExcludeRules.of(defaults.rules()).check("a/.DS_Store").ruleName())
                .isEqualTo("**/.DS_Store");
        defaults.setRuleLines(List.of("# mine", "*.tmp", "!keep.tmp", ""));
        assertThat(defaults.ruleLines()).containsExactly("# mine", "*.tmp", "!keep.tmp", "");
        ExcludeRules rules = ExcludeRules.of(defaults.rules());
        assertThat(rules.check("x/a.tmp").excluded()).isTrue();
        assertThat(rules.check("x/a.tmp").rule().origin()).isEqualTo("Settings, line 2");
        assertThat(rules.check("keep.tmp").excluded()).isFalse();
        assertThat(rules.check(".DS_Store").excluded()).isFalse(); // the saved list replaced the defaults
        assertThatThrownBy(() -> defaults.setRuleLines(List.of("ok", "/")))
                .isInstanceOf(ObitoxException.class)
                .hasMessageContaining("line 2");
        assertThat(defaults.ruleLines()).contains("*.tmp");
        defaults.setRuleLines(List.of());
        assertThat(defaults.rules()).isEmpty();
    }

    @Test
    void rulePathsLeaveOutTheDroppedFoldersName() {
        assertThat(UploadPlans.rulePath("album/notes/a.txt")).isEqualTo("notes/a.txt");
        assertThat(UploadPlans.rulePath("single.txt")).isEqualTo("single.txt");
    }
}
