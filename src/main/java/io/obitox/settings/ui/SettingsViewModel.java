package io.obitox.settings.ui;

import io.obitox.app.AppHome;
import io.obitox.app.Version;
import io.obitox.common.ui.UiTasks;
import io.obitox.notify.BatchNotifier;
import io.obitox.settings.SettingsService;
import io.obitox.settings.Theme;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/** Preferences (theme) and where ObitoX keeps its data. FX thread only; saves in the background. */
public final class SettingsViewModel {
    private final SettingsService settings;
    private final UiTasks tasks;
    private final AppHome home;
    private final String credentialsFile;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final BooleanProperty notifications = new SimpleBooleanProperty(this, "notifications", true);
    private boolean loadingNotifications;

    public SettingsViewModel(
            SettingsService settings, UiTasks tasks, AppHome home, String credentialsFile, Theme initial) {
        this.settings = settings;
        this.tasks = tasks;
        this.home = home;
        this.credentialsFile = credentialsFile;
        theme.set(initial);
        theme.addListener((o, a, t) -> {
            if (t != null) {
                tasks.run(() -> settings.put(SettingsService.THEME, t)).start();
            }
        });
        tasks.run(() -> settings.getBoolean(BatchNotifier.SETTING, true))
                .onSuccess(on -> {
                    loadingNotifications = true;
                    notifications.set(on);
                    loadingNotifications = false;
                })
                .start();
        notifications.addListener((o, a, on) -> {
            if (!loadingNotifications) {
                tasks.run(() -> settings.put(BatchNotifier.SETTING, on)).start();
            }
        });
    }

    /** Desktop notifications when a batch of uploads is finished (on by default). */
    public BooleanProperty notificationsProperty() {
        return notifications;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public String homeFolder() {
        return home.root().toString();
    }

    public String databaseFolder() {
        return home.database().toString();
    }

    public String logsFolder() {
        return home.logs().toString();
    }

    public String sandboxFolder() {
        return home.sandbox().toString();
    }

    public String credentialsFile() {
        return credentialsFile;
    }

    public String version() {
        return "ObitoX " + Version.current() + " · Java " + System.getProperty("java.version");
    }
}
