package org.mlagateway.security;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * An AS4 message as it travels: a {@code multipart/related} package (SOAP with Attachments) whose
 * first part is the SOAP 1.2 envelope and whose further parts are the payloads, each named by its
 * {@code Content-ID} (docs/as4.md#the-message). Parsing holds every part to the limits: at most
 * {@code maxParts} payload parts, and each part, the envelope included, at most the envelope limit
 * (the whole request is already bounded by it). Nothing here judges the security of a part.
 */
public record As4Mime(byte[] envelope, List<Part> parts) {
    /** The HTTP content type of a SOAP 1.2 envelope, the root part. */
    public static final String SOAP_TYPE = "application/soap+xml";

    /** One payload part: its Content-ID without angle brackets, its MIME headers and its bytes. */
    public record Part(String contentId, Map<String, String> headers, byte[] bytes) {
        public Part {
            Objects.requireNonNull(contentId, "contentId");
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public String contentType() {
            return header("Content-Type");
        }

        /** A header by name, case-insensitively, or null. */
        public String header(String name) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        }
    }

    public As4Mime {
        envelope = envelope.clone();
        parts = List.copyOf(parts);
    }

    @Override
    public byte[] envelope() {
        return envelope.clone();
    }

    /** The payload part named {@code cid:<id>} or {@code <id>}, or null. */
    public Part part(String reference) {
        String id = reference.startsWith("cid:") ? reference.substring(4) : reference;
        for (Part p : parts) {
            if (p.contentId().equals(id)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Reads a request body of HTTP content type {@code contentType}. A body that is not a
     * {@code multipart/related} package with a SOAP 1.2 root part is {@code MalformedMessage}; more parts
     * than allowed, or a part over the limit, is {@code MessageTooLarge}.
     */
    public static As4Mime parse(byte[] body, String contentType, int maxParts, long maxPartBytes) {
        ContentType type;
        try {
            type = new ContentType(contentType == null ? "" : contentType);
        } catch (ParseException e) {
            throw malformed("the content type cannot be read");
        }
        if (type.match(SOAP_TYPE)) {
            return new As4Mime(body, List.of());
        }
        if (!type.match("multipart/related") || type.getParameter("boundary") == null) {
            throw malformed("the request is neither multipart/related nor a SOAP 1.2 envelope");
        }
        try {
            MimeMultipart multipart = new MimeMultipart(new ByteArrayDataSource(body, contentType));
            int count = multipart.getCount();
            if (count < 1) {
                throw malformed("the package has no parts");
            }
            if (count - 1 > maxParts) {
                throw new GatewayException(
                        ErrorCode.MESSAGE_TOO_LARGE, "the package has " + (count - 1) + " payload parts");
            }
            BodyPart root = multipart.getBodyPart(0);
            if (root.getContentType() == null || !new ContentType(root.getContentType()).match(SOAP_TYPE)) {
                throw malformed("the first part is not a SOAP 1.2 envelope");
            }
            byte[] envelope = read(root, maxPartBytes);
            List<Part> parts = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                BodyPart part = multipart.getBodyPart(i);
                Map<String, String> headers = headers(part);
                String id = unbracket(headers.get("Content-ID"));
                if (id == null || id.isEmpty()) {
                    throw malformed("payload part " + i + " has no Content-ID");
                }
                for (Part earlier : parts) {
                    if (earlier.contentId().equals(id)) {
                        throw malformed("two parts share Content-ID " + id);
                    }
                }
                parts.add(new Part(id, headers, read(part, maxPartBytes)));
            }
            return new As4Mime(envelope, parts);
        } catch (MessagingException | IOException e) {
            throw malformed("the MIME package cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The package as bytes, with the HTTP content type that names its boundary. */
    public record Written(byte[] body, String contentType) {}

    /** Writes the package: the envelope as the root part, then each part with its headers, in binary. */
    public Written write() {
        String boundary = "MIMEBoundary_" + UUID.randomUUID().toString().replace("-", "");
        String rootId = "root." + UUID.randomUUID() + "@mla-gateway";
        ByteArrayOutputStream out = new ByteArrayOutputStream(envelope.length + 1024);
        ascii(
                out,
                "--" + boundary + "\r\nContent-Type: " + SOAP_TYPE + "; charset=UTF-8\r\n"
                        + "Content-Transfer-Encoding: binary\r\nContent-ID: <" + rootId + ">\r\n\r\n");
        out.writeBytes(envelope);
        for (Part part : parts) {
            ascii(out, "\r\n--" + boundary + "\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            part.headers().forEach((k, v) -> {
                if (!k.equalsIgnoreCase("Content-ID") && !k.equalsIgnoreCase("Content-Transfer-Encoding")) {
                    headers.put(k, v);
                }
            });
            headers.put("Content-Transfer-Encoding", "binary");
            headers.put("Content-ID", "<" + part.contentId() + ">");
            headers.forEach((k, v) -> ascii(out, k + ": " + v + "\r\n"));
            ascii(out, "\r\n");
            out.writeBytes(part.bytes);
        }
        ascii(out, "\r\n--" + boundary + "--\r\n");
        String contentType = "multipart/related; boundary=\"" + boundary + "\"; type=\"" + SOAP_TYPE + "\"; start=\"<"
                + rootId + ">\"";
        return new Written(out.toByteArray(), contentType);
    }

    private static Map<String, String> headers(BodyPart part) throws MessagingException {
        Map<String, String> headers = new LinkedHashMap<>();
        Enumeration<jakarta.mail.Header> all = part.getAllHeaders();
        while (all.hasMoreElements()) {
            jakarta.mail.Header h = all.nextElement();
            String name = canonicalName(h.getName());
            if (headers.containsKey(name)) {
                throw malformed("part header " + name + " appears twice");
            }
            headers.put(name, h.getValue().strip());
        }
        return headers;
    }

    /** MIME header names are case-insensitive; WSS4J looks them up in this spelling. */
    private static String canonicalName(String name) {
        for (String known : List.of(
                "Content-ID",
                "Content-Type",
                "Content-Transfer-Encoding",
                "Content-Description",
                "Content-Disposition",
                "Content-Location")) {
            if (known.equalsIgnoreCase(name)) {
                return known;
            }
        }
        return name;
    }

    private static byte[] read(BodyPart part, long maxBytes) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new GatewayException(ErrorCode.MESSAGE_TOO_LARGE, "a part exceeds " + maxBytes + " bytes");
            }
            return bytes;
        }
    }

    static String unbracket(String id) {
        if (id == null) {
            return null;
        }
        String s = id.strip();
        return s.startsWith("<") && s.endsWith(">") ? s.substring(1, s.length() - 1) : s;
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static GatewayException malformed(String detail) {
        return new GatewayException(ErrorCode.MALFORMED_MESSAGE, detail);
    }
}
