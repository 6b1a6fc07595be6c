package io.obitox.watch.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Opens a folder in the desktop's file manager ({@code xdg-open}, macOS {@code open}, Windows {@code explorer}).
 * Blocking only to start the helper program (call it off the FX thread); the helper runs on its own.
 */
@FunctionalInterface
public interface FolderOpener {
    void open(Path folder) throws IOException;

    /** The desktop's file manager for this OS. */
    static FolderOpener system() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command =
                os.contains("win") ? List.of("explorer") : os.contains("mac") ? List.of("open") : List.of("xdg-open");
        return folder -> {
            List<String> argv = new java.util.ArrayList<>(command);
            argv.add(folder.toString());
            new ProcessBuilder(argv)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        };
    }
}
