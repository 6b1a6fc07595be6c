package io.obitox.transfer.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks for the SSE-C key file an upload started with (issue 16). The app uses a {@link FileChooser}; UI tests pass a
 * fixed path, because TestFX cannot drive the platform's native file dialog.
 */
@FunctionalInterface
public interface KeyFileDialog {
    /** The chosen file, or empty when the user cancelled. Called on the FX thread. */
    Optional<Path> ask(Window owner, String fileName, String fingerprint);

    static KeyFileDialog fileChooser() {
        return (owner, fileName, fingerprint) -> {
            FileChooser chooser = new FileChooser();
            // the title is all a native dialog shows of why it was opened
            chooser.setTitle("SSE-C key file of '" + fileName + "' (fingerprint " + fingerprint + ")");
            File file = chooser.showOpenDialog(owner);
            return Optional.ofNullable(file).map(File::toPath);
        };
    }
}
