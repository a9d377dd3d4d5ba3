package org.mlagateway.exchange;

import java.nio.charset.StandardCharsets;
import org.mlagateway.error.ErrorCode;

/**
 * SOAP 1.2 faults of the exchange binding (PROTOCOL.md "Faults"): Code {@code soap:Sender} or
 * {@code soap:Receiver}, Subcode {@code exc:<ErrorCode>}, a short English Reason, and
 * {@code exc:ErrorDetail} with the code, the correlation id operators find in the log, and whether
 * a retry may succeed. The text comes from the error catalogue only: never input, never a stack
 * trace. DecryptionFailed, like every code, says nothing more than its catalogue sentence.
 */
final class Faults {
    static final String CONTENT_TYPE = "application/soap+xml; charset=UTF-8";

    private Faults() {
    }

    static byte[] fault(ErrorCode code, String correlationId) {
        String soapCode = code.category() == ErrorCode.Category.SENDER ? "soap:Sender" : "soap:Receiver";
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:exc=\"urn:mla-gateway:exchange:1\"><soap:Body><soap:Fault>"
                + "<soap:Code><soap:Value>" + soapCode + "</soap:Value>"
                + "<soap:Subcode><soap:Value>exc:" + code.wireName() + "</soap:Value></soap:Subcode></soap:Code>"
                + "<soap:Reason><soap:Text xml:lang=\"en\">" + code.reason() + "</soap:Text></soap:Reason>"
                + "<soap:Detail><exc:ErrorDetail>"
                + "<exc:Code>" + code.wireName() + "</exc:Code>"
                + "<exc:CorrelationId>" + correlationId + "</exc:CorrelationId>"
                + "<exc:Retryable>" + code.retryable() + "</exc:Retryable>"
                + "</exc:ErrorDetail></soap:Detail></soap:Fault></soap:Body></soap:Envelope>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
