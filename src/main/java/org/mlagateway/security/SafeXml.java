package org.mlagateway.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.EntityResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Hardened DOM parsing of envelopes: DTDs are refused (so no entity expansion and no external
 * entities), external resources are never fetched, and element depth is limited. The size limit is
 * applied by the caller before parsing starts.
 */
public final class SafeXml {
    private static final String MAX_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    private final DocumentBuilderFactory factory;
    private final int maxDepth;
    /**
     * A builder per thread: making one costs more than parsing a small envelope. The JDK's builder
     * drops its reference to the document after each parse, so reuse keeps nothing alive.
     */
    private final ThreadLocal<DocumentBuilder> builders = ThreadLocal.withInitial(this::newBuilder);

    public SafeXml(int maxDepth) {
        this.maxDepth = maxDepth;
        try {
            factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
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
            throw new GatewayException(ErrorCode.MALFORMED_MESSAGE,
                    "not well-formed XML at line " + e.getLineNumber() + ": " + safe(e.getMessage()));
        } catch (SAXException | IOException e) {
            throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "not well-formed XML: " + safe(e.getMessage()));
        }
    }

    Document newDocument() {
        return builders.get().newDocument();
    }

    /** Depth limits apply to decrypted content too (docs/protocol.md#structure-and-wrapping. */
    void checkDepth(Element root) {
        if (depth(root, 1) > maxDepth) {
            throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "the decrypted content nests deeper than "
                    + maxDepth + " elements");
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
        public void warning(SAXParseException e) {
        }

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
