package org.mlagateway.store;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The two encodings of a message-log entry's hash. Entries with seq below the store's
 * {@code log_encoding.v2_from_seq} are in {@link #V1}, every later one in {@link #V2}.
 *
 * <p>{@link #V1} ({@link LogHash}): SHA-256 over the entry's fields and its prev_hash, so checking
 * one entry's link needs all its fields.
 *
 * <p>{@link #V2}: the entry's fields are first reduced to a <em>digest</em>, and the chain links
 * digests:
 * <pre>
 * digest = SHA-256("mla-gateway-log-v2\n" seq "\n" at "\n" event "\n" message_id "\n"
 *                  conversation_id "\n" actor "\n" details "\n" salt "\n")
 * hash   = SHA-256("mla-gateway-log-v2-link\n" prev_hash "\n" digest "\n")
 * </pre>
 * over UTF-8 bytes, every line ended by {@code \n} (0x0A), the last included: seq and at (epoch
 * microseconds) in decimal, an absent message or conversation id as the empty line (the store never
 * stores an empty id, see {@link LogEvent}), details exactly as stored, salt as 32 lower-case hex
 * digits, prev_hash and digest as 64. The salt is 128 random bits drawn for each entry, so that the
 * digest of a short entry cannot be found by trying its guessable fields. An entry that is not the
 * subject of an evidence bundle travels in it as (seq, digest) alone, and the chain is still
 * recomputable up to the signed checkpoint (docs/message-log.md).
 *
 * <p>Hashing only: the store signs nothing here.
 */
public enum LogEncoding {
    V1,
    V2;

    public static final String V2_FIELDS = "mla-gateway-log-v2";
    public static final String V2_LINK = "mla-gateway-log-v2-link";
    /** Salt length in bytes (128 bits). */
    public static final int SALT_BYTES = 16;

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SALT = Pattern.compile("[0-9a-f]{32}");

    /** The encoding of the entry at {@code seq} in a log whose v2 begins at {@code v2FromSeq}. */
    public static LogEncoding at(long seq, long v2FromSeq) {
        return seq >= v2FromSeq ? V2 : V1;
    }

    /** The encoding an entry's stored fields say it has: v2 entries carry a salt, v1 entries none. */
    public static LogEncoding of(String salt) {
        return salt == null ? V1 : V2;
    }

    /** Lower-case name as written in bundles and documents: {@code v1} or {@code v2}. */
    public String label() {
        return this == V1 ? "v1" : "v2";
    }

    /** The entry's hash in this encoding; {@code salt} must be null for v1 and 32 hex digits for v2. */
    public String hash(
            long seq,
            long atMicros,
            String event,
            String messageId,
            String conversationId,
            String actor,
            String details,
            String salt,
            String prevHash) {
        if (this == V1) {
            if (salt != null) {
                throw new IllegalArgumentException("a v1 entry has no salt");
            }
            return LogHash.hash(seq, atMicros, event, messageId, conversationId, actor, details, prevHash);
        }
        return link(prevHash, digest(seq, atMicros, event, messageId, conversationId, actor, details, salt));
    }

    /** The bytes a v2 digest is taken over: nine lines, see the class comment. */
    public static byte[] fieldsCanonical(
            long seq,
            long atMicros,
            String event,
            String messageId,
            String conversationId,
            String actor,
            String details,
            String salt) {
        if (salt == null || !SALT.matcher(salt).matches()) {
            throw new IllegalArgumentException("a v2 salt is 32 lower-case hex digits");
        }
        StringBuilder b = new StringBuilder(256);
        line(b, V2_FIELDS);
        line(b, Long.toString(seq));
        line(b, Long.toString(atMicros));
        line(b, event);
        line(b, messageId == null ? "" : messageId);
        line(b, conversationId == null ? "" : conversationId);
        line(b, actor);
        line(b, details);
        line(b, salt);
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The v2 digest of an entry's fields, 64 lower-case hex digits. */
    public static String digest(
            long seq,
            long atMicros,
            String event,
            String messageId,
            String conversationId,
            String actor,
            String details,
            String salt) {
        return LogHash.sha256Hex(
                fieldsCanonical(seq, atMicros, event, messageId, conversationId, actor, details, salt));
    }

    /** The bytes a v2 hash is taken over: three lines, see the class comment. */
    public static byte[] linkCanonical(String prevHash, String digest) {
        if (prevHash == null
                || !HEX64.matcher(prevHash).matches()
                || digest == null
                || !HEX64.matcher(digest).matches()) {
            throw new IllegalArgumentException("prev_hash and digest are 64 lower-case hex digits");
        }
        return (V2_LINK + "\n" + prevHash + "\n" + digest + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A v2 entry's hash from the previous entry's hash and its own digest. */
    public static String link(String prevHash, String digest) {
        return LogHash.sha256Hex(linkCanonical(prevHash, digest));
    }

    /** A fresh salt: 128 random bits as 32 lower-case hex digits. */
    static String newSalt(SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return HexFormat.of().formatHex(salt);
    }

    private static void line(StringBuilder b, String value) {
        if (value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a log field contains a line break");
        }
        b.append(value).append('\n');
    }
}
