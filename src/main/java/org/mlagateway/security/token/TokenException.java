package org.mlagateway.security.token;

/**
 * What is wrong with a token or a key in it, said so that an operator can act: a wrong PIN, an
 * unknown token label, a missing alias, a key that does not match its certificate. Never holds the
 * PIN or key material.
 */
public final class TokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TokenException(String message) {
        super(message);
    }

    TokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
