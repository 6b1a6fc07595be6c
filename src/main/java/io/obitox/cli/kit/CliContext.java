package io.obitox.cli.kit;

import io.obitox.app.AppContext;
import io.obitox.app.AppHome;
import io.obitox.common.Messages;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * What every command gets: the app context, opened on first use (so {@code --help} and {@code --version} touch
 * nothing), and the output streams. One per CLI run; not thread-safe.
 */
public final class CliContext implements AutoCloseable {
    private final AppHome home;
    private final Output out;
    private AppContext app;
    private Messages messages;

    public CliContext(AppHome home, PrintWriter stdout, PrintWriter stderr) {
        this.home = home;
        // the labels of warnings and errors follow the texts of the run once the app is open; before (or when
        // opening it failed) the OS's language, as help does
        this.out = new Output(stdout, stderr, () -> app != null ? messages() : systemMessages());
    }

    public AppContext app() {
        if (app == null) {
            app = AppContext.openForCommand(home, out::progress);
            app.database().recoveryNotice().ifPresent(n -> out.warn(n));
        }
        return app;
    }

    /**
     * The texts in the user's language, chosen as the window chooses them: the setting {@code ui.language}, else the
     * OS's display language. Read on first use (it opens the app, which a command that prints has done already).
     */
    public Messages messages() {
        if (messages == null) {
            String language = app().settings().get(Messages.SETTING, Messages.SYSTEM);
            messages = Messages.forSetting(language, Locale.getDefault(Locale.Category.DISPLAY));
        }
        return messages;
    }

    /**
     * The texts in the OS's display language, for what is shown without opening the app (help, wrong usage, a failed
     * start), where the setting {@code ui.language} is not at hand.
     */
    public static Messages systemMessages() {
        return Messages.of(Locale.getDefault(Locale.Category.DISPLAY));
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
