package org.mlagateway.message.internal;

import java.util.regex.Pattern;
import org.mlagateway.message.Namespaces;

/** Display names for elements in error details: only names, never text content. */
public final class Names {

    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
    private static final Pattern NCNAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,63}");

    private Names() {}

    /**
     * {@code msg:Header} for our namespaces. Names in other namespaces are not ours to repeat:
     * a sender could put anything there, so they are described, not quoted.
     */
    public static String display(String uri, String localName) {
        if (!NCNAME.matcher(localName).matches()) {
            return "(unnamed element)";
        }
        if (Namespaces.MSG.equals(uri)) {
            return "msg:" + localName;
        }
        if (Namespaces.EXC.equals(uri)) {
            return "exc:" + localName;
        }
        if (XML_NS.equals(uri)) {
            return "xml:" + localName;
        }
        return "(element outside the message namespace)";
    }
}
