package org.mlagateway.atrest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

class SegmentedGcmTest {
    private static final int S = SegmentedGcm.SEGMENT;
    private static final int T = SegmentedGcm.TAG;
    private static final int H = SegmentedGcm.HEADER;
    private static final String BINDING = "messages/IN/RU-GPO/m-1/message_xml";

    private final SecretKey dataKey = new SecretKeySpec(bytes(32, 7), "AES");

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private byte[] seal(byte[] plain, String binding) throws IOException {
        byte[] salt = new byte[SegmentedGcm.SALT];
        new SecureRandom().nextBytes(salt);
        byte[] header = SegmentedGcm.header(42, salt);
        try (InputStream in = SegmentedGcm.seal(
                SegmentedGcm.valueKey(dataKey, header),
                header,
                binding,
                new ByteArrayInputStream(plain),
                plain.length)) {
            return in.readAllBytes();
        }
    }

    private byte[] open(byte[] sealed, String binding) throws IOException {
        byte[] header = Arrays.copyOf(sealed, H);
        SegmentedGcm.dataKeyId(header, binding);
        try (InputStream in = SegmentedGcm.open(
                SegmentedGcm.valueKey(dataKey, header),
                header,
                binding,
                new ByteArrayInputStream(sealed, H, sealed.length - H))) {
            return in.readAllBytes();
        }
    }

    private void assertRefused(byte[] sealed, String binding) {
        GatewayException e = assertThrows(GatewayException.class, () -> open(sealed, binding));
        assertEquals(ErrorCode.STORED_DATA_UNREADABLE, e.code());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, 65535, 65536, 65537, 3 * 65536, 3 * 65536 + 5})
    void anySize_roundTrips_withThePredictedLength(int size) throws IOException {
        byte[] plain = bytes(size, size);
        byte[] sealed = seal(plain, BINDING);
        assertEquals(SegmentedGcm.sealedLength(size), sealed.length);
        assertEquals(42, SegmentedGcm.dataKeyId(Arrays.copyOf(sealed, H), BINDING));
        assertArrayEquals(plain, open(sealed, BINDING));
    }

    /** Opens from segment {@code first}: the sealed bytes before it are skipped, as a range read does. */
    private byte[] openFrom(byte[] sealed, long first) throws IOException {
        byte[] header = Arrays.copyOf(sealed, H);
        int at = (int) (H + first * (S + T));
        try (InputStream in = SegmentedGcm.open(
                SegmentedGcm.valueKey(dataKey, header),
                header,
                BINDING,
                new ByteArrayInputStream(sealed, at, sealed.length - at),
                first)) {
            return in.readAllBytes();
        }
    }

    @Test
    void openedAtAnySegment_givesThePlainValueFromThere_andStillChecksWhatItReads() throws IOException {
        byte[] plain = bytes(3 * S + 5, 3);
        byte[] sealed = seal(plain, BINDING);
        for (int first = 0; first <= 3; first++) {
            assertArrayEquals(Arrays.copyOfRange(plain, first * S, plain.length), openFrom(sealed, first));
        }
        byte[] damaged = sealed.clone();
        damaged[H + 2 * (S + T) + 7] ^= 1; // inside the third segment
        assertArrayEquals(Arrays.copyOfRange(plain, 3 * S, plain.length), openFrom(damaged, 3), "not read");
        GatewayException e = assertThrows(GatewayException.class, () -> openFrom(damaged, 2));
        assertEquals(ErrorCode.STORED_DATA_UNREADABLE, e.code());
        byte[] cut = Arrays.copyOf(sealed, H + 3 * (S + T)); // the final segment dropped
        assertThrows(GatewayException.class, () -> openFrom(cut, 2), "the last segment read must be the final one");
    }

    @Test
    void aChangedByte_anywhere_isRefused() throws IOException {
        byte[] sealed = seal(bytes(2 * S + 10, 1), BINDING);
        // the magic, the version, the data key id, the salt, the first, second and last segments
        for (int at : new int[] {0, 4, 5, 20, H + 3, H + S + T + 1, sealed.length - 1}) {
            byte[] bad = sealed.clone();
            bad[at] ^= 1;
            assertRefused(bad, BINDING);
        }
    }

    @Test
    void anotherRowsOrColumnsBinding_isRefused() throws IOException {
        byte[] sealed = seal(bytes(500, 2), BINDING);
        assertRefused(sealed, "messages/IN/RU-GPO/m-2/message_xml");
        assertRefused(sealed, "messages/IN/RU-GPO/m-1/envelope");
    }

    @Test
    void aValueCutAfterAWholeSegment_isRefused() throws IOException {
        byte[] sealed = seal(bytes(2 * S + 10, 3), BINDING);
        assertRefused(Arrays.copyOf(sealed, H + S + T), BINDING);
        assertRefused(Arrays.copyOf(sealed, H + 2 * (S + T)), BINDING);
        assertRefused(Arrays.copyOf(sealed, sealed.length - 1), BINDING);
        assertRefused(Arrays.copyOf(sealed, H + 3), BINDING);
    }

    @Test
    void anExactMultipleOfTheSegment_cutAtItsLastBoundary_isRefused() throws IOException {
        byte[] sealed = seal(bytes(2 * S, 4), BINDING);
        assertEquals(H + 2 * (S + T), sealed.length);
        assertRefused(Arrays.copyOf(sealed, H + S + T), BINDING);
    }

    @Test
    void swappedSegments_areRefused() throws IOException {
        byte[] sealed = seal(bytes(3 * S, 5), BINDING);
        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, H, swapped, H + S + T, S + T);
        System.arraycopy(sealed, H + S + T, swapped, H, S + T);
        assertRefused(swapped, BINDING);
    }

    @Test
    void bytesAppendedAfterTheLastSegment_areRefused() throws IOException {
        byte[] sealed = seal(bytes(10, 6), BINDING);
        byte[] longer = Arrays.copyOf(sealed, sealed.length + 1);
        assertRefused(longer, BINDING);
        byte[] twice = Arrays.copyOf(sealed, sealed.length + sealed.length - H);
        System.arraycopy(sealed, H, twice, sealed.length, sealed.length - H);
        assertRefused(twice, BINDING);
    }

    @Test
    void anythingButASealedValue_isRefusedByItsHeader() {
        byte[] clear = "<msg:Message>clear</msg:Message>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        GatewayException e =
                assertThrows(GatewayException.class, () -> SegmentedGcm.dataKeyId(Arrays.copyOf(clear, H), BINDING));
        assertEquals(ErrorCode.STORED_DATA_UNREADABLE, e.code());
        assertTrue(e.getMessage().contains(BINDING), e.getMessage());
    }

    @Test
    void aLargeValue_isSealedAndOpened_oneSegmentAtATime() throws IOException {
        long size = 64L * S + 3;
        byte[] salt = new byte[SegmentedGcm.SALT];
        byte[] header = SegmentedGcm.header(42, salt);
        SecretKey key = SegmentedGcm.valueKey(dataKey, header);
        // A stream of zeros that is never held whole: the sealed stream is read in small pieces and opened as it goes.
        InputStream plain = new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
        InputStream sealed = SegmentedGcm.seal(key, header, BINDING, plain, size);
        assertEquals(H, sealed.readNBytes(H).length);
        long count = 0;
        try (InputStream opened = SegmentedGcm.open(key, header, BINDING, sealed)) {
            byte[] buf = new byte[8192];
            for (int n; (n = opened.read(buf)) > 0; ) {
                count += n;
            }
        }
        assertEquals(size, count);
    }
}
