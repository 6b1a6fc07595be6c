package io.obitox.transfer.cli;

import io.obitox.cli.Output;
import io.obitox.common.Sizes;
import io.obitox.transfer.TransferProgress;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSnapshot;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Waits for transfers while printing a progress line to stderr (rewritten in place on a terminal). */
public final class ProgressPrinter {
    private ProgressPrinter() {}

    public static List<TransferSnapshot> await(
            TransferService service, Collection<String> ids, Output out, boolean quiet) throws InterruptedException {
        List<String> list = List.copyOf(ids);
        follow(service, list, out, quiet, System.console() != null);
        return service.snapshots(list);
    }

    /**
     * Waits for {@code ids} while printing the progress line; keeps nothing per transfer (the line comes from one
     * aggregate query per 500 ids), so it suits a run of any size. The caller reads the outcomes afterwards.
     */
    public static void follow(TransferService service, List<String> ids, Output out, boolean quiet)
            throws InterruptedException {
        follow(service, ids, out, quiet, System.console() != null);
    }

    /** @param console redraw one line in place (a terminal); else print a line every 2 s (a log, a pipe) */
    static void follow(TransferService service, List<String> ids, Output out, boolean quiet, boolean console)
            throws InterruptedException {
        Set<String> idSet = quiet ? Set.of() : new HashSet<>(ids);
        long lastPrint = 0;
        int shown = 0;
        while (!service.awaitSettled(ids, Duration.ofMillis(console ? 250 : 1000))) {
            long now = System.nanoTime();
            if (!quiet && (console || now - lastPrint > 2_000_000_000L)) {
                String line = line(service.progress(ids, idSet));
                if (console) {
                    out.stderr().print(redraw(line, shown));
                    out.stderr().flush();
                    shown = line.length();
                } else {
                    out.progress(line);
                }
                lastPrint = now;
            }
        }
        if (!quiet) {
            String line = line(service.progress(ids, idSet));
            if (console) {
                out.stderr().print(redraw(line, shown));
                out.stderr().println();
                out.stderr().flush();
            } else {
                out.progress(line);
            }
        }
    }

    /**
     * Rewrites the line in place: back to its start, the new text, and blanks over whatever the longer line before
     * it left (no escape sequences, so it works on every console).
     */
    static String redraw(String line, int previousLength) {
        return "\r" + line + " ".repeat(Math.max(0, previousLength - line.length()));
    }

    static String line(TransferProgress p) {
        long eta = p.speedBps() > 1 ? (long) ((p.size() - p.done()) / p.speedBps()) : -1;
        return p.completed() + "/" + p.files() + " files" + (p.failed() > 0 ? " (" + p.failed() + " failed)" : "")
                + ", " + Sizes.bytes(p.done()) + " of " + Sizes.bytes(p.size())
                + (p.speedBps() > 0 ? ", " + Sizes.rate(p.speedBps()) : "")
                + (eta >= 0 && p.done() < p.size() ? ", " + Sizes.duration(eta) + " left" : "");
    }
}
