package io.obitox.transfer.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.Output;
import io.obitox.common.Messages;
import io.obitox.common.Sizes;
import io.obitox.transfer.TransferProgress;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSnapshot;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Waits for transfers while printing a progress line to stderr: redrawn in place when stderr is a terminal
 * ({@link LiveLine}), else a whole line every 2 s (a log, a pipe).
 */
public final class ProgressPrinter {
    private ProgressPrinter() {}

    public static List<TransferSnapshot> await(
            TransferService service, Collection<String> ids, CliContext ctx, boolean quiet)
            throws InterruptedException {
        List<String> list = List.copyOf(ids);
        follow(service, list, ctx, quiet);
        return service.snapshots(list);
    }

    /**
     * Waits for {@code ids} while printing the progress line; keeps nothing per transfer (the line comes from one
     * aggregate query per 500 ids), so it suits a run of any size. The caller reads the outcomes afterwards.
     */
    public static void follow(TransferService service, List<String> ids, CliContext ctx, boolean quiet)
            throws InterruptedException {
        Output out = ctx.out();
        follow(service, ids, out, quiet ? null : ctx.messages(), quiet, live(out));
    }

    /** The line to redraw in place when stderr is a terminal; null for a log or a pipe (whole lines). */
    private static LiveLine live(Output out) {
        return LiveLine.stderrIsTerminal() ? LiveLine.forConsole(out.stderr()) : null;
    }

    /**
     * @param messages the line's words (null when quiet)
     * @param live the line redrawn in place, or null for a line every 2 s
     */
    static void follow(
            TransferService service, List<String> ids, Output out, Messages messages, boolean quiet, LiveLine live)
            throws InterruptedException {
        Set<String> idSet = quiet ? Set.of() : new HashSet<>(ids);
        long lastPrint = 0;
        while (!service.awaitSettled(ids, Duration.ofMillis(live != null ? 250 : 1000))) {
            long now = System.nanoTime();
            if (!quiet && (live != null || now - lastPrint > 2_000_000_000L)) {
                String line = line(messages, service.progress(ids, idSet));
                if (live != null) {
                    live.show(line);
                } else {
                    out.progress(line);
                }
                lastPrint = now;
            }
        }
        if (!quiet) {
            String line = line(messages, service.progress(ids, idSet));
            if (live != null) {
                live.finish(line);
            } else {
                out.progress(line);
            }
        }
    }

    static String line(Messages messages, TransferProgress p) {
        long eta = p.speedBps() > 1 ? (long) ((p.size() - p.done()) / p.speedBps()) : -1;
        return (p.failed() > 0
                        ? messages.get("cli.progress.filesFailed", p.completed(), p.files(), p.failed())
                        : messages.get("cli.progress.files", p.completed(), p.files()))
                + ", " + messages.get("cli.progress.bytes", Sizes.bytes(p.done()), Sizes.bytes(p.size()))
                + (p.speedBps() > 0 ? ", " + Sizes.rate(p.speedBps()) : "")
                + (eta >= 0 && p.done() < p.size()
                        ? ", " + messages.get("cli.progress.left", Sizes.duration(eta))
                        : "");
    }
}
