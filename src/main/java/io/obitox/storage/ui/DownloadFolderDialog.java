package io.obitox.storage.ui;

import io.obitox.common.Messages;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * Asks where the bucket browser's "Download…" puts the selected objects and folders: the "Choose folder…" of the
 * download dialog ({@link DownloadDialog}). The app uses a
 * {@link DirectoryChooser}; UI tests pass a fixed folder, because TestFX cannot drive the platform's native dialog.
 */
@FunctionalInterface
public interface DownloadFolderDialog {
    /** The chosen folder, or empty when the user cancelled. Called on the FX thread. */
    Optional<Path> ask(Window owner, int count);

    /** A directory chooser that opens where the previous download went (for the life of the window). */
    static DownloadFolderDialog directoryChooser(Messages messages) {
        File[] last = new File[1];
        return (owner, count) -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(messages.get("download.dialog.folderTitle", count));
            if (last[0] != null && last[0].isDirectory()) {
                chooser.setInitialDirectory(last[0]);
            }
            File dir = chooser.showDialog(owner);
            if (dir != null) {
                last[0] = dir;
            }
            return Optional.ofNullable(dir).map(File::toPath);
        };
    }
}
