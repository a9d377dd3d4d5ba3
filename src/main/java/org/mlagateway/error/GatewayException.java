package org.mlagateway.error;

/**
 * A typed rejection. The {@link #code()} decides what the remote party is told; the message is
 * detail for the local operator log and must never contain payload text or personal data.
 */
public class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public GatewayException(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public GatewayException(ErrorCode code, String detail, Throwable cause) {
        super(detail, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /**
     * The sentence a remote party is told: the catalogue's {@link ErrorCode#reason()}, unless a
     * subclass names more precisely which rule failed, from a fixed set of sentences that never
     * contain input (PROTOCOL.md: a TimestampInvalid Reason says which timestamp rule failed).
     */
    public String reason() {
        return code.reason();
    }
}
