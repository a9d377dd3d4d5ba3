package org.mlagateway.atrest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * The sealed form of one value: a header, then the value in segments of {@link #SEGMENT} bytes, each
 * encrypted with AES-256-GCM on its own, so that a value of any size is sealed and opened holding
 * one segment at a time.
 *
 * <pre>
 * header   = "MLAS" | version 0x01 | data key id (8 bytes, big-endian) | salt (16 random bytes)
 * key      = HMAC-SHA256(data key, "mla-gateway at-rest value key" | salt)      (one key per value)
 * segment i = AES-256-GCM(key, nonce = i (8 bytes, big-endian) | final (1 byte: 1 on the last
 *             segment, else 0) | 0 0 0, aad = header | binding (UTF-8)), 16-byte tag appended
 * </pre>
 *
 * Every segment but the last holds exactly {@link #SEGMENT} bytes of the value; the last holds the
 * rest (possibly none) and is the only one sealed with the final flag. A changed byte, a segment
 * moved, dropped or repeated, a value cut after any segment or extended after the last, and a
 * value read under another binding (another row or column) all fail a tag, and the reader then
 * throws {@code STORED_DATA_UNREADABLE}. The value key is fresh per value (random salt), so the
 * counter nonces never repeat under one key.
 */
final class SegmentedGcm {
    static final int SEGMENT = 64 * 1024;
    static final int TAG = 16;
    static final byte[] MAGIC = {'M', 'L', 'A', 'S'};
    static final byte VERSION = 1;
    static final int SALT = 16;
    static final int HEADER = MAGIC.length + 1 + Long.BYTES + SALT;
    private static final byte[] KEY_LABEL = "mla-gateway at-rest value key".getBytes(StandardCharsets.US_ASCII);

    private SegmentedGcm() {}

    static long sealedLength(long plainLength) {
        long segments = plainLength == 0 ? 1 : (plainLength + SEGMENT - 1) / SEGMENT;
        return HEADER + plainLength + segments * TAG;
    }

    static byte[] header(long dataKeyId, byte[] salt) {
        return ByteBuffer.allocate(HEADER)
                .put(MAGIC)
                .put(VERSION)
                .putLong(dataKeyId)
                .put(salt)
                .array();
    }

    /** The data key id a sealed value names, from its header; fails on anything that is no header. */
    static long dataKeyId(byte[] header, String binding) {
        if (header.length != HEADER
                || !Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)
                || header[MAGIC.length] != VERSION) {
            throw unreadable(binding, "it is not a sealed value of a known version");
        }
        return ByteBuffer.wrap(header, MAGIC.length + 1, Long.BYTES).getLong();
    }

    static SecretKey valueKey(SecretKey dataKey, byte[] header) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(dataKey.getEncoded(), "HmacSHA256"));
            mac.update(KEY_LABEL);
            mac.update(header, HEADER - SALT, SALT);
            return new SecretKeySpec(mac.doFinal(), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    static GatewayException unreadable(String binding, String why) {
        return new GatewayException(ErrorCode.STORED_DATA_UNREADABLE, "stored value " + binding + ": " + why);
    }

    private static byte[] nonce(long index, boolean last) {
        return ByteBuffer.allocate(12).putLong(index).put((byte) (last ? 1 : 0)).array();
    }

    private static byte[] aad(byte[] header, String binding) {
        byte[] b = binding.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(header.length + b.length).put(header).put(b).array();
    }

    /** Reads into {@code buf} from {@code offset} up to {@code n} bytes; fewer only at the end of the stream. */
    private static int readInto(InputStream in, byte[] buf, int offset, int n) throws IOException {
        int got = 0;
        while (got < n) {
            int r = in.read(buf, offset + got, n - got);
            if (r < 0) {
                break;
            }
            got += r;
        }
        return got;
    }

    /** The sealed stream of {@code plain}, which must hold exactly {@code plainLength} bytes. */
    static InputStream seal(SecretKey valueKey, byte[] header, String binding, InputStream plain, long plainLength) {
        return new SegmentStream() {
            private final byte[] aad = aad(header, binding);
            private final byte[] buf = new byte[SEGMENT];
            private final byte[] sealedSegment = new byte[SEGMENT + TAG];
            private final Cipher cipher = gcm();
            private long index;
            private long remaining = plainLength;
            private boolean headerSent;
            private boolean done;

            @Override
            boolean nextChunk() throws IOException {
                if (!headerSent) {
                    headerSent = true;
                    return chunk(header.clone(), HEADER);
                }
                if (done) {
                    return false;
                }
                int n = (int) Math.min(SEGMENT, remaining);
                if (readInto(plain, buf, 0, n) != n) {
                    throw new IOException("the value is shorter than its stated length");
                }
                remaining -= n;
                boolean last = remaining == 0;
                if (last && plain.read() >= 0) {
                    throw new IOException("the value is longer than its stated length");
                }
                done = last;
                int length =
                        crypt(cipher, Cipher.ENCRYPT_MODE, valueKey, nonce(index++, last), aad, buf, n, sealedSegment);
                return chunk(sealedSegment, length);
            }
        };
    }

    /** The plain stream of a sealed value whose header was read already; verified segment by segment. */
    static InputStream open(SecretKey valueKey, byte[] header, String binding, InputStream sealed) {
        return open(valueKey, header, binding, sealed, 0);
    }

    /**
     * As {@link #open(SecretKey, byte[], String, InputStream)}, with {@code sealed} positioned at
     * segment {@code firstSegment} (the bytes before it skipped): the plain stream from that segment.
     */
    static InputStream open(SecretKey valueKey, byte[] header, String binding, InputStream sealed, long firstSegment) {
        return new SegmentStream() {
            private final byte[] aad = aad(header, binding);
            private final byte[] buf = new byte[SEGMENT + TAG + 1];
            private final byte[] plainSegment = new byte[SEGMENT];
            private final Cipher cipher = gcm();
            private int buffered;
            private long index = firstSegment;
            private boolean done;

            @Override
            boolean nextChunk() throws IOException {
                if (done) {
                    return false;
                }
                // One segment and one byte more: whether anything follows says if this is the last.
                int want = SEGMENT + TAG + 1;
                int got = buffered + readInto(sealed, buf, buffered, want - buffered);
                boolean last = got < want;
                int segment = last ? got : SEGMENT + TAG;
                if (segment < TAG) {
                    throw unreadable(binding, "it is cut short");
                }
                int length;
                try {
                    length = crypt(
                            cipher,
                            Cipher.DECRYPT_MODE,
                            valueKey,
                            nonce(index++, last),
                            aad,
                            buf,
                            segment,
                            plainSegment);
                } catch (GatewayException e) {
                    throw unreadable(
                            binding,
                            "segment " + (index - 1)
                                    + " fails its integrity check (changed, moved, cut, or of another row)");
                }
                if (last) {
                    done = true;
                    buffered = 0;
                } else {
                    buf[0] = buf[SEGMENT + TAG];
                    buffered = 1;
                }
                return chunk(plainSegment, length);
            }
        };
    }

    /** A GCM cipher for one stream: initialised afresh, with the segment's nonce, for every segment. */
    private static Cipher gcm() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** One segment through {@code cipher} into {@code out}; returns the length written. */
    private static int crypt(
            Cipher cipher, int mode, SecretKey key, byte[] nonce, byte[] aad, byte[] data, int length, byte[] out) {
        try {
            cipher.init(mode, key, new GCMParameterSpec(TAG * 8, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(data, 0, length, out, 0);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new GatewayException(ErrorCode.STORED_DATA_UNREADABLE, "integrity check failed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /**
     * An input stream over chunks made on demand, each held in a buffer its maker reuses:
     * {@link #nextChunk} sets the next one with {@link #chunk}, or returns false at the end.
     */
    private abstract static class SegmentStream extends InputStream {
        private byte[] chunk = new byte[0];
        private int limit;
        private int pos;
        private boolean ended;

        abstract boolean nextChunk() throws IOException;

        /** Makes {@code bytes[0..length)} the current chunk; true, for {@link #nextChunk} to return. */
        final boolean chunk(byte[] bytes, int length) {
            chunk = bytes;
            limit = length;
            pos = 0;
            return true;
        }

        private boolean fill() throws IOException {
            while (!ended && pos == limit) {
                if (!nextChunk()) {
                    ended = true;
                }
            }
            return pos < limit;
        }

        @Override
        public int read() throws IOException {
            return fill() ? chunk[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
