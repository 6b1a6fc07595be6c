package io.obitox.presign;

import io.obitox.common.Sizes;
import io.obitox.common.TextRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The throughput a link's expiry assumes, and where it comes from: a network type the user chose, ObitoX's measured
 * history for the endpoint, or the table's "unknown" row when there is no history yet.
 *
 * @param samples how many measured transfers the history statistic used (0 unless {@code HISTORY})
 * @param network the table row used (null for {@code HISTORY})
 */
public record ThroughputEstimate(Source source, double bytesPerSecond, int samples, NetworkType network) {
    /** How many recent transfers the history statistic looks at. */
    public static final int HISTORY_WINDOW = 20;

    /** Where the throughput comes from. */
    public enum Source {
        /** The network type the user picked. */
        NETWORK,
        /** The lower quartile of ObitoX's recent measured transfers to this endpoint. */
        HISTORY,
        /** No history yet: the table's "unknown" row. */
        DEFAULT
    }

    /**
     * The estimate for a request: a chosen network wins (the user knows the recipient's connection); else measured
     * history; else the table's "unknown" row.
     *
     * <p>The history statistic is the lower quartile (nearest rank) of the last {@link #HISTORY_WINDOW} transfers:
     * a link must outlast a slow run, and one unusually fast transfer (a tiny file, a cached path) must not shorten
     * every link. The median would fail a quarter of the uploads that go at the usual speed or below; the best run
     * would fail most of them.
     */
    public static ThroughputEstimate of(List<Double> history, NetworkType chosen) {
        if (chosen != null) {
            return new ThroughputEstimate(Source.NETWORK, chosen.bytesPerSecond(), 0, chosen);
        }
        List<Double> usable = new ArrayList<>();
        for (Double d : history == null ? List.<Double>of() : history) {
            if (d != null && d > 0 && Double.isFinite(d) && usable.size() < HISTORY_WINDOW) {
                usable.add(d);
            }
        }
        if (usable.isEmpty()) {
            return new ThroughputEstimate(Source.DEFAULT, NetworkType.UNKNOWN.bytesPerSecond(), 0, NetworkType.UNKNOWN);
        }
        usable.sort(null);
        int rank = (int) Math.ceil(usable.size() * 0.25); // nearest-rank percentile, 1-based
        return new ThroughputEstimate(Source.HISTORY, usable.get(Math.max(rank, 1) - 1), usable.size(), null);
    }

    /** For messages: {@code 4.2 MiB/s, the lower quartile of 12 recent uploads to this endpoint}. */
    public String describe() {
        return describeText().english();
    }

    /** {@link #describe()} as a bundle reference, for a view in the user's language. */
    public TextRef describeText() {
        String rate = Sizes.rate(bytesPerSecond);
        return switch (source) {
            case NETWORK -> TextRef.of("svc.throughput.network", rate, network.label());
            case HISTORY ->
                TextRef.of(
                        samples == 1 ? "svc.throughput.history.one" : "svc.throughput.history.many",
                        rate,
                        String.valueOf(samples));
            case DEFAULT -> TextRef.of("svc.throughput.default", rate);
        };
    }
}
