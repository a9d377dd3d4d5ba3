package org.mlagateway.security;

import java.util.List;

/**
 * A serialized, secured SOAP envelope as it goes on the wire, with what the sender must remember
 * to check the receipt: the references of its signature.
 */
public record SealedEnvelope(byte[] bytes, List<SignedReference> references) {
    public SealedEnvelope {
        bytes = bytes.clone();
        references = List.copyOf(references);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}
