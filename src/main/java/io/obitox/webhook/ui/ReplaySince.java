package io.obitox.webhook.ui;

import java.time.Duration;

/** How far back "Replay failed" reaches. */
public enum ReplaySince {
    HOUR(Duration.ofHours(1)),
    DAY(Duration.ofDays(1)),
    WEEK(Duration.ofDays(7)),
    MONTH(Duration.ofDays(30));

    private final Duration span;

    ReplaySince(Duration span) {
        this.span = span;
    }

    Duration span() {
        return span;
    }

    /** The key of how this span reads, e.g. "the last 24 hours". */
    String key() {
        return "webhooks.since." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
