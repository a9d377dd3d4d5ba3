package org.mlagateway.message;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.SchemaFactory;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.EntityResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * The one hardened XML factory of the gateway (OWASP XXE prevention; docs/protocol.md#limits: DTDs are
 * refused). Every parser it makes refuses DTDs (so no entity expansion and no external entities),
 * never fetches an external DTD or schema, and runs in secure-processing mode. The JDK's built-in
 * implementations are used on purpose so the features below are known to be honoured.
 *
 * <p>An instance parses to DOM with an element-depth limit, which callers take from the configured
 * {@code limits.maxXmlDepth}; the size limit is applied by the caller before parsing starts. The
 * static methods make the SAX reader, DOM builder and schema factory of the message codec.
 */
public final class SafeXml {
    private static final String MAX_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";
    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String EXTERNAL_GENERAL = "http://xml.org/sax/features/external-general-entities";
    private static final String EXTERNAL_PARAMETER = "http://xml.org/sax/features/external-parameter-entities";
    private static final String LOAD_EXTERNAL_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";

    private final DocumentBuilderFactory factory;
    private final int maxDepth;
    /**
     * A builder per thread: making one costs more than parsing a small envelope. The JDK's builder
     * drops its reference to the document after each parse, so reuse keeps nothing alive.
     */
    private final ThreadLocal<DocumentBuilder> builders = ThreadLocal.withInitial(this::newBuilder);

    public SafeXml(int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be positive; got " + maxDepth);
        }
        this.maxDepth = maxDepth;
        try {
            factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(EXTERNAL_GENERAL, false);
            factory.setFeature(EXTERNAL_PARAMETER, false);
            factory.setFeature(LOAD_EXTERNAL_DTD, false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setAttribute(MAX_DEPTH, maxDepth);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be hardened", e);
        }
    }

    private DocumentBuilder newBuilder() {
        try {
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    public Document parse(byte[] bytes) {
        DocumentBuilder builder = builders.get();
        builder.setErrorHandler(SILENT);
        builder.setEntityResolver(REFUSE_ENTITIES);
        try {
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (SAXParseException e) {
            throw new GatewayException(
                    ErrorCode.MALFORMED_MESSAGE,
                    "not well-formed XML at line " + e.getLineNumber() + ": " + safe(e.getMessage()));
        } catch (SAXException | IOException e) {
            throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "not well-formed XML: " + safe(e.getMessage()));
        }
    }

    /** An empty document to build into, from this thread's hardened builder. */
    public Document newDocument() {
        return builders.get().newDocument();
    }

    /** Depth limits apply to decrypted content too (docs/protocol.md#structure-and-wrapping). */
    public void checkDepth(Element root) {
        if (depth(root, 1) > maxDepth) {
            throw new GatewayException(
                    ErrorCode.MALFORMED_MESSAGE, "the decrypted content nests deeper than " + maxDepth + " elements");
        }
    }

    private int depth(Node node, int level) {
        int max = level;
        for (Node child = node.getFirstChild(); child != null && max <= maxDepth; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                max = Math.max(max, depth(child, level + 1));
            }
        }
        return max;
    }

    /** The element-depth limit this parser enforces. */
    public int maxDepth() {
        return maxDepth;
    }

    /** A namespace-aware SAX reader; a new one per call, since readers are not thread-safe. */
    public static XMLReader newReader() {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(EXTERNAL_GENERAL, false);
            factory.setFeature(EXTERNAL_PARAMETER, false);
            factory.setFeature(LOAD_EXTERNAL_DTD, false);
            XMLReader reader = factory.newSAXParser().getXMLReader();
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("The JDK SAX parser does not support the hardening features", e);
        }
    }

    /**
     * A namespace-aware DOM builder with the same hardening but no depth limit, for documents the
     * gateway builds or has already validated itself; input from outside goes through
     * {@link #parse(byte[])} or {@link #newReader()}.
     */
    public static DocumentBuilder newDocumentBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK DOM builder does not support the hardening features", e);
        }
    }

    /**
     * A schema factory that may read only local schema files (our own, from the class path:
     * {@code file} in development, {@code jar} when packaged) and never a DTD.
     */
    public static SchemaFactory newSchemaFactory() {
        try {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
            return factory;
        } catch (SAXException e) {
            throw new IllegalStateException("The JDK schema factory does not support the hardening properties", e);
        }
    }

    /** Parser messages name constructs, never content; still, cut them short. */
    private static String safe(String message) {
        if (message == null) {
            return "";
        }
        return message.length() > 160 ? message.substring(0, 160) : message;
    }

    private static final EntityResolver REFUSE_ENTITIES = (publicId, systemId) -> {
        throw new SAXException("external entities are refused");
    };

    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
