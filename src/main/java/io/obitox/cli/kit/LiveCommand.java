package io.obitox.cli.kit;

/**
 * A {@link ResultCommand} that runs a while (upload, sync, download, an import, the sandbox): {@link #act} follows
 * the work with live progress on stderr, then the result is printed like any other command's. Progress is shown only
 * when it cannot get in the way: not with {@code -q}, and not with {@code --json}, whose standard output must stay
 * one document a script can parse (and whose callers read stderr for errors, not for a redrawn line).
 */
public abstract class LiveCommand<R> extends ResultCommand<R> {
    protected LiveCommand(CliContext ctx) {
        super(ctx);
    }

    /** True when the command was asked for no progress; a command with {@code -q} returns that option. */
    protected boolean quiet() {
        return false;
    }

    /** Whether live progress is shown: neither {@code -q} nor {@code --json}. */
    protected final boolean live() {
        return !quiet() && !json();
    }

    /** A progress line on stderr, when {@link #live()}. */
    protected final void progress(String line) {
        if (live()) {
            ctx.out().progress(line);
        }
    }
}
