package io.obitox.cli.kit;

import io.obitox.app.AppContext;
import io.obitox.app.AppHome;
import java.io.PrintWriter;

/**
 * What every command gets: the app context, opened on first use (so {@code --help} and {@code --version} touch
 * nothing), and the output streams. One per CLI run; not thread-safe.
 */
public final class CliContext implements AutoCloseable {
    private final AppHome home;
    private final Output out;
    private AppContext app;

    public CliContext(AppHome home, PrintWriter stdout, PrintWriter stderr) {
        this.home = home;
        this.out = new Output(stdout, stderr);
    }

    public AppContext app() {
        if (app == null) {
            app = AppContext.openForCommand(home, out::progress);
            app.database().recoveryNotice().ifPresent(n -> out.warn(n));
        }
        return app;
    }

    public Output out() {
        return out;
    }

    public AppHome home() {
        return home;
    }

    @Override
    public void close() {
        out.flush();
        if (app != null) {
            app.close();
        }
    }
}
