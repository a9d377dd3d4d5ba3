package org.mlagateway.message;

import java.util.List;

/**
 * The exclusive C14N of a parsed {@code msg:Message} element, made by {@link
 * MessageCodec#canonicalForm}, with the {@code msg:DocumentRef} values read from the same element.
 * Canonical output of a parsed tree is well-formed XML without a DOCTYPE by construction, so
 * {@link MessageCodec#read(CanonicalMessage)} skips the well-formedness pass, and the cross-field
 * rules take the references from here instead of marshalling the message back into a tree.
 */
public final class CanonicalMessage {
    private final byte[] bytes;
    private final List<String> documentRefs;

    CanonicalMessage(byte[] bytes, List<String> documentRefs) {
        this.bytes = bytes;
        this.documentRefs = List.copyOf(documentRefs);
    }

    /** The canonical bytes themselves, not a copy (a large message's would be 20 MB): do not change them. */
    public byte[] bytes() {
        return bytes;
    }

    List<String> documentRefs() {
        return documentRefs;
    }
}
