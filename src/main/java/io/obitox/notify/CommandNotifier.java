package io.obitox.notify;

import io.obitox.common.Threads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifies by running a helper program: {@code notify-send} (libnotify) on Linux desktops, {@code osascript} on
 * macOS. Title and body are separate arguments, never part of a shell or script text, so a file name cannot inject
 * anything. Each run is bounded by a timeout; a helper that fails is logged and the next notification tries again.
 */
final class CommandNotifier implements Notifier, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CommandNotifier.class);
    private static final long TIMEOUT_SECONDS = 10;

    private final String name;
    private final Function<Notification, List<String>> command;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(Threads.daemon("obitox-notify"));

    private CommandNotifier(String name, Function<Notification, List<String>> command) {
        this.name = name;
        this.command = command;
    }

    /** libnotify's command line tool; {@code --icon=obitox} is the icon the Linux packages install. */
    static CommandNotifier notifySend(Path executable) {
        return new CommandNotifier("notify-send", n -> notifySendCommand(executable, n));
    }

    static List<String> notifySendCommand(Path executable, Notification n) {
        return List.of(
                executable.toString(),
                "--app-name=ObitoX",
                "--icon=obitox",
                "--urgency=" + (n.problem() ? "critical" : "normal"),
                "--",
                n.title(),
                n.body());
    }

    /** macOS: AppleScript's {@code display notification}, with the texts passed as arguments of the script. */
    static CommandNotifier osascript(Path executable) {
        return new CommandNotifier("osascript", n -> osascriptCommand(executable, n));
    }

    static List<String> osascriptCommand(Path executable, Notification n) {
        return List.of(
                executable.toString(),
                "-e",
                "on run argv",
                "-e",
                "display notification (item 2 of argv) with title \"ObitoX\" subtitle (item 1 of argv)",
                "-e",
                "end run",
                n.title(),
                n.body());
    }

    @Override
    public void show(Notification n) {
        runner.execute(() -> run(command.apply(n)));
    }

    private void run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                log.warn("{} did not finish within {} s", name, TIMEOUT_SECONDS);
            } else if (p.exitValue() != 0) {
                log.warn("{} failed with exit code {}", name, p.exitValue());
            }
        } catch (IOException e) {
            log.warn("Could not run {}: {}", name, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
