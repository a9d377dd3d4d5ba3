package org.mlagateway.message.internal;

import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.UnmarshallerHandler;
import jakarta.xml.bind.ValidationEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.xml.XMLConstants;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.SafeXml;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Parses message bytes in two passes, so that the two kinds of failure get their own codes:
 * <ol>
 *   <li>well-formedness and hardening (no DOCTYPE, depth limit): failure is MalformedMessage;</li>
 *   <li>schema validation streamed into the JAXB unmarshaller: failure is SchemaInvalid, with a
 *       detail naming the element and its line.</li>
 * </ol>
 * Instances are thread-safe; each thread reuses its own parser.
 */
public final class XmlPipeline {

    private final Schema schema;
    private final int maxDepth;
    /**
     * A hardened reader per thread, reused from parse to parse (each parse starts from a reset
     * parser and installs its own handlers): building one cost more than reading a small message.
     */
    private final ThreadLocal<XMLReader> readers = ThreadLocal.withInitial(SafeXml::newReader);
    /**
     * A schema validator per thread, reused after each document it saw to the end (it starts every
     * document from a reset state); one abandoned half-way is dropped. Building one per message cost
     * a twentieth of reading it.
     */
    private final ThreadLocal<ValidatorHandler> validators = ThreadLocal.withInitial(this::newValidator);

    public XmlPipeline(Schema schema, int maxDepth) {
        this.schema = schema;
        this.maxDepth = maxDepth;
    }

    /** Pass 1 only. */
    public void checkWellFormed(byte[] xml) {
        ElementTracker tracker = new ElementTracker(readers.get(), maxDepth);
        try {
            tracker.parse(source(xml));
        } catch (ElementTracker.DepthExceeded e) {
            throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, e.getMessage());
        } catch (SAXParseException e) {
            throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, SchemaErrorDetail.position(e) + malformedReason(e));
        } catch (SAXException e) {
            throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "the document is not well-formed XML");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Both passes; returns what the unmarshaller built. */
    public Object unmarshal(byte[] xml, Unmarshaller unmarshaller) {
        checkWellFormed(xml);
        return unmarshalWellFormed(xml, unmarshaller);
    }

    /**
     * Pass 2 alone, for bytes well-formed by construction (canonical output of a parsed tree); the
     * depth limit still holds and still fails as MalformedMessage.
     */
    public Object unmarshalWellFormed(byte[] xml, Unmarshaller unmarshaller) {
        UnmarshallerHandler target = unmarshaller.getUnmarshallerHandler();
        ValidationEvent[] conversion = new ValidationEvent[1];
        try {
            unmarshaller.setEventHandler(event -> {
                conversion[0] = event;
                return false;
            });
        } catch (JAXBException e) {
            throw new IllegalStateException("Cannot install the unmarshal event handler", e);
        }
        ElementTracker tracker = new ElementTracker(readers.get(), maxDepth);
        try {
            validate(xml, tracker, target);
        } catch (GatewayException e) {
            throw conversion[0] == null ? e : conversionFailure(conversion[0], tracker);
        }
        try {
            return target.getResult();
        } catch (JAXBException | IllegalStateException e) {
            throw new GatewayException(ErrorCode.SCHEMA_INVALID, "the message could not be bound to the model");
        }
    }

    /** Both passes without building objects: used on output. */
    public void validate(byte[] xml) {
        checkWellFormed(xml);
        validate(xml, new ElementTracker(readers.get(), maxDepth), null);
    }

    private void validate(byte[] xml, ElementTracker tracker, ContentHandler downstream) {
        ValidatorHandler validator = validators.get();
        validator.setErrorHandler(new FirstErrorStops(tracker));
        validator.setContentHandler(downstream);
        tracker.setContentHandler(validator);
        boolean completed = false;
        try {
            tracker.parse(source(xml));
            completed = true;
        } catch (ElementTracker.DepthExceeded e) {
            throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, e.getMessage());
        } catch (SAXException e) {
            throw schemaFailure(e, tracker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            validator.setContentHandler(null);
            validator.setErrorHandler(null);
            if (!completed) {
                // A document abandoned half-way may leave state behind: the next one gets a new validator.
                validators.remove();
            }
        }
    }

    private ValidatorHandler newValidator() {
        ValidatorHandler validator = schema.newValidatorHandler();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("The JDK validator does not support the hardening properties", e);
        }
        return validator;
    }

    private static GatewayException schemaFailure(SAXException e, ElementTracker tracker) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Violation v) {
                return new GatewayException(ErrorCode.SCHEMA_INVALID, v.getMessage());
            }
        }
        return new GatewayException(
                ErrorCode.SCHEMA_INVALID,
                "element '" + tracker.current() + "': the message could not be bound to the model");
    }

    private static GatewayException conversionFailure(ValidationEvent event, ElementTracker tracker) {
        var locator = event.getLocator();
        String where = locator != null && locator.getLineNumber() >= 0
                ? "line " + locator.getLineNumber() + ", column " + locator.getColumnNumber() + ": "
                : "";
        return new GatewayException(
                ErrorCode.SCHEMA_INVALID,
                where + "a value could not be converted to its type (near element '" + tracker.current() + "')");
    }

    private static String malformedReason(SAXParseException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("DOCTYPE")) {
            return "a DOCTYPE is not allowed (DTDs and entity declarations are refused)";
        }
        return "the document is not well-formed XML";
    }

    private static InputSource source(byte[] xml) {
        return new InputSource(new ByteArrayInputStream(xml));
    }

    /** Carries a safe detail out of the parser. */
    private static final class Violation extends SAXException {
        private static final long serialVersionUID = 1L;

        Violation(String detail) {
            super(detail);
        }
    }

    /** Stops at the first error: later errors are mostly consequences of it. */
    private static final class FirstErrorStops implements ErrorHandler {
        private final ElementTracker tracker;

        FirstErrorStops(ElementTracker tracker) {
            this.tracker = tracker;
        }

        @Override
        public void warning(SAXParseException e) {
            // Warnings do not make a message invalid.
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw new Violation(SchemaErrorDetail.describe(e, tracker));
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw new Violation(SchemaErrorDetail.describe(e, tracker));
        }
    }
}
