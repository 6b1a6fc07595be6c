package io.obitox.app.ui;

import io.obitox.settings.Theme;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/** The shell's state: which section is shown, the theme, and a notice for the status bar. FX thread only. */
public final class MainWindowViewModel {
    private final ObjectProperty<Section> section = new SimpleObjectProperty<>(this, "section", Section.UPLOAD);
    private final ObjectProperty<Theme> theme;
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");

    public MainWindowViewModel(ObjectProperty<Theme> theme, String startupNotice) {
        this.theme = theme;
        notice.set(startupNotice == null ? "" : startupNotice);
    }

    public ObjectProperty<Section> sectionProperty() {
        return section;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public void show(Section s) {
        section.set(s);
    }

    public void toggleTheme() {
        theme.set(theme.get() == Theme.DARK ? Theme.LIGHT : Theme.DARK);
    }

    public void dismissNotice() {
        notice.set("");
    }

    public void notice(String text) {
        notice.set(text == null ? "" : text);
    }
}
