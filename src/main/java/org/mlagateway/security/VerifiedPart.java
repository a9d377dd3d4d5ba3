package org.mlagateway.security;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * An attachment part of a verified message: signed (its content id and SHA-256 are in the
 * signature's SignedInfo, whose value verified) and encrypted with the envelope's data key. Its
 * content is checked where it is read: {@link #decrypt} gives the plain content as a stream, whose
 * tag is checked at its end, and the reader compares the content's SHA-256 with {@link #sha256Hex}
 * (the document store does both, in the one pass that stores it).
 */
public final class VerifiedPart {
    private final String contentId;
    private final byte[] sha256;
    private final SecretKey key;

    private VerifiedPart(String contentId, byte[] sha256, SecretKey key) {
        this.contentId = contentId;
        this.sha256 = sha256.clone();
        this.key = key;
    }

    /** The parts that are both signed and encrypted; a part that is only one of the two is refused. */
    static List<VerifiedPart> of(Map<String, byte[]> signed, DecryptionStep.Parts encrypted) {
        for (String id : encrypted.contentIds()) {
            if (!signed.containsKey(id)) {
                throw new GatewayException(ErrorCode.SIGNATURE_COVERAGE, "an encrypted attachment is not signed");
            }
        }
        List<VerifiedPart> parts = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : signed.entrySet()) {
            if (!encrypted.contentIds().contains(e.getKey())) {
                throw new GatewayException(ErrorCode.UNSUPPORTED_ALGORITHM, "a signed attachment is not encrypted");
            }
            parts.add(new VerifiedPart(e.getKey(), e.getValue(), encrypted.key()));
        }
        return parts;
    }

    /** The part's content id, without angle brackets. */
    public String contentId() {
        return contentId;
    }

    /** The signed SHA-256 of the part's content, lower-case hex. */
    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    /**
     * The plain content of the part as it arrived ({@code encrypted}: IV, cipher text, tag). A wrong
     * tag fails with {@code DecryptionFailed} when the stream ends; until then, what it gave is unverified.
     */
    public InputStream decrypt(InputStream encrypted) {
        return AttachmentCipher.decrypt(key, encrypted);
    }

    /** As {@link #decrypt(InputStream)}, for a part whose content has {@code plainLength} bytes. */
    public InputStream decrypt(InputStream encrypted, long plainLength) {
        return AttachmentCipher.decrypt(key, encrypted, plainLength);
    }

    @Override
    public String toString() {
        return "VerifiedPart[" + contentId + "]";
    }
}
