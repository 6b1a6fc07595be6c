package io.obitox.webhook;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dispatcher's bookkeeping: deliveries running (at most {@code parallelism}, at most {@code perEndpoint} per
 * endpoint) and deliveries claimed ahead (IN_FLIGHT in the database, owned by this process, not started yet). Claiming
 * up to twice the slots ahead means one claim transaction serves many deliveries (each H2 commit costs about a
 * millisecond); the rows are this process's, so a crash hands them back like running ones.
 *
 * <p>Thread-safe (synchronized): the dispatcher thread and the delivery threads use it.
 */
final class Slots {
    private final ArrayDeque<DeliveryQueue.Outgoing> ready = new ArrayDeque<>();
    private final Map<String, Integer> running = new HashMap<>();
    private final Map<String, Integer> held = new HashMap<>();
    private int inFlight;

    /** Claimed rows wait here until a slot for their endpoint is free. */
    synchronized void claimed(List<DeliveryQueue.Outgoing> rows) {
        for (DeliveryQueue.Outgoing o : rows) {
            ready.add(o);
            held.merge(o.endpointId(), 1, Integer::sum);
        }
    }

    /** Takes the waiting rows that fit the limits now and counts them as running. */
    synchronized List<DeliveryQueue.Outgoing> start(WebhookSettings s) {
        List<DeliveryQueue.Outgoing> out = new ArrayList<>();
        Iterator<DeliveryQueue.Outgoing> it = ready.iterator();
        while (it.hasNext() && inFlight < s.parallelism()) {
            DeliveryQueue.Outgoing o = it.next();
            if (running.getOrDefault(o.endpointId(), 0) < s.perEndpoint()) {
                it.remove();
                decrement(held, o.endpointId());
                running.merge(o.endpointId(), 1, Integer::sum);
                inFlight++;
                out.add(o);
            }
        }
        return out;
    }

    /** A delivery ended (or could not start). */
    synchronized void finished(String endpointId) {
        inFlight--;
        decrement(running, endpointId);
    }

    /** How many rows may be claimed now: up to twice the slots in all, twice {@code perEndpoint} per endpoint. */
    synchronized List<String> choose(List<DeliveryQueue.Due> due, WebhookSettings s) {
        int budget = 2 * s.parallelism() - inFlight - ready.size();
        Map<String, Integer> per = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (DeliveryQueue.Due d : due) {
            if (out.size() >= budget) {
                break;
            }
            int n = per.computeIfAbsent(d.endpointId(), k -> running.getOrDefault(k, 0) + held.getOrDefault(k, 0));
            if (n < 2 * s.perEndpoint()) {
                per.put(d.endpointId(), n + 1);
                out.add(d.id());
            }
        }
        return out;
    }

    /**
     * True when claimed rows are running out: nothing waits, an endpoint of {@code watch} (those that had more due
     * rows than they could take) has at most half its slots' worth waiting, or half the claim budget is free again.
     * Claiming then fetches a batch instead of one row per finished delivery.
     */
    synchronized boolean runningLow(WebhookSettings s, Set<String> watch) {
        if (ready.isEmpty() || 2 * s.parallelism() - inFlight - ready.size() >= Math.max(1, s.parallelism() / 2)) {
            return true;
        }
        for (String endpoint : watch) {
            if (held.getOrDefault(endpoint, 0) <= s.perEndpoint() / 2) {
                return true;
            }
        }
        return false;
    }

    /** Endpoints that hold all the rows they may (running and waiting): their due rows are not queried. */
    synchronized Set<String> saturated(WebhookSettings s) {
        Set<String> out = new java.util.HashSet<>();
        for (String endpoint : running.keySet()) {
            if (running.get(endpoint) + held.getOrDefault(endpoint, 0) >= 2 * s.perEndpoint()) {
                out.add(endpoint);
            }
        }
        for (String endpoint : held.keySet()) {
            if (running.getOrDefault(endpoint, 0) + held.get(endpoint) >= 2 * s.perEndpoint()) {
                out.add(endpoint);
            }
        }
        return out;
    }

    synchronized boolean canClaim(WebhookSettings s) {
        return 2 * s.parallelism() - inFlight - ready.size() > 0;
    }

    /** Nothing running and nothing claimed ahead. */
    synchronized boolean idle() {
        return inFlight == 0 && ready.isEmpty();
    }

    /** Removes the waiting rows of these endpoints (switched off meanwhile); the caller hands them back. */
    synchronized List<DeliveryQueue.Outgoing> dropWaiting(Set<String> endpointIds) {
        List<DeliveryQueue.Outgoing> out = new ArrayList<>();
        if (endpointIds.isEmpty()) {
            return out;
        }
        Iterator<DeliveryQueue.Outgoing> it = ready.iterator();
        while (it.hasNext()) {
            DeliveryQueue.Outgoing o = it.next();
            if (endpointIds.contains(o.endpointId())) {
                it.remove();
                decrement(held, o.endpointId());
                out.add(o);
            }
        }
        return out;
    }

    private static void decrement(Map<String, Integer> m, String key) {
        m.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }
}
