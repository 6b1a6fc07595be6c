package io.obitox.transfer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's event stream (the UI, the CLI's progress output and the webhook dispatcher listen).
 *
 * <p>Threading contract: listeners are called on engine threads, possibly several at once, in no particular order
 * across transfers. They must return quickly, must not block and must not throw (a throwing listener is logged and
 * skipped). To do real work, hand the event to your own executor.
 */
public final class TransferEvents {
    private static final Logger log = LoggerFactory.getLogger(TransferEvents.class);
    private final List<Consumer<TransferEvent>> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener; the returned runnable removes it again. */
    public Runnable subscribe(Consumer<TransferEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void publish(TransferEvent event) {
        for (Consumer<TransferEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                log.warn("Transfer event listener failed", e);
            }
        }
    }
}
