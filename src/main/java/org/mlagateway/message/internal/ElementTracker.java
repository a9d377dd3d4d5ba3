package org.mlagateway.message.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Sits between the parser and the schema validator. It enforces the element-depth limit and
 * remembers which elements are open, so that a schema error can name the element it occurred
 * in without quoting the message's text.
 */
final class ElementTracker extends XMLFilterImpl {

    /** Thrown when the document nests deeper than allowed; the caller maps it to MalformedMessage. */
    static final class DepthExceeded extends SAXException {
        private static final long serialVersionUID = 1L;

        DepthExceeded(int limit) {
            super("element depth exceeds the limit of " + limit);
        }
    }

    private final int maxDepth;
    /**
     * Namespace and local name of each open element, innermost first. Display names are made only
     * when a detail asks for one: making them for every element cost more than tracking it.
     */
    private final Deque<String> openUris = new ArrayDeque<>();

    private final Deque<String> openNames = new ArrayDeque<>();
    private boolean inStartTag;

    ElementTracker(XMLReader parent, int maxDepth) {
        super(parent);
        this.maxDepth = maxDepth;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        if (openNames.size() >= maxDepth) {
            throw new DepthExceeded(maxDepth);
        }
        openUris.push(uri == null ? "" : uri);
        openNames.push(localName == null ? "" : localName);
        inStartTag = true;
        try {
            super.startElement(uri, localName, qName, atts);
        } finally {
            inStartTag = false;
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        super.endElement(uri, localName, qName);
        openUris.pop();
        openNames.pop();
    }

    /** The innermost open element, e.g. {@code msg:Header}; during an end tag, the element ending. */
    String current() {
        return openNames.isEmpty() ? "(document)" : Names.display(openUris.peek(), openNames.peek());
    }

    /** The element enclosing {@link #current()}. */
    String parent() {
        if (openNames.size() < 2) {
            return "(document)";
        }
        var uris = openUris.iterator();
        var names = openNames.iterator();
        uris.next();
        names.next();
        return Names.display(uris.next(), names.next());
    }

    /** True while a start tag is being processed: errors then concern its attributes. */
    boolean inStartTag() {
        return inStartTag;
    }
}
