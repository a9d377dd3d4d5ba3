package org.mlagateway.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/** The multipart push parser, fed in pieces of every small size, so that delimiters fall across pieces. */
class MultipartReaderTest {
    private static final String BOUNDARY = "mla-b0und";

    private record Part(Map<String, String> headers, byte[] content) {}

    private static final class Collect implements MultipartReader.Parts {
        final List<Part> parts = new ArrayList<>();
        Map<String, String> headers;
        ByteArrayOutputStream content;

        @Override
        public void begin(Map<String, String> h) {
            headers = h;
            content = new ByteArrayOutputStream();
        }

        @Override
        public void content(byte[] bytes, int offset, int length) {
            content.write(bytes, offset, length);
        }

        @Override
        public void end() {
            parts.add(new Part(headers, content.toByteArray()));
        }
    }

    private static byte[] body(byte[]... contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("preamble\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < contents.length; i++) {
            out.writeBytes(
                    ("--" + BOUNDARY + "\r\nContent-ID: <p" + i + ">\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(contents[i]);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\nepilogue").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void partsComeOutWhole_whereverThePiecesAreCut() {
        byte[] big = new byte[200_000];
        new Random(3).nextBytes(big);
        // Content that nearly holds the delimiter, and an empty part.
        byte[] tricky = ("x\r\n--" + BOUNDARY.substring(0, 5) + "\r\n--").getBytes(StandardCharsets.US_ASCII);
        byte[][] contents = {"<env/>".getBytes(StandardCharsets.US_ASCII), big, tricky, new byte[0]};
        byte[] body = body(contents);
        for (int piece : new int[] {1, 2, 3, 7, 13, 16, 37, 4096, 65_537, body.length}) {
            Collect c = new Collect();
            MultipartReader reader = new MultipartReader(BOUNDARY, c);
            for (int at = 0; at < body.length; at += piece) {
                reader.feed(body, at, Math.min(piece, body.length - at));
            }
            reader.end();
            assertEquals(contents.length, c.parts.size(), "piece " + piece);
            for (int i = 0; i < contents.length; i++) {
                assertArrayEquals(contents[i], c.parts.get(i).content(), "piece " + piece + ", part " + i);
                assertEquals("<p" + i + ">", c.parts.get(i).headers().get("content-id"));
            }
        }
    }

    @Test
    void aBodyWithoutItsClosingDelimiter_isMalformed() {
        byte[] body = body("a".getBytes(StandardCharsets.US_ASCII));
        MultipartReader reader = new MultipartReader(BOUNDARY, new Collect());
        reader.feed(body, 0, body.length - 20);
        GatewayException e = assertThrows(GatewayException.class, reader::end);
        assertEquals(ErrorCode.MALFORMED_MESSAGE, e.code());
    }

    @Test
    void theBoundaryIsReadFromTheContentType() {
        assertEquals(
                BOUNDARY,
                MultipartReader.boundary(
                        "multipart/related; type=\"application/soap+xml\"; boundary=\"" + BOUNDARY + "\""));
        assertEquals(BOUNDARY, MultipartReader.boundary("multipart/related;boundary=" + BOUNDARY));
    }
}
