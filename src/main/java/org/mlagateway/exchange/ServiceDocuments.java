package org.mlagateway.exchange;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

/**
 * The WSDL of the exchange binding, with its WS-SecurityPolicy, at {@code ?wsdl}, and the schemas
 * it imports at {@code ?xsd=NAME}, from the copies inside the jar. Schema locations are rewritten
 * to these query URLs so that a client can resolve them from the endpoint alone. Anything else on
 * GET is 404: the external listener serves nothing but this endpoint and its documents.
 */
final class ServiceDocuments {
    private static final Set<String> SCHEMAS = Set.of(
            "message.xsd", "common.xsd", "codes.xsd", "requests.xsd", "responses.xsd", "xml.xsd", "exchange.xsd");
    private static final String ADDRESS_PLACEHOLDER = "https://localhost/exchange/v1";

    private final Map<String, String> texts;
    private final String endpointName;

    ServiceDocuments(String endpointPath) {
        this.endpointName = endpointPath.substring(endpointPath.lastIndexOf('/') + 1);
        java.util.HashMap<String, String> loaded = new java.util.HashMap<>();
        loaded.put("wsdl", relink(load("exchange.wsdl")));
        for (String name : SCHEMAS) {
            loaded.put(name, relink(load(name)));
        }
        this.texts = Map.copyOf(loaded);
    }

    /** Answers a GET on the endpoint and ends the exchange there. */
    void answer(Message message) {
        String query = (String) message.get(Message.QUERY_STRING);
        String key = query == null
                ? null
                : query.equalsIgnoreCase("wsdl") ? "wsdl" : query.startsWith("xsd=") ? query.substring(4) : null;
        String text = key == null ? null : texts.get(key);
        HttpServletResponse response = (HttpServletResponse) message.get(AbstractHTTPDestination.HTTP_RESPONSE);
        try {
            if (text == null) {
                response.setStatus(HttpServletResponse.SC_NOT_FOUND);
                response.setContentType("text/plain; charset=UTF-8");
                write(response, "Not Found\r\n");
            } else {
                response.setStatus(HttpServletResponse.SC_OK);
                response.setContentType("text/xml; charset=UTF-8");
                String address = requestAddress(message);
                write(response, "wsdl".equals(key) ? text.replace(ADDRESS_PLACEHOLDER, address) : text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        message.getInterceptorChain().abort();
    }

    /** Answers 404 to a GET on an endpoint without documents (the AS4 endpoint) and ends the exchange. */
    static void notFound(Message message) {
        HttpServletResponse response = (HttpServletResponse) message.get(AbstractHTTPDestination.HTTP_RESPONSE);
        try {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("text/plain; charset=UTF-8");
            write(response, "Not Found\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        message.getInterceptorChain().abort();
    }

    private static void write(HttpServletResponse response, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
    }

    /** The address the client used (its Host header), so the WSDL points back where it came from. */
    private static String requestAddress(Message message) {
        HttpServletRequest request = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
        String host = request == null ? null : request.getHeader("Host");
        if (host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,255}")) {
            return ADDRESS_PLACEHOLDER;
        }
        return "https://" + host + request.getRequestURI();
    }

    /** schemaLocation="x.xsd" becomes "v1?xsd=x.xsd", relative to the endpoint URL. */
    private String relink(String text) {
        String out = text;
        for (String name : SCHEMAS) {
            out = out.replace(
                    "schemaLocation=\"" + name + "\"", "schemaLocation=\"" + endpointName + "?xsd=" + name + "\"");
        }
        return out;
    }

    private static String load(String name) {
        try (InputStream in = ServiceDocuments.class.getResourceAsStream("/schemas/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing /schemas/" + name + " in the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
