package io.obitox.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a {@code Retry-After} header: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). Stateless. */
final class RetryAfter {
    /** A receiver cannot push a delivery further out than this with one answer. */
    static final Duration MAX = Duration.ofDays(1);

    private RetryAfter() {}

    static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        Duration d;
        if (v.matches("\\d{1,10}")) {
            d = Duration.ofSeconds(Long.parseLong(v));
        } else {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                d = Duration.between(now, at);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        return Optional.of(d.compareTo(MAX) > 0 ? MAX : d);
    }
}
