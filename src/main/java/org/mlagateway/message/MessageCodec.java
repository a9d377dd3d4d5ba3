package org.mlagateway.message;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import javax.xml.transform.dom.DOMResult;
import org.apache.xml.security.Init;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.internal.Canonical;
import org.mlagateway.message.internal.CrossFieldRules;
import org.mlagateway.message.internal.DocumentDigests;
import org.mlagateway.message.internal.MessagePrefixes;
import org.mlagateway.message.internal.SchemaLoader;
import org.mlagateway.message.internal.SummaryExtractor;
import org.mlagateway.message.internal.XmlPipeline;
import org.mlagateway.message.xml.Message;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Reads, validates and writes {@code msg:Message} documents (namespace
 * {@code urn:mla-gateway:message:1}, schema {@code /schemas/message.xsd} on the class path).
 *
 * <p>Guarantees:
 * <ul>
 *   <li>{@code read} returns only messages that are well-formed and valid against the schema. The
 *       parser refuses any DOCTYPE (so no DTD, entity or external access), enforces the size and
 *       element-depth {@link Limits}, and never fetches anything over the network.</li>
 *   <li>{@code write} and {@link #toDocument} produce only schema-valid UTF-8 XML with the
 *       {@code msg} prefix.</li>
 *   <li>Error details name positions and elements, never the message's text content.</li>
 * </ul>
 *
 * <p>Failures, all as {@link GatewayException}:
 * {@link ErrorCode#MESSAGE_TOO_LARGE} over the byte or document-count limit;
 * {@link ErrorCode#MALFORMED_MESSAGE} for XML that is not well-formed, has a DOCTYPE or nests too
 * deep; {@link ErrorCode#SCHEMA_INVALID} for schema violations ({@code read}, {@code write}) and
 * broken cross-field rules ({@link #enforceRules}); {@link ErrorCode#DOCUMENT_DIGEST_MISMATCH}
 * from {@link #checkDocumentDigests}.
 *
 * <p>Build one instance at start-up and share it: it is immutable and thread-safe. It caches the
 * compiled schema and the JAXB context; parsers and (un)marshallers are made per call.
 */
public final class MessageCodec {

    /**
     * Resource limits for parsing. They come from the configured {@code limits} (maxEnvelopeBytes,
     * maxXmlDepth, maxDocuments; the defaults are LimitsConfig's), so the codec and the envelope
     * parsers apply the same values; this package cannot see the configuration, so it has none of its own.
     */
    public record Limits(long maxMessageBytes, int maxElementDepth, int maxDocuments) {

        public Limits {
            if (maxMessageBytes < 1 || maxMessageBytes > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("maxMessageBytes must be between 1 and " + (Integer.MAX_VALUE - 16)
                        + "; got " + maxMessageBytes);
            }
            if (maxElementDepth < 4) {
                throw new IllegalArgumentException("maxElementDepth must be at least 4; got " + maxElementDepth);
            }
            if (maxDocuments < 0) {
                throw new IllegalArgumentException("maxDocuments must not be negative; got " + maxDocuments);
            }
        }
    }

    private static final String SCHEMA_RESOURCE = "/schemas/message.xsd";

    private final Limits limits;
    private final JAXBContext context;
    private final XmlPipeline pipeline;

    private MessageCodec(Limits limits, JAXBContext context, XmlPipeline pipeline) {
        this.limits = limits;
        this.context = context;
        this.pipeline = pipeline;
    }

    /** Compiles the schema and the JAXB context; fails fast if either is broken. */
    public static MessageCodec create(Limits limits) {
        Objects.requireNonNull(limits, "limits");
        Init.init(); // Santuario: idempotent, needed before canonicalization
        try {
            JAXBContext context = JAXBContext.newInstance(Message.class);
            return new MessageCodec(
                    limits, context, new XmlPipeline(SchemaLoader.load(SCHEMA_RESOURCE), limits.maxElementDepth()));
        } catch (JAXBException e) {
            throw new IllegalStateException("Cannot build the JAXB context for the message model", e);
        }
    }

    public Limits limits() {
        return limits;
    }

    /** Parses and validates; see the class comment for the failures. */
    public Message read(byte[] xml) {
        Objects.requireNonNull(xml, "xml");
        return bind(xml, false);
    }

    private Message bind(byte[] xml, boolean wellFormed) {
        if (xml.length > limits.maxMessageBytes()) {
            throw new GatewayException(
                    ErrorCode.MESSAGE_TOO_LARGE,
                    "message of " + xml.length + " bytes exceeds the limit of " + limits.maxMessageBytes());
        }
        Object result;
        try {
            result = wellFormed
                    ? pipeline.unmarshalWellFormed(xml, context.createUnmarshaller())
                    : pipeline.unmarshal(xml, context.createUnmarshaller());
        } catch (JAXBException e) {
            throw new IllegalStateException("Cannot create an unmarshaller", e);
        }
        if (result instanceof JAXBElement<?> element) {
            result = element.getValue();
        }
        if (!(result instanceof Message message)) {
            throw new GatewayException(ErrorCode.SCHEMA_INVALID, "the root element must be 'msg:Message'");
        }
        int documents = message.getDocuments() == null
                ? 0
                : message.getDocuments().getDocument().size();
        if (documents > limits.maxDocuments()) {
            throw new GatewayException(
                    ErrorCode.MESSAGE_TOO_LARGE,
                    "message has " + documents + " documents; the limit is " + limits.maxDocuments());
        }
        return message;
    }

    /**
     * Reads the canonical form of an already parsed message: the same limits and schema validation
     * as {@link #read(byte[])}, without the well-formedness pass its construction makes redundant.
     */
    public Message read(CanonicalMessage canonical) {
        Objects.requireNonNull(canonical, "canonical");
        return bind(canonical.bytes(), true);
    }

    /** Reads at most the byte limit (plus one, to detect excess) from the stream; does not close it. */
    public Message read(InputStream in) throws IOException {
        byte[] xml = in.readNBytes((int) limits.maxMessageBytes() + 1);
        return read(xml);
    }

    /**
     * Reads a {@code msg:Message} element that is already parsed, e.g. the decrypted SOAP Body
     * child. It is canonicalized (exclusive C14N) and read like bytes, so the same limits and
     * checks apply; line numbers in details refer to the canonical form.
     */
    public Message read(Element messageElement) {
        Objects.requireNonNull(messageElement, "messageElement");
        return read(Canonical.exclusive(messageElement));
    }

    /** UTF-8, indented, validated after marshalling. */
    public byte[] write(Message message) {
        return marshalValid(message, true);
    }

    /**
     * The message as a new DOM document, unindented and validated. This is the form to put in a
     * SOAP Body: {@link #contentDigest(Message)} is computed over exactly this DOM.
     */
    public Document toDocument(Message message) {
        byte[] xml = marshalValid(message, false);
        try {
            return SafeXml.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("Our own validated output does not parse", e);
        }
    }

    /** Cross-field rules the schema cannot express; an empty list means all hold. */
    public List<String> checkRules(Message message) {
        Objects.requireNonNull(message, "message");
        return CrossFieldRules.check(message, marshalToDom(message));
    }

    /** Like {@link #checkRules} but fails with SchemaInvalid listing every broken rule. */
    public void enforceRules(Message message) {
        List<String> violations = checkRules(message);
        if (!violations.isEmpty()) {
            throw new GatewayException(ErrorCode.SCHEMA_INVALID, String.join("; ", violations));
        }
    }

    /** Recomputes every document's SHA-256 and size; fails with DocumentDigestMismatch at the first mismatch. */
    public void checkDocumentDigests(Message message) {
        DocumentDigests.check(Objects.requireNonNull(message, "message"));
    }

    /** The inbound checks after {@code read}, in order: cross-field rules, then document digests. */
    public void verify(Message message) {
        enforceRules(message);
        checkDocumentDigests(message);
    }

    /** {@link #verify(Message)} for a message read from {@code canonical}, whose references it reuses. */
    public void verify(Message message, CanonicalMessage canonical) {
        Objects.requireNonNull(message, "message");
        List<String> violations = CrossFieldRules.check(message, canonical.documentRefs());
        if (!violations.isEmpty()) {
            throw new GatewayException(ErrorCode.SCHEMA_INVALID, String.join("; ", violations));
        }
        checkDocumentDigests(message);
    }

    /**
     * {@link #canonicalize} together with the element's {@code msg:DocumentRef} values, for {@link
     * #read(CanonicalMessage)} and {@link #verify(Message, CanonicalMessage)}.
     */
    public CanonicalMessage canonicalForm(Element messageElement) {
        Objects.requireNonNull(messageElement, "messageElement");
        return new CanonicalMessage(Canonical.exclusive(messageElement), CrossFieldRules.documentRefs(messageElement));
    }

    /**
     * docs/protocol.md#content-digest content digest: SHA-256 over the exclusive C14N (no comments) of {@code
     * msg:Message}.
     */
    /**
     * The exclusive C14N of a {@code msg:Message} element: the form the gateway stores, reads
     * ({@link #read(byte[])}) and digests, so that one canonicalization serves all three.
     */
    public byte[] canonicalize(Element messageElement) {
        return Canonical.exclusive(Objects.requireNonNull(messageElement, "messageElement"));
    }

    public byte[] contentDigest(Element messageElement) {
        return DocumentDigests.sha256(Canonical.exclusive(Objects.requireNonNull(messageElement, "messageElement")));
    }

    /** The content digest of {@link #toDocument(Message)}'s root element. */
    public byte[] contentDigest(Message message) {
        return contentDigest(toDocument(message).getDocumentElement());
    }

    /** Indexing facts of a message that {@link #read} accepted (or that is otherwise schema-valid). */
    public MessageSummary summarize(Message message) {
        return SummaryExtractor.summarize(Objects.requireNonNull(message, "message"));
    }

    private byte[] marshalValid(Message message, boolean indent) {
        Objects.requireNonNull(message, "message");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Marshaller marshaller = marshaller();
            marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, indent);
            marshaller.marshal(message, out);
        } catch (JAXBException e) {
            throw new GatewayException(ErrorCode.SCHEMA_INVALID, "the message cannot be marshalled");
        }
        byte[] xml = out.toByteArray();
        try {
            pipeline.validate(xml);
        } catch (GatewayException e) {
            throw new GatewayException(e.code(), "the message to write is invalid: " + e.getMessage());
        }
        return xml;
    }

    private Document marshalToDom(Message message) {
        DOMResult result = new DOMResult(SafeXml.newDocumentBuilder().newDocument());
        try {
            marshaller().marshal(message, result);
        } catch (JAXBException e) {
            throw new GatewayException(ErrorCode.SCHEMA_INVALID, "the message cannot be marshalled");
        }
        return (Document) result.getNode();
    }

    private Marshaller marshaller() throws JAXBException {
        Marshaller marshaller = context.createMarshaller();
        marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
        marshaller.setProperty(MessagePrefixes.PROPERTY, new MessagePrefixes());
        return marshaller;
    }
}
