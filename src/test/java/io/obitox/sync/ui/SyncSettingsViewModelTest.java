package io.obitox.sync.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.sync.ConflictChoice;
import io.obitox.sync.ConflictDefaults;
import io.obitox.sync.ExcludeRules;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.TestApp;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Settings → existing files and exclude rules, without a toolkit: a same-thread executor and the real settings in
 * H2, read back the way the Upload view and the command line read them ({@link ConflictDefaults}).
 */
class SyncSettingsViewModelTest {
    private TestApp app;
    private ConflictDefaults stored;

    @BeforeEach
    void setUp() {
        app = TestApp.create("sync-settings-vm");
        stored = new ConflictDefaults(app.context().settings());
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    private SyncSettingsViewModel open(List<SyncSettingsViewModel.ProfileRef> profiles) {
        return new SyncSettingsViewModel(
                new ConflictDefaults(app.context().settings()),
                () -> profiles,
                new UiTasks(new DirectExecutorService(), Runnable::run),
                Messages.english());
    }

    @Test
    void showsWhatIsStoredAndSavesEachChangeWhereTheCommandLineReadsIt() {
        stored.setGlobalChoice(ConflictChoice.RENAME);
        stored.setRuleLines(List.of("*.tmp", "# scratch", "build/"));
        SyncSettingsViewModel vm = open(List.of());
        assertThat(vm.choiceProperty().get()).isEqualTo(ConflictChoice.RENAME);
        assertThat(vm.rules()).containsExactly("*.tmp", "# scratch", "build/");
        assertThat(vm.messageProperty().get()).as("loading is not a change").isEmpty();

        vm.newRuleProperty().set("  *.bak ");
        vm.addRule();
        assertThat(vm.newRuleProperty().get()).isEmpty();
        assertThat(stored.ruleLines()).containsExactly("*.tmp", "# scratch", "build/", "*.bak");
        assertThat(vm.errorProperty().get()).isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("Saved: uploads from now on use these 3 rule(s).");

        vm.choiceProperty().set(ConflictChoice.FAIL);
        assertThat(stored.choice("any-profile", "any-bucket")).isEqualTo(ConflictChoice.FAIL);

        vm.removeRule(0);
        vm.removeRule(99); // out of range: nothing happens
        assertThat(stored.ruleLines()).containsExactly("# scratch", "build/", "*.bak");
        vm.restoreDefaults();
        assertThat(stored.ruleLines()).containsExactlyElementsOf(ExcludeRules.DEFAULT_PATTERNS);
    }

    @Test
    void anUnusablePatternIsRefusedWithItsLineAndTheStoredRulesStay() {
        SyncSettingsViewModel vm = open(List.of());
        vm.newRuleProperty().set("/");
        vm.addRule();
        assertThat(vm.errorProperty().get()).isTrue();
        assertThat(vm.messageProperty().get())
                .startsWith("Not saved: ")
                .contains("'/'")
                .contains("line 6")
                .contains("gitignore syntax");
        assertThat(stored.ruleLines()).containsExactlyElementsOf(ExcludeRules.DEFAULT_PATTERNS);

        vm.testPathProperty().set("photos/.DS_Store");
        assertThat(vm.testResultProperty().get()).startsWith("Fix the rules first: ");

        vm.removeRule(5);
        assertThat(vm.errorProperty().get()).isFalse();
        assertThat(vm.testResultProperty().get()).isEqualTo("Excluded by rule “**/.DS_Store” (Settings, line 1).");
    }

    @Test
    void theTestFieldNamesTheDecidingRuleAsTheUserTypes() {
        SyncSettingsViewModel vm = open(List.of());
        vm.rules().setAll("*.log", "!keep.log");
        vm.testPathProperty().set("\\logs\\app.log"); // a Windows path, a leading slash
        assertThat(vm.testResultProperty().get()).isEqualTo("Excluded by rule “*.log” (Settings, line 1).");
        vm.testPathProperty().set("logs/keep.log");
        assertThat(vm.testResultProperty().get()).isEqualTo("Uploaded: taken back by “!keep.log” (Settings, line 2).");
        vm.testPathProperty().set("notes.txt");
        assertThat(vm.testResultProperty().get()).isEqualTo("Uploaded: no rule matches.");
        vm.testPathProperty().set("  ");
        assertThat(vm.testResultProperty().get()).isEmpty();
    }

    @Test
    void aProfileOrBucketDefaultIsStoredListedAndRemovedAnInvalidBucketNever() {
        SyncSettingsViewModel.ProfileRef team = new SyncSettingsViewModel.ProfileRef("p-team-0001", "Team");
        SyncSettingsViewModel vm = open(List.of(team));
        assertThat(vm.profiles()).containsExactly(team);
        assertThat(vm.overrideProfileProperty().get())
                .as("the first profile is picked")
                .isEqualTo(team);

        vm.overrideBucketProperty().set("No_Such");
        vm.addOverride();
        assertThat(vm.errorProperty().get()).isTrue();
        assertThat(vm.messageProperty().get())
                .startsWith("Not saved: ")
                .endsWith("Leave the bucket empty for every bucket.");
        assertThat(stored.overrides()).isEmpty();

        vm.overrideBucketProperty().set(" photos ");
        vm.overrideChoiceProperty().set(ConflictChoice.OVERWRITE);
        vm.addOverride();
        assertThat(vm.errorProperty().get()).isFalse();
        assertThat(vm.overrideBucketProperty().get()).isEmpty();
        assertThat(stored.choice("p-team-0001", "photos")).isEqualTo(ConflictChoice.OVERWRITE);
        assertThat(vm.overrides())
                .extracting(SyncSettingsViewModel.OverrideRow::text)
                .containsExactly("Team · bucket photos → " + ConflictChoice.OVERWRITE);

        // a default of a profile that no longer exists is still listed, by its id, so it can be removed
        stored.setOverride("p-gone-12345678", "", ConflictChoice.SKIP);
        vm.reloadOverrides();
        assertThat(vm.overrides())
                .extracting(SyncSettingsViewModel.OverrideRow::text)
                .contains("removed profile p-gone-1 · every bucket → " + ConflictChoice.SKIP);

        int gone = vm.overrides().stream()
                .map(SyncSettingsViewModel.OverrideRow::text)
                .toList()
                .indexOf("removed profile p-gone-1 · every bucket → " + ConflictChoice.SKIP);
        vm.removeOverride(gone);
        assertThat(stored.overrides())
                .extracting(ConflictDefaults.Override::profileId)
                .containsExactly("p-team-0001");
        assertThat(vm.overrides()).hasSize(1);
        assertThat(vm.messageProperty().get()).startsWith("Removed: removed profile p-gone-1");
    }
}
