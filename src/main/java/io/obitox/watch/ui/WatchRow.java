package io.obitox.watch.ui;

import io.obitox.watch.WatchHealth;
import io.obitox.watch.WatchRepository;
import io.obitox.watch.WatchState;
import java.util.Locale;

/** One line of the Watch folders list: an immutable snapshot of a watch and its health. */
public record WatchRow(
        String id, String folder, String destination, String state, String reason, String counters, boolean paused) {

    static WatchRow of(WatchRepository.Row r) {
        WatchHealth h = r.health();
        WatchHealth.Counters c = h.counters();
        String state = h.state() == WatchState.STOPPED && !r.watch().paused()
                ? "stopped (another ObitoX may run it)"
                : h.state().name().toLowerCase(Locale.ROOT);
        if (h.running() && h.state() != WatchState.PAUSED && r.watch().paused()) {
            state = "pausing";
        }
        return new WatchRow(
                r.watch().id(),
                r.watch().folder().toString(),
                r.watch().destination(),
                state,
                h.reason() == null ? "" : h.reason(),
                c.seen() + " seen · " + c.uploaded() + " uploaded · " + c.skipped() + " skipped · " + c.rejected()
                        + " rejected · " + c.failed() + " failed",
                r.watch().paused());
    }
}
