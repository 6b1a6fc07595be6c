package io.obitox.presign;

import java.util.List;

/**
 * ObitoX's own measured upload throughputs to an endpoint (bytes per second, newest first); in the app this is
 * {@code TransferService::throughputHistory}. Blocking (a database query); called from the presigning thread.
 */
@FunctionalInterface
public interface ThroughputHistory {
    List<Double> recent(String endpointKey, int limit);

    /** No history at all: every estimate falls back to the network table. */
    static ThroughputHistory none() {
        return (key, limit) -> List.of();
    }
}
