package io.obitox.presign;

import io.obitox.storage.S3Target;
import java.util.List;

/**
 * ObitoX's own measured upload throughputs to a target's endpoint (bytes per second, newest first); in the app the
 * transfer history, keyed by the transfer package's endpoint key (so presigning does not depend on the transfer
 * package). Blocking (a database query); called from the presigning thread.
 */
@FunctionalInterface
public interface ThroughputHistory {
    List<Double> recent(S3Target target, int limit);

    /** No history at all: every estimate falls back to the network table. */
    static ThroughputHistory none() {
        return (target, limit) -> List.of();
    }
}
