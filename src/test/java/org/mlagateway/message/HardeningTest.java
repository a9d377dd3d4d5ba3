package org.mlagateway.message;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.testing.DefaultLimits;

class HardeningTest {

    private static final String STATUS = Fixtures.example("status-update.xml");
    private static final String ROOT = "<msg:Message xmlns:msg=\"urn:mla-gateway:message:1\">";

    private static GatewayException rejected(MessageCodec codec, String xml) {
        return assertThrows(GatewayException.class, () -> codec.read(Fixtures.utf8(xml)));
    }

    @Test
    void externalEntity_isMalformedMessage() {
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE msg:Message [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + ROOT + "&x;</msg:Message>";
        GatewayException e = rejected(Fixtures.CODEC, xxe);

        assertEquals(ErrorCode.MALFORMED_MESSAGE, e.code());
        assertEquals(
                "line 2, column 10: a DOCTYPE is not allowed (DTDs and entity declarations are refused)",
                e.getMessage());
    }

    @Test
    void entityExpansionBomb_isMalformedMessage() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE msg:Message [<!ENTITY a0 \"lol\">");
        for (int i = 1; i <= 10; i++) {
            dtd.append("<!ENTITY a")
                    .append(i)
                    .append(" \"")
                    .append(("&a" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        String bomb =
                dtd.append("]>").append(ROOT).append("&a10;</msg:Message>").toString();

        assertEquals(ErrorCode.MALFORMED_MESSAGE, rejected(Fixtures.CODEC, bomb).code());
    }

    @Test
    void anyDoctype_evenWithoutEntities_isMalformedMessage() {
        String xml = STATUS.replaceFirst(
                "<msg:Message ", "<!DOCTYPE msg:Message SYSTEM \"http://127.0.0.1:9/m.dtd\">\n<msg:Message ");

        assertEquals(ErrorCode.MALFORMED_MESSAGE, rejected(Fixtures.CODEC, xml).code());
    }

    @Test
    void notWellFormed_isMalformedMessageWithPosition() {
        String truncated = STATUS.substring(0, STATUS.indexOf("</msg:Header>"));
        GatewayException e = rejected(Fixtures.CODEC, truncated);

        assertEquals(ErrorCode.MALFORMED_MESSAGE, e.code());
        assertTrue(
                e.getMessage().matches("line \\d+, column \\d+: the document is not well-formed XML"), e.getMessage());
    }

    @Test
    void depthOverTheLimit_isMalformedMessage() {
        String deep = ROOT + "<x>".repeat(10_000) + "</x>".repeat(10_000) + "</msg:Message>";
        GatewayException e = rejected(Fixtures.CODEC, deep);

        assertEquals(ErrorCode.MALFORMED_MESSAGE, e.code());
        assertEquals("element depth exceeds the limit of " + DefaultLimits.MAX_XML_DEPTH, e.getMessage());
    }

    @Test
    void depthLimit_isConfigurable() {
        MessageCodec shallow = MessageCodec.create(new MessageCodec.Limits(
                DefaultLimits.CONFIG.maxEnvelopeBytes(), 5, DefaultLimits.CONFIG.maxDocuments()));
        String mla = Fixtures.example("mla-request.xml");

        assertEquals(
                "element depth exceeds the limit of 5", rejected(shallow, mla).getMessage());
        assertDoesNotThrow(() -> Fixtures.CODEC.read(Fixtures.utf8(mla)));
    }

    @Test
    void messageOverTheByteLimit_isMessageTooLarge_fromBytesAndFromStreams() {
        MessageCodec small = MessageCodec.create(new MessageCodec.Limits(1000, 64, 100));
        byte[] xml = Fixtures.utf8(STATUS);

        GatewayException e = assertThrows(GatewayException.class, () -> small.read(xml));
        assertEquals(ErrorCode.MESSAGE_TOO_LARGE, e.code());
        assertEquals("message of " + xml.length + " bytes exceeds the limit of 1000", e.getMessage());
        GatewayException s = assertThrows(GatewayException.class, () -> small.read(new ByteArrayInputStream(xml)));
        assertEquals("message of 1001 bytes exceeds the limit of 1000", s.getMessage());
    }

    @Test
    void tooManyDocuments_isMessageTooLarge() {
        MessageCodec two = MessageCodec.create(new MessageCodec.Limits(1 << 20, 64, 2));
        GatewayException e = rejected(two, Fixtures.example("mla-request.xml"));

        assertEquals(ErrorCode.MESSAGE_TOO_LARGE, e.code());
        assertEquals("message has 3 documents; the limit is 2", e.getMessage());
    }

    @Test
    void limits_rejectNonsenseWithClearMessages() {
        var e = assertThrows(IllegalArgumentException.class, () -> new MessageCodec.Limits(0, 64, 100));
        assertEquals("maxMessageBytes must be between 1 and 2147483631; got 0", e.getMessage());
        var d = assertThrows(IllegalArgumentException.class, () -> new MessageCodec.Limits(1000, 2, 100));
        assertEquals("maxElementDepth must be at least 4; got 2", d.getMessage());
    }
}
