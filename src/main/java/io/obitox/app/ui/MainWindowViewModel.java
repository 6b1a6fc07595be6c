package io.obitox.app.ui;

import io.obitox.settings.Theme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The shell's state: which section is shown, the theme, a notice for the status bar, and the files waiting for the
 * Upload view. FX thread only.
 */
public final class MainWindowViewModel {
    private final ObjectProperty<Section> section = new SimpleObjectProperty<>(this, "section", Section.UPLOAD);
    private final ObjectProperty<Theme> theme;
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ObservableList<Path> pendingFiles = FXCollections.observableArrayList();
    private final ReadOnlyLongWrapper frontRequests = new ReadOnlyLongWrapper(this, "frontRequests");

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

    /**
     * The seam between the desktop and the Upload view: files given on the command line, by "open with" or by a
     * second launch wait here, in order and without duplicates, until the Upload view takes them (it removes what
     * it took). Until that view exists, the Upload section lists them.
     */
    public ObservableList<Path> pendingFiles() {
        return pendingFiles;
    }

    /** Adds files for upload (absolute paths) and shows the Upload section. */
    public void addPendingFiles(List<Path> files) {
        if (files.isEmpty()) {
            return;
        }
        Set<Path> fresh = new LinkedHashSet<>(files);
        fresh.removeAll(Set.copyOf(pendingFiles));
        pendingFiles.addAll(new ArrayList<>(fresh));
        section.set(Section.UPLOAD);
    }

    /** Counts requests to raise the window (a second launch); the window shell listens and comes to the front. */
    public ReadOnlyLongProperty frontRequestsProperty() {
        return frontRequests.getReadOnlyProperty();
    }

    public void requestFront() {
        frontRequests.set(frontRequests.get() + 1);
    }
}
