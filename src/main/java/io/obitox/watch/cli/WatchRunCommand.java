package io.obitox.watch.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.CliFailure;
import io.obitox.cli.kit.LiveCommand;
import io.obitox.cli.kit.Output;
import io.obitox.common.Messages;
import io.obitox.common.TextRef;
import io.obitox.watch.WatchFolderService;
import io.obitox.watch.WatchRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code obitox watch run [ID…]}: runs the watches in the foreground until stopped (Ctrl+C, SIGTERM) or, with
 * {@code --for}, for a while. Stopping ends each watch within a second, gives it up for another process and lets
 * the transfers in flight stop where they are (the next run resumes them). Problems (folder gone, permission denied,
 * target failing) are printed once each on stderr.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "cli.help.watchRun")
final class WatchRunCommand extends LiveCommand<Integer> {

    @Parameters(arity = "0..*", paramLabel = "ID", descriptionKey = "cli.help.watchRun.id")
    List<String> ids = new ArrayList<>();

    @Option(names = "--for", paramLabel = "TIME", descriptionKey = "cli.help.watchRun.for")
    String forTime;

    WatchRunCommand(CliContext ctx) {
        super(ctx);
    }

    /**
     * Runs the watches until stopped; returns how many ran. Everything it shows is live, on stderr, the per-watch
     * counts included: on SIGTERM the JVM ends as soon as the stop hook returns, so they cannot wait for
     * {@link #print}.
     */
    @Override
    protected Integer act() throws InterruptedException {
        // a bad --for is refused before anything starts (it printed "Watching N folder(s)" first)
        java.time.Duration runFor = forTime == null ? null : WatchCommand.duration(forTime, "--for");
        WatchFolderService service = ctx.app().watches();
        List<String> chosen =
                ids.isEmpty() ? service.list().stream().map(r -> r.watch().id()).toList() : ids;
        if (chosen.isEmpty()) {
            throw CliFailure.of(
                    "NO_WATCHES",
                    TextRef.of("cli.error.watchRun.noWatches"),
                    TextRef.of("cli.error.watchRun.noWatches.fix"));
        }
        int ran;
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    stop.countDown();
                    try {
                        stopped.await(15, TimeUnit.SECONDS); // the watches give themselves up before the JVM ends
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "obitox-watch-stop");
        try (WatchFolderService.Running running =
                service.run(chosen, m -> ctx.out().warn(m))) {
            Runtime.getRuntime().addShutdownHook(hook);
            ran = running.ids().size();
            Messages messages = ctx.messages();
            ctx.out().progress(messages.get("cli.watch.watching", running.ids().size()));
            for (String id : running.ids()) {
                WatchRepository.Row r = service.get(id);
                ctx.out()
                        .progress("  " + id.substring(0, 8) + "  " + r.watch().folder() + " -> "
                                + r.watch().destination());
            }
            if (runFor != null) {
                stop.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                stop.await();
            }
            running.close(); // before the summary: on SIGTERM the JVM ends as soon as the hook returns
            for (var e : running.thisRun().entrySet()) {
                var h = e.getValue();
                ctx.out()
                        .progress(messages.get(
                                "cli.watch.thisRun",
                                e.getKey().substring(0, 8),
                                h.seen(),
                                h.uploaded(),
                                h.skipped(),
                                h.rejected(),
                                h.failed()));
            }
            ctx.out().flush();
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waited for 'stopped', counted down above
            } catch (IllegalArgumentException notAdded) {
                // run() failed before the hook was added
            }
        }
        return ran;
    }

    /** Nothing on stdout: the run's lines were written live. */
    @Override
    protected void print(Integer ran, Output out) {}
}
