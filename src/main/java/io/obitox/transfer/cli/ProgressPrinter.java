package io.obitox.transfer.cli;

import io.obitox.cli.Output;
import io.obitox.common.Sizes;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** Waits for transfers while printing a progress line to stderr (rewritten in place on a terminal). */
public final class ProgressPrinter {
    private ProgressPrinter() {}

    public static List<TransferSnapshot> await(
            TransferService service, Collection<String> ids, Output out, boolean quiet) throws InterruptedException {
        return await(service, ids, out, quiet, System.console() != null);
    }

    /** @param console redraw one line in place (a terminal); else print a line every 2 s (a log, a pipe) */
    static List<TransferSnapshot> await(
            TransferService service, Collection<String> ids, Output out, boolean quiet, boolean console)
            throws InterruptedException {
        long lastPrint = 0;
        int shown = 0;
        while (!service.awaitSettled(ids, Duration.ofMillis(console ? 250 : 1000))) {
            long now = System.nanoTime();
            if (!quiet && (console || now - lastPrint > 2_000_000_000L)) {
                String line = line(snapshots(service, ids));
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
        List<TransferSnapshot> end = snapshots(service, ids);
        if (!quiet) {
            String line = line(end);
            if (console) {
                out.stderr().print(redraw(line, shown));
                out.stderr().println();
                out.stderr().flush();
            } else {
                out.progress(line);
            }
        }
        return end;
    }

    /**
     * Rewrites the line in place: back to its start, the new text, and blanks over whatever the longer line before
     * it left (no escape sequences, so it works on every console).
     */
    static String redraw(String line, int previousLength) {
        return "\r" + line + " ".repeat(Math.max(0, previousLength - line.length()));
    }

    private static List<TransferSnapshot> snapshots(TransferService service, Collection<String> ids) {
        return ids.stream()
                .map(service::snapshot)
                .flatMap(java.util.Optional::stream)
                .toList();
    }

    static String line(List<TransferSnapshot> all) {
        long size = 0;
        long done = 0;
        double speed = 0;
        int finished = 0;
        int failed = 0;
        for (TransferSnapshot s : all) {
            size += s.size();
            done += s.bytesDone();
            speed += s.speedBps();
            if (s.state() == TransferState.COMPLETED) {
                finished++;
            } else if (s.state() == TransferState.FAILED || s.state() == TransferState.CANCELLED) {
                failed++;
            }
        }
        long eta = speed > 1 ? (long) ((size - done) / speed) : -1;
        return finished + "/" + all.size() + " files" + (failed > 0 ? " (" + failed + " failed)" : "") + ", "
                + Sizes.bytes(done) + " of " + Sizes.bytes(size) + (speed > 0 ? ", " + Sizes.rate(speed) : "")
                + (eta >= 0 && done < size ? ", " + Sizes.duration(eta) + " left" : "");
    }
}
