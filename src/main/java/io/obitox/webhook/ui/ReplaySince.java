package io.obitox.webhook.ui;

import java.time.Duration;

/** How far back "Replay failed" reaches. */
public enum ReplaySince {
    HOUR("the last hour", Duration.ofHours(1)),
    DAY("the last 24 hours", Duration.ofDays(1)),
    WEEK("the last 7 days", Duration.ofDays(7)),
    MONTH("the last 30 days", Duration.ofDays(30));

    private final String label;
    private final Duration span;

    ReplaySince(String label, Duration span) {
        this.label = label;
        this.span = span;
    }

    Duration span() {
        return span;
    }

    @Override
    public String toString() {
        return label;
    }
}
