package org.mlagateway.message;

/**
 * Every namespace URI the gateway writes or looks for, in one place: the SOAP 1.2 envelope
 * (W3C SOAP 1.2 Part 1), WS-Security 1.0/1.1 and its utility schema (OASIS WSS), XML Signature,
 * XML Encryption 1.0/1.1, and the gateway's own message and exchange namespaces (docs/protocol.md).
 * It sits in the lowest package that needs them so every capability can use it. Algorithm
 * identifiers are not here: {@code security.AlgorithmPolicy} owns those.
 */
public final class Namespaces {
    public static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    public static final String WSSE =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public static final String WSU =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    public static final String WSSE11 = "http://docs.oasis-open.org/wss/oasis-wss-wssecurity-secext-1.1.xsd";
    public static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    public static final String XENC = "http://www.w3.org/2001/04/xmlenc#";
    public static final String XENC11 = "http://www.w3.org/2009/xmlenc11#";
    /** The gateway's message schema (schemas/message.xsd). */
    public static final String MSG = "urn:mla-gateway:message:1";
    /** The gateway's exchange vocabulary: receipts, fault details, the deliver operation. */
    public static final String EXC = "urn:mla-gateway:exchange:1";
    /** The namespace of the placeholder the listener hands CXF in place of the raw envelope; never on the wire. */
    public static final String TRANSPORT = "urn:mla-gateway:transport";
    /** The prefix of the API's problem type URIs (RFC 9457 {@code type}); the error code's wire name follows. */
    public static final String PROBLEM_TYPE = "urn:mla-gateway:problem:";
    /** XML Encryption's Type for encrypted element content (XML Encryption 1.0, section 3.1). */
    public static final String XENC_CONTENT = XENC + "Content";

    public static final String X509_V3 =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";
    public static final String BASE64_BINARY =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
    public static final String SKI_VALUE_TYPE =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509SubjectKeyIdentifier";

    private Namespaces() {}
}
