package org.mlagateway.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.MessageDocument;

class DocumentDigestTest {

    private static final String MLA = Fixtures.example("mla-request.xml");

    private static GatewayException mismatch(String xml) {
        Message message = Fixtures.CODEC.read(Fixtures.utf8(xml));
        return assertThrows(GatewayException.class, () -> Fixtures.CODEC.checkDocumentDigests(message));
    }

    /**
     * The example's declared digests and sizes are recomputed here, independently of the codec
     * (the text's base64 decoded by the JDK, hashed with {@link MessageDigest}), so the pass below
     * is a pass on values known to be right, over every document the example carries.
     */
    @Test
    void correctDigestsAndSizes_pass() throws NoSuchAlgorithmException {
        Matcher m = Pattern.compile(
                        "<msg:DocumentId>([^<]+)</msg:DocumentId>.*?<msg:Sha256>([0-9a-f]{64})</msg:Sha256>"
                                + "\\s*<msg:Size>(\\d+)</msg:Size>\\s*<msg:Content>([^<]*)</msg:Content>",
                        Pattern.DOTALL)
                .matcher(MLA);
        Map<String, byte[]> contents = new LinkedHashMap<>();
        while (m.find()) {
            byte[] content = Base64.getMimeDecoder().decode(m.group(4));
            String sha256 = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            assertEquals(m.group(2), sha256, "declared Sha256 of " + m.group(1));
            assertEquals(Long.parseLong(m.group(3)), content.length, "declared Size of " + m.group(1));
            contents.put(m.group(1), content);
        }
        assertEquals(
                List.of("doc-1", "doc-2", "doc-3"), List.copyOf(contents.keySet()), "every document of the example");

        Message message = Fixtures.CODEC.read(Fixtures.utf8(MLA));
        List<MessageDocument> documents = message.getDocuments().getDocument();
        assertEquals(contents.size(), documents.size());
        for (MessageDocument d : documents) {
            assertArrayEquals(
                    contents.get(d.getDocumentId()),
                    d.getContent(),
                    "the content the codec checks: " + d.getDocumentId());
        }
        assertDoesNotThrow(() -> Fixtures.CODEC.checkDocumentDigests(message));
        assertDoesNotThrow(() -> Fixtures.CODEC.verify(message));
    }

    @Test
    void wrongSha256_isDocumentDigestMismatch() {
        String xml = Fixtures.replaceOnce(MLA, "<msg:Sha256>daaa305f", "<msg:Sha256>daaa305e");
        GatewayException e = mismatch(xml);

        assertEquals(ErrorCode.DOCUMENT_DIGEST_MISMATCH, e.code());
        assertEquals("document doc-2: Sha256 does not match the SHA-256 of its content", e.getMessage());
    }

    @Test
    void wrongSize_isDocumentDigestMismatch() {
        GatewayException e =
                mismatch(Fixtures.replaceOnce(MLA, "<msg:Size>196</msg:Size>", "<msg:Size>197</msg:Size>"));

        assertEquals(ErrorCode.DOCUMENT_DIGEST_MISMATCH, e.code());
        assertEquals("document doc-2: Size 197 does not match the content length 196", e.getMessage());
    }

    @Test
    void tamperedContent_isDocumentDigestMismatch() {
        // "0KHRgtCw" decodes to "Ста"; "0KHRgtCx" to "Стб": one byte of doc-3 changes, its length does not.
        GatewayException e = mismatch(Fixtures.replaceOnce(MLA, "<msg:Content>0KHRgtCw", "<msg:Content>0KHRgtCx"));

        assertEquals("document doc-3: Sha256 does not match the SHA-256 of its content", e.getMessage());
    }
}
