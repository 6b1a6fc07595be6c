package io.obitox.app.ui;

import io.obitox.settings.Theme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
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
    private Consumer<List<Path>> uploadTarget;

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
     * second launch. Until the Upload view exists they wait here, in order and without duplicates; once it has
     * registered with {@link #deliverFilesTo} they go straight to it.
     */
    public ObservableList<Path> pendingFiles() {
        return FXCollections.unmodifiableObservableList(pendingFiles);
    }

    /** Hands files for upload (absolute paths) to the Upload view, and shows it. */
    public void addPendingFiles(List<Path> files) {
        if (files.isEmpty()) {
            return;
        }
        if (uploadTarget != null) {
            uploadTarget.accept(List.copyOf(files));
        } else {
            Set<Path> fresh = new LinkedHashSet<>(files);
            fresh.removeAll(Set.copyOf(pendingFiles));
            pendingFiles.addAll(new ArrayList<>(fresh));
        }
        section.set(Section.UPLOAD); // may build the Upload view, which then takes the waiting files
    }

    /** The Upload view takes the files that wait, and from now on every file handed to the window. */
    public void deliverFilesTo(Consumer<List<Path>> target) {
        uploadTarget = target;
        if (!pendingFiles.isEmpty()) {
            List<Path> waiting = List.copyOf(pendingFiles);
            pendingFiles.clear();
            target.accept(waiting);
        }
    }

    /** Counts requests to raise the window (a second launch); the window shell listens and comes to the front. */
    public ReadOnlyLongProperty frontRequestsProperty() {
        return frontRequests.getReadOnlyProperty();
    }

    public void requestFront() {
        frontRequests.set(frontRequests.get() + 1);
    }
}
