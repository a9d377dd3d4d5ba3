package org.mlagateway.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A key in a PKCS#11 token, used through the JDK's SunPKCS11 provider (docs/pkcs11.md): the
 * vendor's PKCS#11 {@code library}, the token by its {@code tokenLabel} or its {@code slot} id
 * (exactly one), the user {@code pin} (as every secret: {@code file} or {@code env}), and the
 * {@code alias} of the key: the label of its certificate, which the token holds with the private
 * key under the same CKA_ID. In code the alias may be null for the token alone ({@link TokenConfig}).
 */
public record Pkcs11Config(
        Path library,
        @OptionalKey String tokenLabel,
        @OptionalKey Long slot,
        Secret pin,
        String alias) {
    public Pkcs11Config {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(pin, "pin");
        if ((tokenLabel == null) == (slot == null)) {
            throw new IllegalArgumentException("a token is named by exactly one of 'tokenLabel' or 'slot'");
        }
        if (tokenLabel != null && (tokenLabel.isBlank() || tokenLabel.length() > 32)) {
            throw new IllegalArgumentException("a token label has 1 to 32 characters");
        }
        if (alias != null && alias.isBlank()) {
            throw new IllegalArgumentException("the alias must not be blank");
        }
    }

    /** How messages name the token: its label, or its slot. */
    public String tokenName() {
        return tokenLabel != null ? "'" + tokenLabel + "'" : "in slot " + slot;
    }
}
