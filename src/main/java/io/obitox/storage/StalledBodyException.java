package io.obitox.storage;

import java.io.IOException;
import java.time.Duration;

/**
 * A request aborted by {@link BodyStallGuard} because the server stopped taking its body; {@link S3Errors} reports it
 * as a {@code TIMEOUT}, which the transfer engine retries. The message is meant for the user.
 */
final class StalledBodyException extends IOException {
    private static final long serialVersionUID = 1L;

    StalledBodyException(Duration limit, boolean afterLastByte) {
        super(
                afterLastByte
                        ? "The storage server stopped taking the data: the last bytes were not taken or not answered"
                                + " within " + format(limit) + "."
                        : "The storage server stopped taking the data: nothing could be sent for " + format(limit)
                                + ".");
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
