package org.mlagateway.message;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.xml.Message;

class DocumentDigestTest {

    private static final String MLA = Fixtures.example("mla-request.xml");

    private static GatewayException mismatch(String xml) {
        Message message = Fixtures.CODEC.read(Fixtures.utf8(xml));
        return assertThrows(GatewayException.class, () -> Fixtures.CODEC.checkDocumentDigests(message));
    }

    @Test
    void correctDigestsAndSizes_pass() {
        Message message = Fixtures.CODEC.read(Fixtures.utf8(MLA));
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
        GatewayException e = mismatch(Fixtures.replaceOnce(MLA, "<msg:Size>196</msg:Size>", "<msg:Size>197</msg:Size>"));

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
