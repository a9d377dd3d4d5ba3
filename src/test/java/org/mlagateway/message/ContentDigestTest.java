package org.mlagateway.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.HexFormat;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Test;
import org.mlagateway.message.xml.Message;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * The content digest is SHA-256 over exclusive C14N (docs/protocol.md#replay-and-duplicates: serialisation details
 * must not change it, content must.
 */
class ContentDigestTest {

    private static final String MLA = Fixtures.example("mla-request.xml");
    private static final String NS = "xmlns:msg=\"urn:mla-gateway:message:1\"";

    private static Element parse(String xml) {
        try {
            return SafeXml.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(Fixtures.utf8(xml)))
                    .getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String digest(String xml) {
        return HexFormat.of().formatHex(Fixtures.CODEC.contentDigest(parse(xml)));
    }

    @Test
    void digest_ignoresNamespaceDeclarationPlacementAndUnusedDeclarations() {
        String extraDeclarations = MLA.replace(
                        "<msg:Message " + NS + ">", "<msg:Message xmlns:unused=\"urn:example:unused\" " + NS + ">")
                .replace("<msg:Header>", "<msg:Header " + NS + ">");

        assertEquals(digest(MLA), digest(extraDeclarations));
    }

    @Test
    void digest_ignoresAttributeOrderQuotesAndWhitespaceInTags() {
        String a = MLA.replace("<msg:Subject xml:lang=\"kk\">", "<msg:Subject xml:lang=\"kk\" note=\"x\">");
        String b = MLA.replace("<msg:Subject xml:lang=\"kk\">", "<msg:Subject  note='x'\n   xml:lang='kk' >");

        assertEquals(digest(a), digest(b));
    }

    @Test
    void digest_ignoresEmptyElementSyntaxCharacterReferencesAndXmlDeclaration() {
        String variant = MLA.replace("<msg:Original/>", "<msg:Original></msg:Original>")
                .replace("өзара", "&#x4E9;зара")
                .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "");

        assertEquals(digest(MLA), digest(variant));
    }

    @Test
    void digest_isStableWhenTheDomIsSerialisedAgainByAnotherWriter() throws TransformerException {
        StringWriter out = new StringWriter();
        var transformer = TransformerFactory.newDefaultInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        transformer.transform(new DOMSource(parse(MLA).getOwnerDocument()), new StreamResult(out));

        assertEquals(digest(MLA), digest(out.toString()));
    }

    @Test
    void digest_ofAMessageInsideAnEnvelope_equalsTheStandaloneDigest() {
        String body = MLA.substring(MLA.indexOf("<msg:Message")).replace("<msg:Message " + NS + ">", "<msg:Message>");
        String envelope = "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\" " + NS + ">"
                + "<soap:Body>" + body + "</soap:Body></soap:Envelope>";
        Element message = (Element) parse(envelope)
                .getElementsByTagNameNS("urn:mla-gateway:message:1", "Message")
                .item(0);

        assertEquals(digest(MLA), HexFormat.of().formatHex(Fixtures.CODEC.contentDigest(message)));
        assertEquals(
                Fixtures.CODEC.read(Fixtures.utf8(MLA)).getHeader().getMessageId(),
                Fixtures.CODEC.read(message).getHeader().getMessageId());
    }

    @Test
    void digest_changesWhenContentChanges() {
        assertFalse(digest(MLA).equals(digest(MLA.replace("өзара", "ӛзара"))));
        assertFalse(
                digest(MLA).equals(digest(Fixtures.withFirstValue(MLA, "RequestType", "MLA_SERVICE_OF_DOCUMENTS"))));
    }

    @Test
    void digest_keepsPrefixes_soARenamedPrefixIsADifferentDigest() {
        // Exclusive C14N does not rewrite prefixes (xml-exc-c14n §3); the codec therefore always writes msg.
        String renamed = MLA.replace("msg:", "m:").replace("xmlns:msg=", "xmlns:m=");

        assertFalse(digest(MLA).equals(digest(renamed)));
    }

    @Test
    void digestOfMessage_isTheDigestOfItsDom_andSurvivesWriteAndRead() {
        Message message = Fixtures.CODEC.read(Fixtures.utf8(MLA));
        Document dom = Fixtures.CODEC.toDocument(message);
        Message again = Fixtures.CODEC.read(Fixtures.CODEC.write(message));

        assertArrayEquals(
                Fixtures.CODEC.contentDigest(dom.getDocumentElement()), Fixtures.CODEC.contentDigest(message));
        assertArrayEquals(Fixtures.CODEC.contentDigest(message), Fixtures.CODEC.contentDigest(again));
        assertEquals(32, Fixtures.CODEC.contentDigest(message).length);
        assertFalse(Arrays.equals(new byte[32], Fixtures.CODEC.contentDigest(message)));
    }
}
