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
final class ProgressPrinter {
    private ProgressPrinter() {}

    static List<TransferSnapshot> await(TransferService service, Collection<String> ids, Output out, boolean quiet)
            throws InterruptedException {
        boolean console = System.console() != null;
        long lastPrint = 0;
        while (!service.awaitSettled(ids, Duration.ofMillis(console ? 250 : 1000))) {
            long now = System.nanoTime();
            if (!quiet && (console || now - lastPrint > 2_000_000_000L)) {
                String line = line(snapshots(service, ids));
                if (console) {
                    out.stderr().print("\r" + line + "   ");
                    out.stderr().flush();
                } else {
                    out.progress(line);
                }
                lastPrint = now;
            }
        }
        List<TransferSnapshot> end = snapshots(service, ids);
        if (!quiet) {
            if (console) {
                out.stderr().print("\r");
            }
            out.progress(line(end));
        }
        return end;
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
