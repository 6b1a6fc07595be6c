package io.obitox.presign.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks where to save an export. The app uses a {@link FileChooser}; UI tests pass a fixed path, because TestFX
 * cannot drive the platform's native file dialog.
 */
@FunctionalInterface
public interface SaveDialog {
    /** The chosen file, or empty when the user cancelled. Called on the FX thread. */
    Optional<Path> ask(Window owner, String title, String suggestedName, String extension);

    static SaveDialog fileChooser() {
        return (owner, title, suggestedName, extension) -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(title);
            chooser.setInitialFileName(suggestedName);
            chooser.getExtensionFilters()
                    .add(new FileChooser.ExtensionFilter(
                            extension.toUpperCase(java.util.Locale.ROOT) + " files", "*." + extension));
            File file = chooser.showSaveDialog(owner);
            return Optional.ofNullable(file).map(File::toPath);
        };
    }
}
