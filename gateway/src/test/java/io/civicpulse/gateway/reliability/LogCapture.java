// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.reliability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Captures everything logback logs (formatted message and stack trace text) while it is open, so tests can check
 * what the gateway wrote: no unexpected errors, no secrets.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final Logger root;

    LogCapture() {
        final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        setContext(context);
        setName("reliability-capture");
        start();
        root.addAppender(this);
    }

    @Override
    protected void append(final ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        events.add(event);
    }

    /** @return every captured event */
    List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    /** @return every captured line: logger, level, formatted message and the throwable's text */
    List<String> lines() {
        return events.stream().map(e -> e.getLoggerName() + " " + e.getLevel() + " " + e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getClassName() + ": "
                + e.getThrowableProxy().getMessage())).toList();
    }

    /** @return lines of events at WARN or above from the MQTT listener (a packet escaped its handling) */
    List<String> unexpectedListenerErrors() {
        return events.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
                .filter(e -> e.getLoggerName().startsWith("io.civicpulse.gateway.mqtt")
                        || e.getLoggerName().startsWith("io.civicpulse.gateway.bootstrap")
                        || e.getLoggerName().startsWith("io.netty"))
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getClassName() + ": "
                        + e.getThrowableProxy().getMessage()))
                .toList();
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
