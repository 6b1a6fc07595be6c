package io.obitox.common.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.obitox.common.Redactor;

/** A pattern layout whose every line (message and stack trace) passes through {@link Redactor} before it is written. */
public final class RedactingLayout extends PatternLayout {
    @Override
    public String doLayout(ILoggingEvent event) {
        return Redactor.redact(super.doLayout(event));
    }
}
