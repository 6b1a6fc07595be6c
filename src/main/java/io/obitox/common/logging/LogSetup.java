package io.obitox.common.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import java.util.Map;

/**
 * Logging for the app, set up in code (found by logback through {@code META-INF/services}): a rolling file in the
 * app home ({@code obitox.log.dir}, set by the launcher), every line redacted, nothing on the console (stdout and
 * stderr belong to the CLI's user). Code instead of logback.xml because parsing XML at every start costs a few
 * hundred milliseconds. Where a {@code logback-test.xml} is on the class path (the test suite), that one wins.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n%ex";
    private static final Map<String, Level> LEVELS = Map.of(
            "io.obitox", Level.INFO,
            "org.gaul.s3proxy", Level.WARN,
            // logs every client error (e.g. an unsupported ?cors request) at ERROR; the client gets the error anyway
            "org.gaul.s3proxy.S3ProxyHandler", Level.OFF,
            "org.eclipse.jetty", Level.WARN,
            "org.flywaydb", Level.WARN,
            "software.amazon.awssdk", Level.WARN,
            "org.apache.http", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        String dir = System.getProperty("obitox.log.dir", System.getProperty("java.io.tmpdir") + "/obitox-logs");
        String name = System.getProperty("obitox.log.name", "obitox");

        RedactingLayout layout = new RedactingLayout();
        layout.setContext(context);
        layout.setPattern(PATTERN);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();

        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dir + "/" + name + ".log");
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(dir + "/" + name + ".%i.log");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(5);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("10MB"));
        trigger.start();
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        file.setEncoder(encoder);
        file.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(file);
        LEVELS.forEach((logger, level) -> context.getLogger(logger).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
