package org.mlagateway.exchange;

import org.mlagateway.error.ErrorCode;
import org.mlagateway.message.Namespaces;
import org.mlagateway.message.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A partner's SOAP 1.2 fault, read from its {@code exc:ErrorDetail} (or, from a stack that does
 * not send one, from the {@code exc:} Subcode and the Reason). Everything in it is the partner's
 * text, so it is cleaned and cut ({@link PartnerText}) before we keep it, and its code counts only
 * if it is one of the protocol's fault codes: anything else is {@link ErrorCode#PARTNER_FAULT},
 * with the partner's own code kept in {@link #detail()} for operators.
 *
 * @param code      a fault code of docs/protocol.md#faults, or PartnerFault
 * @param retryable the fault's {@code exc:Retryable}; null when it did not say (or was not a fault)
 * @param detail    what the partner said, cleaned: its code and Reason, at most a few hundred characters
 */
record PartnerAnswer(ErrorCode code, Boolean retryable, String detail) {
    private static final String SOAP12 = Namespaces.SOAP12;
    private static final String EXC = Namespaces.EXC;

    static PartnerAnswer fault(byte[] body, SafeXml xml) {
        Document doc;
        try {
            doc = xml.parse(body);
        } catch (RuntimeException e) {
            // Not well-formed, or refused by the hardened parser: say only that it could not be read.
            return new PartnerAnswer(ErrorCode.PARTNER_FAULT, null, "no readable SOAP fault");
        }
        Element fault = first(doc, SOAP12, "Fault");
        if (fault == null) {
            return new PartnerAnswer(ErrorCode.PARTNER_FAULT, null, "no SOAP fault");
        }
        Element errorDetail = first(fault, EXC, "ErrorDetail");
        String rawCode = errorDetail != null ? text(errorDetail, EXC, "Code") : subcode(fault);
        String retryable = errorDetail != null ? text(errorDetail, EXC, "Retryable") : null;
        Element reason = first(fault, SOAP12, "Reason");
        String said = PartnerText.clean(rawCode, PartnerText.MAX_CODE);
        String why = PartnerText.clean(reason == null ? null : text(reason, SOAP12, "Text"), PartnerText.MAX_REASON);
        return new PartnerAnswer(
                known(said),
                flag(retryable),
                "partner fault " + (said == null ? "without a code" : said) + (why == null ? "" : ": " + why));
    }

    private static ErrorCode known(String code) {
        for (ErrorCode c : ErrorCode.values()) {
            // only the protocol's fault codes: a partner cannot make us record an API or outbound code
            if (c.scope() == ErrorCode.Scope.WIRE && c.wireName().equals(code)) {
                return c;
            }
        }
        return ErrorCode.PARTNER_FAULT;
    }

    /** xsd:boolean (XML Schema Part 2 §3.2.2.1): true, false, 1 or 0; anything else did not say. */
    private static Boolean flag(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip()) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static String subcode(Element fault) {
        Element subcode = first(fault, SOAP12, "Subcode");
        String value = subcode == null ? null : text(subcode, SOAP12, "Value");
        return value == null ? null : value.replaceFirst("^[^:]*:", "");
    }

    private static Element first(Document doc, String ns, String name) {
        return (Element) doc.getElementsByTagNameNS(ns, name).item(0);
    }

    private static Element first(Element parent, String ns, String name) {
        return (Element) parent.getElementsByTagNameNS(ns, name).item(0);
    }

    private static String text(Element parent, String ns, String name) {
        Node n = parent.getElementsByTagNameNS(ns, name).item(0);
        return n == null ? null : n.getTextContent();
    }
}
