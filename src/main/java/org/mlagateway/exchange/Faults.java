package org.mlagateway.exchange;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.message.Namespaces;

/**
 * SOAP 1.2 faults of the exchange binding (docs/protocol.md#faults: Code {@code soap:Sender} or
 * {@code soap:Receiver}, Subcode {@code exc:<ErrorCode>}, a short English Reason, and
 * {@code exc:ErrorDetail} with the code, the correlation id operators find in the log, and whether
 * a retry may succeed. The text comes from the error catalogue, or from a fixed sentence a step
 * chose (see {@link org.mlagateway.error.GatewayException#reason()}): never input, never a stack
 * trace. DecryptionFailed, like every code, says nothing more than its catalogue sentence.
 *
 * <p>The HTTP status follows the SOAP 1.2 HTTP binding (Part 2, its table of status codes by fault
 * code): a {@code soap:Sender} fault is 400, any other fault 500; {@code TemporarilyUnavailable} is 503 with {@code
 * Retry-After}
 * (RFC 9110 §15.6.4, §10.2.3), since the sender should come back later rather than give up.
 */
final class Faults {
    static final String CONTENT_TYPE = "application/soap+xml; charset=UTF-8";
    /** What a {@code TemporarilyUnavailable} answer asks the sender to wait before retrying. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private Faults() {}

    /** The HTTP status that carries a fault of this code. */
    static int httpStatus(ErrorCode code) {
        if (code == ErrorCode.TEMPORARILY_UNAVAILABLE) {
            return 503;
        }
        return code.category() == ErrorCode.Category.SENDER ? 400 : 500;
    }

    /** The {@code Retry-After} a fault of this code carries, or null when it carries none. */
    static Duration retryAfter(ErrorCode code) {
        return code == ErrorCode.TEMPORARILY_UNAVAILABLE ? RETRY_AFTER : null;
    }

    static byte[] fault(ErrorCode code, String correlationId) {
        return fault(code, code.reason(), correlationId);
    }

    /** {@code reason}: the catalogue's sentence or one a step chose from a fixed set; escaped all the same. */
    static byte[] fault(ErrorCode code, String reason, String correlationId) {
        String soapCode = code.category() == ErrorCode.Category.SENDER ? "soap:Sender" : "soap:Receiver";
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soap:Envelope xmlns:soap=\"" + Namespaces.SOAP12 + "\""
                + " xmlns:exc=\"" + Namespaces.EXC + "\"><soap:Body><soap:Fault>"
                + "<soap:Code><soap:Value>" + soapCode + "</soap:Value>"
                + "<soap:Subcode><soap:Value>exc:" + code.wireName() + "</soap:Value></soap:Subcode></soap:Code>"
                + "<soap:Reason><soap:Text xml:lang=\"en\">" + escape(reason) + "</soap:Text></soap:Reason>"
                + "<soap:Detail><exc:ErrorDetail>"
                + "<exc:Code>" + code.wireName() + "</exc:Code>"
                + "<exc:CorrelationId>" + correlationId + "</exc:CorrelationId>"
                + "<exc:Retryable>" + code.retryable() + "</exc:Retryable>"
                + "</exc:ErrorDetail></soap:Detail></soap:Fault></soap:Body></soap:Envelope>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A whole Netty response for a fault decided before CXF sees the request (an oversized body, a
     * flood): the same status, {@code Retry-After} and envelope as the endpoint's own faults.
     */
    static FullHttpResponse httpResponse(ErrorCode code, String correlationId) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(httpStatus(code)),
                Unpooled.wrappedBuffer(fault(code, correlationId)));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        Duration retryAfter = retryAfter(code);
        if (retryAfter != null) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfter.toSeconds());
        }
        return response;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
