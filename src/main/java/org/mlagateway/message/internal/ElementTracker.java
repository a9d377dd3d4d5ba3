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
    private final Deque<String> open = new ArrayDeque<>();
    private boolean inStartTag;

    ElementTracker(XMLReader parent, int maxDepth) {
        super(parent);
        this.maxDepth = maxDepth;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        if (open.size() >= maxDepth) {
            throw new DepthExceeded(maxDepth);
        }
        open.push(Names.display(uri, localName));
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
        open.pop();
    }

    /** The innermost open element, e.g. {@code msg:Header}; during an end tag, the element ending. */
    String current() {
        return open.isEmpty() ? "(document)" : open.peek();
    }

    /** The element enclosing {@link #current()}. */
    String parent() {
        if (open.size() < 2) {
            return "(document)";
        }
        var it = open.iterator();
        it.next();
        return it.next();
    }

    /** True while a start tag is being processed: errors then concern its attributes. */
    boolean inStartTag() {
        return inStartTag;
    }
}
