package org.mlagateway.message.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xml.sax.SAXParseException;

/**
 * Turns a schema validator error into a detail that is safe for the operator log and a remote
 * fault: position, element names and what the schema expected. The validator's own message is
 * never copied, because for value errors it quotes the offending value (personal data, possibly).
 */
final class SchemaErrorDetail {

    private static final Pattern KEY = Pattern.compile("^(cvc-[A-Za-z0-9.\\-]+):");
    private static final Pattern BRACES = Pattern.compile("'\\{([^}]*)}'");
    private static final Pattern QUALIFIED = Pattern.compile("^\"([^\"]*)\":(.+)$");
    private static final Pattern ATTRIBUTE =
            Pattern.compile("^cvc-complex-type\\.4: [^']*'([A-Za-z_:][A-Za-z0-9_:.\\-]{0,63})'");

    private SchemaErrorDetail() {}

    static String describe(SAXParseException e, ElementTracker where) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher m = KEY.matcher(message);
        String key = m.find() ? m.group(1) : "schema";
        return position(e) + explain(key, message, where) + " (" + key + ")";
    }

    static String position(SAXParseException e) {
        if (e.getLineNumber() < 0) {
            return "";
        }
        return "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": ";
    }

    private static String explain(String key, String message, ElementTracker where) {
        String current = quote(where.current());
        switch (key) {
            case "cvc-complex-type.2.4.a":
                return "in " + quote(where.parent()) + ": " + expected(message) + ", found " + current;
            case "cvc-complex-type.2.4.b":
                return "in " + current + ": content is incomplete, " + expected(message);
            case "cvc-complex-type.2.4.c":
            case "cvc-complex-type.2.4.d":
                return "in " + quote(where.parent()) + ": element " + current + " is not allowed here";
            case "cvc-complex-type.4":
                return "element " + current + ": required attribute " + attribute(message) + " is missing";
            case "cvc-complex-type.3.2.2":
                return "element " + current + ": an attribute is not allowed here";
            case "cvc-complex-type.2.1":
            case "cvc-complex-type.2.3":
                return "element " + current + ": text content is not allowed here";
            case "cvc-elt.1.a":
                return "the root element must be 'msg:Message'";
            default:
                return subject(where) + ": " + valueProblem(key);
        }
    }

    private static String subject(ElementTracker where) {
        String element = quote(where.current());
        return where.inStartTag() ? "an attribute of element " + element : "element " + element;
    }

    private static String valueProblem(String key) {
        if (key.startsWith("cvc-enumeration")) {
            return "value is not one of the allowed codes";
        }
        if (key.startsWith("cvc-pattern")) {
            return "value does not have the required form";
        }
        if (key.startsWith("cvc-datatype") || key.startsWith("cvc-type") || key.startsWith("cvc-attribute")) {
            return "value is not valid for its type";
        }
        if (key.contains("Length") || key.startsWith("cvc-length")) {
            return "value has a length outside the allowed range";
        }
        if (key.contains("Inclusive") || key.contains("Exclusive") || key.contains("Digits")) {
            return "value is outside the allowed range";
        }
        if (key.startsWith("cvc-elt.5") || key.startsWith("cvc-au")) {
            return "value differs from the fixed value";
        }
        return "content does not conform to the schema";
    }

    private static String expected(String message) {
        List<String> names = expectedNames(message);
        if (names.isEmpty()) {
            return "unexpected content";
        }
        if (names.size() == 1) {
            return "element " + names.get(0) + " is required here";
        }
        return "expected one of " + String.join(", ", names);
    }

    /** The last brace group of the validator's message lists the expected elements, all from the schema. */
    private static List<String> expectedNames(String message) {
        Matcher braces = BRACES.matcher(message);
        String last = null;
        while (braces.find()) {
            last = braces.group(1);
        }
        List<String> names = new ArrayList<>();
        if (last == null) {
            return names;
        }
        for (String item : last.split(",")) {
            Matcher q = QUALIFIED.matcher(item.trim());
            String name = q.matches() ? Names.display(q.group(1), q.group(2)) : Names.display("", item.trim());
            names.add(quote(name));
        }
        return names;
    }

    private static String attribute(String message) {
        Matcher m = ATTRIBUTE.matcher(message);
        if (!m.find()) {
            return "(unnamed)";
        }
        String name = m.group(1);
        return quote("lang".equals(name) ? "xml:lang" : name);
    }

    private static String quote(String name) {
        return name.startsWith("(") ? name : "'" + name + "'";
    }
}
