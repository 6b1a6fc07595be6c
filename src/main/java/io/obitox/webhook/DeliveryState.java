package io.obitox.webhook;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of one delivery (one event to one endpoint). Every change is a compare-and-set on the stored state, so
 * two dispatchers (the GUI and a CLI on the same home) never send the same attempt twice.
 *
 * <pre>
 * PENDING ──► IN_FLIGHT ──► DELIVERED
 *    ▲            │ │ └───► DEAD      (schedule used up; keeps its last error)
 *    │            │ └─────► DISABLED  (the receiver answered 410 Gone: the endpoint was switched off)
 *    └────────────┘         (retry later; or the process died in flight and the next start takes it back)
 * DELIVERED, DEAD, DISABLED ──► PENDING  (replay, same webhook-id)
 * </pre>
 */
public enum DeliveryState {
    PENDING,
    IN_FLIGHT,
    DELIVERED,
    DEAD,
    DISABLED;

    public boolean canMoveTo(DeliveryState next) {
        return allowed().contains(next);
    }

    /** Finished for now: only a replay sends it again. */
    public boolean isSettled() {
        return this == DELIVERED || this == DEAD || this == DISABLED;
    }

    private Set<DeliveryState> allowed() {
        return switch (this) {
            case PENDING -> EnumSet.of(IN_FLIGHT, PENDING);
            case IN_FLIGHT -> EnumSet.of(DELIVERED, PENDING, DEAD, DISABLED);
            case DELIVERED, DEAD, DISABLED -> EnumSet.of(PENDING);
        };
    }
}
