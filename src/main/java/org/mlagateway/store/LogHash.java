package org.mlagateway.store;

import java.nio.charset.StandardCharsets;
import org.mlagateway.message.Sha256;

/**
 * The canonical encoding and hash of a message-log entry, version 1.
 *
 * <p>The hash is SHA-256 over the UTF-8 bytes of these nine lines, each ended by {@code \n}
 * (0x0A), including the last:
 * <ol>
 *   <li>{@code mla-gateway-log-v1}</li>
 *   <li>seq, decimal</li>
 *   <li>at: microseconds since 1970-01-01T00:00:00Z, decimal</li>
 *   <li>event, e.g. {@code received}</li>
 *   <li>message id, or the empty string</li>
 *   <li>conversation id, or the empty string</li>
 *   <li>actor</li>
 *   <li>details: compact JSON object with sorted keys, exactly as stored</li>
 *   <li>prev_hash: the previous entry's hash as 64 lower-case hex digits; 64 zeros for seq 1</li>
 * </ol>
 * and is written as 64 lower-case hex digits. No field may contain a line break, so the encoding is
 * unambiguous. A shell reproduces it (see {@code docs/message-log.md}):
 * <pre>printf 'mla-gateway-log-v1\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n' \
 *   "$seq" "$at" "$event" "$message_id" "$conversation_id" "$actor" "$details" "$prev_hash" | sha256sum</pre>
 */
public final class LogHash {
    public static final String VERSION = "mla-gateway-log-v1";
    /** The prev_hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private LogHash() {}

    public static byte[] canonical(
            long seq,
            long atMicros,
            String event,
            String messageId,
            String conversationId,
            String actor,
            String details,
            String prevHash) {
        StringBuilder b = new StringBuilder(256);
        line(b, VERSION);
        line(b, Long.toString(seq));
        line(b, Long.toString(atMicros));
        line(b, event);
        line(b, messageId == null ? "" : messageId);
        line(b, conversationId == null ? "" : conversationId);
        line(b, actor);
        line(b, details);
        line(b, prevHash);
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String hash(
            long seq,
            long atMicros,
            String event,
            String messageId,
            String conversationId,
            String actor,
            String details,
            String prevHash) {
        return sha256Hex(canonical(seq, atMicros, event, messageId, conversationId, actor, details, prevHash));
    }

    static String sha256Hex(byte[] data) {
        return Sha256.hex(data);
    }

    static byte[] sha256(byte[] data) {
        return Sha256.of(data);
    }

    private static void line(StringBuilder b, String value) {
        if (value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a log field contains a line break");
        }
        b.append(value).append('\n');
    }
}
