package io.obitox.storage.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks for the file of the customer key (SSE-C) the download dialog reads. The app uses a {@link FileChooser}; UI
 * tests pass a fixed file, because TestFX cannot drive the platform's native dialog.
 */
@FunctionalInterface
public interface DownloadKeyFileDialog {
    /** The chosen file, or empty when the user cancelled. Called on the FX thread. */
    Optional<Path> ask(Window owner, String title);

    static DownloadKeyFileDialog fileChooser() {
        return (owner, title) -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(title);
            File file = chooser.showOpenDialog(owner);
            return Optional.ofNullable(file).map(File::toPath);
        };
    }
}
