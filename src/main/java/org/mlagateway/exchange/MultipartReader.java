package org.mlagateway.exchange;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * A push parser of a {@code multipart/related} body (RFC 2046 §5.1.1, RFC 2387), fed the body in
 * pieces as they arrive: it hands each part's headers and then its content, in pieces, to a
 * {@link Parts} sink, holding no more than a delimiter's length of the body between two pieces.
 * Part headers are limited to {@link #MAX_HEADER_BYTES}; a body that does not end with the closing
 * delimiter is {@code MalformedMessage} at {@link #end}.
 */
final class MultipartReader {
    static final int MAX_HEADER_BYTES = 8 * 1024;

    /** Where the parts go. */
    interface Parts {
        /** A new part begins, with its headers (names in lower case). */
        void begin(Map<String, String> headers);

        /** A piece of the current part's content. */
        void content(byte[] bytes, int offset, int length);

        /** The current part is complete. */
        void end();
    }

    private enum State {
        PREAMBLE,
        AFTER_DELIMITER,
        HEADERS,
        BODY,
        EPILOGUE
    }

    private final byte[] delimiter;
    /** Horspool's shift per byte value: how far the delimiter may move when that byte ends the window. */
    private final int[] shift = new int[256];

    private final Parts parts;
    private State state = State.PREAMBLE;
    /** Bytes kept from the previous piece: a possible start of the delimiter, or unfinished headers. */
    private byte[] carry;

    private int carryLength;

    MultipartReader(String boundary, Parts parts) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "the multipart boundary is missing or too long");
        }
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        java.util.Arrays.fill(shift, delimiter.length);
        for (int k = 0; k < delimiter.length - 1; k++) {
            shift[delimiter[k] & 0xff] = delimiter.length - 1 - k;
        }
        this.parts = parts;
        // The first delimiter may open the body without a line break before it.
        this.carry = new byte[Math.max(MAX_HEADER_BYTES, 64 * 1024) + delimiter.length];
        this.carry[0] = '\r';
        this.carry[1] = '\n';
        this.carryLength = 2;
    }

    /** The boundary parameter of a multipart content type, or null. */
    static String boundary(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = p.substring("boundary=".length()).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
        }
        return null;
    }

    /** Feeds the next piece of the body. */
    void feed(byte[] bytes, int offset, int length) {
        int at = offset;
        int end = offset + length;
        while (at < end) {
            int take = Math.min(end - at, carry.length - carryLength);
            System.arraycopy(bytes, at, carry, carryLength, take);
            carryLength += take;
            at += take;
            process();
        }
    }

    /** The body has ended: it must have ended with the closing delimiter. */
    void end() {
        if (state != State.EPILOGUE) {
            throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "the multipart body is incomplete");
        }
    }

    /** Consumes what it can of {@code carry}, keeping what the next piece may complete. */
    private void process() {
        int pos = 0;
        boolean progress = true;
        while (progress) {
            progress = false;
            switch (state) {
                case PREAMBLE, BODY -> {
                    int found = indexOf(pos);
                    if (found >= 0) {
                        if (state == State.BODY) {
                            parts.content(carry, pos, found - pos);
                            parts.end();
                        }
                        pos = found + delimiter.length;
                        state = State.AFTER_DELIMITER;
                        progress = true;
                    } else {
                        int safe = Math.max(pos, carryLength - (delimiter.length - 1));
                        if (state == State.BODY && safe > pos) {
                            parts.content(carry, pos, safe - pos);
                        }
                        pos = safe;
                    }
                }
                case AFTER_DELIMITER -> {
                    if (carryLength - pos >= 2) {
                        if (carry[pos] == '-' && carry[pos + 1] == '-') {
                            state = State.EPILOGUE;
                        } else if (carry[pos] == '\r' && carry[pos + 1] == '\n') {
                            state = State.HEADERS;
                        } else {
                            throw malformed("a delimiter is followed by neither a line break nor --");
                        }
                        pos += 2;
                        progress = true;
                    }
                }
                case HEADERS -> {
                    int blank = indexOf(pos, new byte[] {'\r', '\n', '\r', '\n'});
                    int emptyHeaders =
                            carryLength - pos >= 2 && carry[pos] == '\r' && carry[pos + 1] == '\n' ? pos : -1;
                    if (emptyHeaders >= 0) {
                        parts.begin(Map.of());
                        pos += 2;
                        state = State.BODY;
                        progress = true;
                    } else if (blank >= 0) {
                        parts.begin(headers(new String(carry, pos, blank - pos, StandardCharsets.ISO_8859_1)));
                        pos = blank + 4;
                        state = State.BODY;
                        progress = true;
                    } else if (carryLength - pos > MAX_HEADER_BYTES) {
                        throw malformed("a part's headers are too long");
                    }
                }
                case EPILOGUE -> pos = carryLength;
                default -> throw new IllegalStateException(state.name());
            }
        }
        System.arraycopy(carry, pos, carry, 0, carryLength - pos);
        carryLength -= pos;
    }

    /**
     * The next delimiter in {@code carry} from {@code from}, or -1: Horspool's search, which looks
     * at one byte in about every delimiter's length of a part's content (a delimiter is some 40
     * bytes), instead of at every byte.
     */
    private int indexOf(int from) {
        int n = delimiter.length;
        int lastByte = delimiter[n - 1];
        for (int i = from; i <= carryLength - n; ) {
            byte b = carry[i + n - 1];
            if (b == lastByte && matchesAt(i)) {
                return i;
            }
            i += shift[b & 0xff];
        }
        return -1;
    }

    private boolean matchesAt(int at) {
        for (int k = 0; k < delimiter.length - 1; k++) {
            if (carry[at + k] != delimiter[k]) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(int from, byte[] pattern) {
        int last = carryLength - pattern.length;
        byte first = pattern[0];
        outer:
        for (int i = from; i <= last; i++) {
            if (carry[i] != first) {
                continue;
            }
            for (int k = 1; k < pattern.length; k++) {
                if (carry[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw malformed("a part header is not name: value");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (headers.put(name, line.substring(colon + 1).strip()) != null) {
                throw malformed("a part header is repeated");
            }
        }
        return headers;
    }

    private static GatewayException malformed(String detail) {
        return new GatewayException(ErrorCode.MALFORMED_MESSAGE, "multipart body: " + detail);
    }
}
