package org.mlagateway.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.xml.Message;

class RoundTripTest {

    static List<Path> examples() {
        return Fixtures.exampleFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void writeOfRead_roundTrips(Path file) throws IOException {
        Message first = Fixtures.CODEC.read(Files.readAllBytes(file));
        byte[] written = Fixtures.CODEC.write(first);
        Message second = Fixtures.CODEC.read(written);

        assertArrayEquals(written, Fixtures.CODEC.write(second));
        assertEquals(Fixtures.CODEC.summarize(first), Fixtures.CODEC.summarize(second));
        assertArrayEquals(Fixtures.CODEC.contentDigest(first), Fixtures.CODEC.contentDigest(second));
        assertTrue(new String(written, StandardCharsets.UTF_8)
                .contains("<msg:Message xmlns:msg=\"urn:mla-gateway:message:1\""));
    }

    @Test
    void kazakhCyrillic_roundTripsByteExact() {
        String xml = Fixtures.example("mla-request.xml");
        Message message = Fixtures.CODEC.read(Fixtures.utf8(xml));

        assertEquals(
                "Алаяқтық ісі бойынша өзара құқықтық көмек туралы сұрау",
                message.getHeader().getSubject().getValue());
        String written = new String(Fixtures.CODEC.write(message), StandardCharsets.UTF_8);
        assertTrue(written.contains(
                "<msg:Subject xml:lang=\"kk\">Алаяқтық ісі бойынша өзара құқықтық көмек туралы сұрау</msg:Subject>"));
        assertTrue(written.contains("<msg:Surname>Сәрсенбаев</msg:Surname>"));
    }

    @Test
    void damagedKazakhLetters_arePreservedAsIs_notNormalised() {
        // U+04DB (ӛ) stands in for U+04E9 (ө) in text from old fonts (docs/domain.md); the codec must not "fix" it,
        // nor compose a decomposed letter (и + U+0306) into й.
        String damaged = "ӛзара құқықтық көмек, ж\u0438\u0306ы";
        String xml = Fixtures.withFirstValue(Fixtures.example("mla-request.xml"), "Subject", damaged);

        Message message = Fixtures.CODEC.read(Fixtures.utf8(xml));
        assertEquals(damaged, message.getHeader().getSubject().getValue());
        assertEquals(0x04DB, message.getHeader().getSubject().getValue().codePointAt(0));
        String written = new String(Fixtures.CODEC.write(message), StandardCharsets.UTF_8);
        assertTrue(written.contains(">" + damaged + "</msg:Subject>"));
        assertFalse(written.contains(">өзара құқықтық көмек, жйы<"));
    }

    @Test
    void writingAnInvalidMessage_isSchemaInvalid() {
        Message message = Fixtures.CODEC.read(Fixtures.utf8(Fixtures.example("status-update.xml")));
        message.getHeader().setConversationId(null);

        GatewayException e = assertThrows(GatewayException.class, () -> Fixtures.CODEC.write(message));
        assertEquals(ErrorCode.SCHEMA_INVALID, e.code());
        assertTrue(e.getMessage().startsWith("the message to write is invalid: line "), e.getMessage());
        assertTrue(e.getMessage().contains("element 'msg:ConversationId' is required here"), e.getMessage());
    }

    @Test
    void oneCodec_servesConcurrentReaders() throws Exception {
        List<byte[]> inputs = examples().stream()
                .map(p -> {
                    try {
                        return Files.readAllBytes(p);
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new java.util.ArrayList<>();
            for (int round = 0; round < 10; round++) {
                for (byte[] input : inputs) {
                    results.add(pool.submit(
                            () -> Fixtures.CODEC.read(input).getHeader().getMessageId()));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                Message expected = Fixtures.CODEC.read(inputs.get(i % inputs.size()));
                assertEquals(expected.getHeader().getMessageId(), results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
