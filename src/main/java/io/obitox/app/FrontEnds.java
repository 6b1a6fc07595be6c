package io.obitox.app;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The two front ends as the {@link Launcher} sees them. Both are built on this package (the composition root), so
 * the launcher finds them with {@link ServiceLoader} (META-INF/services) instead of importing them: an import would
 * make {@code app} → {@code cli} → {@code app} and {@code app} → {@code app.ui} → {@code app} package cycles.
 */
public final class FrontEnds {
    private FrontEnds() {}

    /** The command line ({@code io.obitox.cli.Cli.FrontEnd}). */
    public interface CommandLine {
        /** True when {@code word} names a top-level command. */
        boolean isCommand(String word);

        /** Runs the command the arguments name; returns the exit status. */
        int run(String[] args);
    }

    /** The window ({@code io.obitox.app.ui.GuiMain.FrontEnd}). */
    public interface Window {
        /** Opens the window on {@code home} with these files dropped on it; returns when the window is closed. */
        void launch(AppHome home, List<Path> files);
    }

    /** The one provider of {@code type} in this build; fails naming the missing class when there is none. */
    static <T> T find(Class<T> type) {
        return ServiceLoader.load(type, FrontEnds.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "This build of ObitoX has no " + type.getName() + " (META-INF/services is incomplete)"));
    }
}
