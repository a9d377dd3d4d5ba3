package org.mlagateway.exchange;

import java.time.Duration;
import org.mlagateway.error.ErrorCode;

/**
 * What the endpoint answers: an HTTP status, a SOAP 1.2 envelope (receipt or fault), and for a
 * {@code TemporarilyUnavailable} fault how long the sender should wait ({@code Retry-After}),
 * otherwise null. See {@link Faults} for the status of each fault.
 */
record ExchangeResponse(int status, byte[] body, Duration retryAfter) {
    static final int OK = 200;

    ExchangeResponse {
        body = body.clone();
    }

    static ExchangeResponse receipt(byte[] body) {
        return new ExchangeResponse(OK, body, null);
    }

    static ExchangeResponse fault(ErrorCode code, String reason, String correlationId) {
        return new ExchangeResponse(
                Faults.httpStatus(code), Faults.fault(code, reason, correlationId), Faults.retryAfter(code));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
