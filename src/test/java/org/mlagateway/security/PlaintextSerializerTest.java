package org.mlagateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.apache.xml.security.encryption.XMLEncryptionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlagateway.testing.EnvelopeForge;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class PlaintextSerializerTest {
    private static final String MSG = "urn:mla-gateway:message:1";

    @BeforeAll
    static void santuario() {
        XmlSecurity.init();
    }

    private static Element body() {
        String envelope = "<soap:Envelope xmlns:soap='" + EnvelopeForge.SOAP12 + "' xmlns:msg='" + MSG + "'>"
                + "<soap:Body><placeholder/></soap:Body></soap:Envelope>";
        Document doc = EnvelopeForge.parse(envelope.getBytes(StandardCharsets.UTF_8));
        return (Element)
                doc.getElementsByTagNameNS(EnvelopeForge.SOAP12, "Body").item(0);
    }

    @Test
    void plaintext_becomesNodesOfTheContextDocument_withPrefixesDeclaredAbove() throws Exception {
        Element body = body();
        byte[] plaintext =
                "<msg:Message><msg:Note xml:lang='kk'>көмек</msg:Note></msg:Message>".getBytes(StandardCharsets.UTF_8);
        Node fragment = PlaintextSerializer.create().deserialize(plaintext, body);
        Element message = (Element) fragment.getFirstChild();
        assertSame(body.getOwnerDocument(), message.getOwnerDocument(), "moved into the envelope's document");
        assertEquals(MSG, message.getNamespaceURI(), "the prefix declared on the Envelope resolves");
        assertEquals("Message", message.getLocalName());
        Element note = (Element) message.getFirstChild();
        assertSame(body.getOwnerDocument(), note.getOwnerDocument());
        assertEquals("көмек", note.getTextContent());
        assertEquals("kk", note.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang"));
        body.replaceChild(fragment, body.getFirstChild());
        assertSame(message, body.getFirstChild(), "the fragment's content can take the EncryptedData's place");
    }

    @Test
    void plaintextThatIsNotWellFormed_fails() {
        byte[] broken = "<msg:Message><msg:Note>&undeclared;</msg:Note></msg:Message>".getBytes(StandardCharsets.UTF_8);
        assertThrows(
                XMLEncryptionException.class, () -> PlaintextSerializer.create().deserialize(broken, body()));
    }

    @Test
    void plaintextWithAnUnboundPrefix_fails() {
        byte[] unbound = "<zz:Message xmlns:msg='urn:x'/>".getBytes(StandardCharsets.UTF_8);
        assertThrows(
                XMLEncryptionException.class, () -> PlaintextSerializer.create().deserialize(unbound, body()));
    }
}
