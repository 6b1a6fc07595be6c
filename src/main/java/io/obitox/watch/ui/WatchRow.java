package io.obitox.watch.ui;

import io.obitox.common.Messages;
import io.obitox.watch.WatchHealth;
import io.obitox.watch.WatchRepository;
import io.obitox.watch.WatchState;
import java.util.Locale;

/** One line of the Watch folders list: an immutable snapshot of a watch and its health. */
public record WatchRow(
        String id, String folder, String destination, String state, String reason, String counters, boolean paused) {

    static WatchRow of(WatchRepository.Row r, Messages messages) {
        WatchHealth h = r.health();
        WatchHealth.Counters c = h.counters();
        String state = h.state() == WatchState.STOPPED && !r.watch().paused()
                ? messages.get("watch.state.stoppedElsewhere")
                : messages.get("watch.state." + h.state().name().toLowerCase(Locale.ROOT));
        if (h.running() && h.state() != WatchState.PAUSED && r.watch().paused()) {
            state = messages.get("watch.state.pausing");
        }
        return new WatchRow(
                r.watch().id(),
                r.watch().folder().toString(),
                r.watch().destination(),
                state,
                h.reason() == null ? "" : h.reason(),
                messages.get("watch.counters", c.seen(), c.uploaded(), c.skipped(), c.rejected(), c.failed()),
                r.watch().paused());
    }
}
