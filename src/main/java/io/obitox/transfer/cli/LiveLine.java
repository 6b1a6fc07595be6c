package io.obitox.transfer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The one line of live progress a command redraws in place on a terminal: back to column 0, the new text, then
 * whatever the row still holds to the right is cleared, so a shorter line never shows the tail of a longer one. On
 * an ANSI terminal that is ESC[K (erase to end of line, whatever put the text there); on a console without escape
 * sequences (Windows' classic console, {@code TERM=dumb}) blanks over the widest line drawn so far. Whether to draw
 * in place at all is {@link #stderrIsTerminal()}: a log or a pipe gets whole lines instead (the caller's job).
 *
 * <p>Threading: one thread draws (the command's); not thread-safe.
 */
final class LiveLine {
    /** Erase from the cursor to the end of the line (ECMA-48 EL 0). */
    static final String CLEAR_TO_END = "\u001b[K";

    private final PrintWriter err;
    private final boolean ansi;
    /** Widest line drawn since the last {@link #finish}: what blanks must cover when there is no escape. */
    private int widest;

    LiveLine(PrintWriter err, boolean ansi) {
        this.err = err;
        this.ansi = ansi;
    }

    /** A line for the console this process runs in. */
    static LiveLine forConsole(PrintWriter err) {
        return new LiveLine(err, ansiConsole());
    }

    /** Replaces the line on screen with {@code line}; the cursor stays on it. */
    void show(String line) {
        err.print(render(line));
        err.flush();
    }

    /** Draws the last state and ends the line, so what is printed next starts on a fresh one. */
    void finish(String line) {
        err.print(render(line));
        err.println();
        err.flush();
        widest = 0;
    }

    private String render(String line) {
        String text = "\r" + line;
        if (ansi) {
            text += CLEAR_TO_END;
        } else {
            text += " ".repeat(Math.max(0, widest - line.length()));
        }
        widest = Math.max(widest, line.length());
        return text;
    }

    /**
     * Whether stderr, where progress goes, is a terminal. Java 17 cannot ask that of stderr itself: where
     * {@code /proc} shows the descriptor (Linux), its target decides ({@code /dev/pts/N}, {@code /dev/ttyN}), so
     * {@code obitox upload … 2>upload.log} writes whole lines, not carriage returns; elsewhere
     * {@link System#console()} (stdin and stdout on a terminal) is the best guess there is.
     */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(fd)) {
            try {
                return isTerminalDevice(Files.readSymbolicLink(fd).toString());
            } catch (IOException | SecurityException e) {
                return System.console() != null;
            }
        }
        return System.console() != null;
    }

    /** Whether a descriptor's {@code /proc} link target names a terminal (not a file, pipe or socket). */
    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }

    /** ESC[K works on every terminal but Windows' classic console and one that says it is dumb. */
    private static boolean ansiConsole() {
        boolean windows =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return !windows && !"dumb".equals(System.getenv("TERM"));
    }
}
