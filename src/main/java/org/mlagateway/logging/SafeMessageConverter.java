package org.mlagateway.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %msg} with control characters escaped ({@link ControlCharacters}): whatever a log
 * argument holds (a request path with a decoded {@code %0a}, a partner's fault string, a client id
 * as typed), the message stays on its line and cannot forge another. Registered for the
 * conversion words {@code msg}, {@code m} and {@code message} in {@code logback.xml}.
 */
public final class SafeMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return ControlCharacters.escape(super.convert(event));
    }
}
