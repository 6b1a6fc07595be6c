package io.obitox.settings.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.cors.BrowserLocator;
import io.obitox.settings.SettingsService;
import io.obitox.settings.Theme;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Preferences (theme, language) and where ObitoX keeps its data. FX thread only; saves in the background. */
public final class SettingsViewModel {
    private final SettingsService settings;
    private final UiTasks tasks;
    private final DataFolders folders;
    private final Messages messages;
    /** The setting {@code ui.language} as stored: {@link Messages#SYSTEM} or a language code. */
    private final ObjectProperty<String> language = new SimpleObjectProperty<>(this, "language", Messages.SYSTEM);

    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final BooleanProperty notifications = new SimpleBooleanProperty(this, "notifications", true);
    private final StringProperty browserPath = new SimpleStringProperty(this, "browserPath", "");
    private final ReadOnlyStringWrapper browserFound = new ReadOnlyStringWrapper(this, "browserFound", "");
    private boolean loadingNotifications;
    private String savedBrowserPath = "";

    public SettingsViewModel(
            SettingsService settings,
            UiTasks tasks,
            DataFolders folders,
            Theme initial,
            String initialLanguage,
            Messages messages) {
        this.settings = settings;
        this.tasks = tasks;
        this.folders = folders;
        this.messages = messages;
        theme.set(initial);
        language.set(languages().contains(initialLanguage) ? initialLanguage : Messages.SYSTEM);
        // the views are built with the texts of the start, so a new language shows at the next start
        language.addListener((o, a, l) -> {
            if (l != null) {
                tasks.run(() -> settings.put(Messages.SETTING, l)).start();
            }
        });
        theme.addListener((o, a, t) -> {
            if (t != null) {
                tasks.run(() -> settings.put(SettingsService.THEME, t)).start();
            }
        });
        tasks.run(() -> settings.getBoolean(SettingsService.NOTIFICATIONS, true))
                .onSuccess(on -> {
                    loadingNotifications = true;
                    notifications.set(on);
                    loadingNotifications = false;
                })
                .start();
        notifications.addListener((o, a, on) -> {
            if (!loadingNotifications) {
                tasks.run(() -> settings.put(SettingsService.NOTIFICATIONS, on)).start();
            }
        });
        tasks.run(() -> settings.get(BrowserLocator.SETTING, ""))
                .onSuccess(p -> {
                    savedBrowserPath = p;
                    browserPath.set(p);
                    describeBrowser();
                })
                .start();
    }

    /**
     * The Chromium/Chrome of the CORS browser check; empty means "find it" (PATH, the usual install locations). Saved
     * by {@link #saveBrowserPath()}.
     */
    public StringProperty browserPathProperty() {
        return browserPath;
    }

    /** Which browser the CORS check will use with the current setting, or that none was found. */
    public ReadOnlyStringProperty browserFoundProperty() {
        return browserFound.getReadOnlyProperty();
    }

    /** Saves the browser path if it changed, then says which browser the check will use. */
    public void saveBrowserPath() {
        String p = browserPath.get() == null ? "" : browserPath.get().trim();
        if (p.equals(savedBrowserPath)) {
            return;
        }
        savedBrowserPath = p;
        tasks.run(() -> {
                    settings.put(BrowserLocator.SETTING, p.isEmpty() ? null : p);
                    return null;
                })
                .onSuccess(v -> describeBrowser())
                .start();
    }

    private void describeBrowser() {
        String p = savedBrowserPath;
        tasks.run(() -> new BrowserLocator(() -> Optional.of(p)).locate())
                .onSuccess(r -> browserFound.set(
                        r.found()
                                ? problem(r) + messages.get("settings.browserUsed", r.executable())
                                : problem(r) + messages.get("settings.browserNotFound")))
                .start();
    }

    /** Why the configured path was not used, in the user's language and followed by a space; empty when it was. */
    private String problem(BrowserLocator.Result r) {
        return r.problemText() == null ? "" : messages.render(r.problemText()) + " ";
    }

    /** Desktop notifications when a batch of uploads is finished (on by default). */
    public BooleanProperty notificationsProperty() {
        return notifications;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** The language setting ({@link Messages#SYSTEM}, {@code en}, {@code de}); saved at once, used from the next start. */
    public ObjectProperty<String> languageProperty() {
        return language;
    }

    /** The choices of {@link #languageProperty()}: the system's language, then each translation. */
    public List<String> languages() {
        return Stream.concat(Stream.of(Messages.SYSTEM), Messages.LANGUAGES.stream())
                .toList();
    }

    /** How a language choice reads: each language in its own words, the system's with the language it means. */
    public String languageName(String code) {
        if (code == null) {
            return "";
        }
        if (Messages.SYSTEM.equals(code)) {
            Locale system = Locale.getDefault(Locale.Category.DISPLAY);
            return messages.get("settings.languageSystem", system.getDisplayLanguage(messages.locale()));
        }
        Locale l = Locale.forLanguageTag(code);
        String name = l.getDisplayLanguage(l);
        return name.isEmpty() ? code : name.substring(0, 1).toUpperCase(l) + name.substring(1);
    }

    /** How a theme reads in the chosen language. */
    public String themeName(Theme t) {
        return t == null ? "" : messages.get(t == Theme.DARK ? "settings.themeDark" : "settings.themeLight");
    }

    public String homeFolder() {
        return folders.home();
    }

    public String databaseFolder() {
        return folders.database();
    }

    public String logsFolder() {
        return folders.logs();
    }

    public String sandboxFolder() {
        return folders.sandbox();
    }

    public String credentialsFile() {
        return folders.credentialsFile();
    }

    public String version() {
        return folders.version();
    }
}
