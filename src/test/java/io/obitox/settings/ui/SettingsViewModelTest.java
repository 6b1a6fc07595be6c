package io.obitox.settings.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.app.Version;
import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.cors.BrowserLocator;
import io.obitox.notify.BatchNotifier;
import io.obitox.settings.SettingsService;
import io.obitox.settings.Theme;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Settings' preferences, without a toolkit: a same-thread executor and the real settings in H2. */
class SettingsViewModelTest {
    private TestApp app;
    private SettingsService settings;

    @BeforeEach
    void setUp() {
        app = TestApp.create("settings-vm");
        settings = app.context().settings();
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    private SettingsViewModel open(Theme initial) {
        return new SettingsViewModel(
                settings,
                new UiTasks(new DirectExecutorService(), Runnable::run),
                new DataFolders(
                        app.home().root().toString(),
                        app.home().database().toString(),
                        app.home().logs().toString(),
                        app.home().sandbox().toString(),
                        "/home/someone/.aws/credentials",
                        "ObitoX " + Version.current() + " · Java " + System.getProperty("java.version")),
                initial,
                Messages.SYSTEM,
                Messages.english());
    }

    @Test
    void theThemeAndTheNotificationSwitchAreStoredAndReadBack() {
        settings.put(BatchNotifier.SETTING, false);
        SettingsViewModel vm = open(Theme.DARK);
        assertThat(vm.themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(vm.notificationsProperty().get())
                .as("the stored switch, not the default")
                .isFalse();
        assertThat(settings.get(SettingsService.THEME))
                .as("showing is not saving")
                .isEmpty();

        vm.themeProperty().set(Theme.LIGHT);
        vm.notificationsProperty().set(true);
        assertThat(settings.getEnum(SettingsService.THEME, Theme.class, Theme.DARK))
                .isEqualTo(Theme.LIGHT);
        assertThat(settings.getBoolean(BatchNotifier.SETTING, false)).isTrue();

        SettingsViewModel again = open(Theme.LIGHT);
        assertThat(again.notificationsProperty().get()).isTrue();
    }

    @Test
    void aBrowserPathIsJudgedWhenSavedAndAnExecutableOneIsTheBrowserTheCheckUses() throws Exception {
        Path dir = app.dir().resolve("browsers");
        Files.createDirectories(dir);
        Path text = Files.writeString(dir.resolve("chrome.txt"), "not a program");
        Path script = Files.writeString(dir.resolve("my-chromium"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        SettingsViewModel vm = open(Theme.LIGHT);
        assertThat(vm.browserPathProperty().get()).isEmpty();
        assertThat(vm.browserFoundProperty().get()).as("described at once").isNotEmpty();

        vm.browserPathProperty().set("  " + text + " ");
        vm.saveBrowserPath();
        assertThat(settings.get(BrowserLocator.SETTING)).contains(text.toString());
        assertThat(vm.browserFoundProperty().get())
                .startsWith("The browser set in Settings (" + text + ") is not an executable file. ");

        vm.browserPathProperty().set(script.toString());
        vm.saveBrowserPath();
        assertThat(vm.browserFoundProperty().get()).isEqualTo("The check uses " + script + ".");
        assertThat(open(Theme.LIGHT).browserPathProperty().get()).isEqualTo(script.toString());

        vm.browserPathProperty().set("");
        vm.saveBrowserPath();
        assertThat(settings.get(BrowserLocator.SETTING))
                .as("empty: find it again")
                .isEmpty();
        assertThat(vm.browserFoundProperty().get()).doesNotContain(script.toString());
    }

    @Test
    void theFoldersAreTheAppHomesAndTheVersionNamesJava() {
        SettingsViewModel vm = open(Theme.LIGHT);
        assertThat(vm.homeFolder()).isEqualTo(app.home().root().toString());
        assertThat(vm.databaseFolder()).isEqualTo(app.home().database().toString());
        assertThat(vm.logsFolder()).startsWith(app.home().root().toString());
        assertThat(vm.sandboxFolder()).startsWith(app.home().root().toString());
        assertThat(vm.credentialsFile()).isEqualTo("/home/someone/.aws/credentials");
        assertThat(vm.version()).startsWith("ObitoX ").contains(" · Java " + System.getProperty("java.version"));
    }
}
