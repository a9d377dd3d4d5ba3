package org.mlagateway.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.xml.Message;
import org.mlagateway.testing.DefaultLimits;
import org.w3c.dom.Element;

/** The inbound path's read of a parsed message's canonical form keeps every check of the byte path. */
class CanonicalReadTest {
    private static Element parsed(String xml) throws Exception {
        return SafeXml.newDocumentBuilder()
                .parse(new ByteArrayInputStream(Fixtures.utf8(xml)))
                .getDocumentElement();
    }

    @Test
    void canonicalForm_readsAndVerifiesLikeTheBytes() throws Exception {
        Element element = parsed(Fixtures.example("mla-request.xml"));

        CanonicalMessage canonical = Fixtures.CODEC.canonicalForm(element);
        Message message = Fixtures.CODEC.read(canonical);
        Fixtures.CODEC.verify(message, canonical);

        assertArrayEquals(Fixtures.CODEC.canonicalize(element), canonical.bytes());
        assertEquals(
                Fixtures.CODEC.read(canonical.bytes()).getHeader().getMessageId(),
                message.getHeader().getMessageId());
    }

    @Test
    void danglingDocumentRef_isSchemaInvalid() throws Exception {
        String xml = Fixtures.replaceOnce(
                Fixtures.example("execution-report.xml"),
                "<msg:DocumentRef>doc-2</msg:DocumentRef>",
                "<msg:DocumentRef>doc-9</msg:DocumentRef>");
        CanonicalMessage canonical = Fixtures.CODEC.canonicalForm(parsed(xml));
        Message message = Fixtures.CODEC.read(canonical);

        GatewayException e = assertThrows(GatewayException.class, () -> Fixtures.CODEC.verify(message, canonical));

        assertEquals(ErrorCode.SCHEMA_INVALID, e.code());
        assertEquals("DocumentRef doc-9 does not name a document in this message", e.getMessage());
    }

    @Test
    void schemaViolation_isSchemaInvalid() throws Exception {
        String xml = Fixtures.withoutHeaderElement(Fixtures.example("mla-request.xml"), "ConversationId");
        CanonicalMessage canonical = Fixtures.CODEC.canonicalForm(parsed(xml));

        GatewayException e = assertThrows(GatewayException.class, () -> Fixtures.CODEC.read(canonical));

        assertEquals(ErrorCode.SCHEMA_INVALID, e.code());
    }

    @Test
    void tooDeep_isStillMalformed() throws Exception {
        MessageCodec shallow = MessageCodec.create(new MessageCodec.Limits(
                DefaultLimits.CONFIG.maxEnvelopeBytes(), 4, DefaultLimits.CONFIG.maxDocuments()));
        CanonicalMessage canonical = shallow.canonicalForm(parsed(Fixtures.example("mla-request.xml")));

        GatewayException e = assertThrows(GatewayException.class, () -> shallow.read(canonical));

        assertEquals(ErrorCode.MALFORMED_MESSAGE, e.code());
    }
}
