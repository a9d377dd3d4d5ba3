package org.mlagateway.message.internal;

import java.io.ByteArrayOutputStream;
import org.apache.xml.security.c14n.CanonicalizationException;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.c14n.InvalidCanonicalizerException;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.w3c.dom.Element;

/**
 * Exclusive XML Canonicalization 1.0 without comments
 * ({@code http://www.w3.org/2001/10/xml-exc-c14n#}), the transform the signature profile uses.
 * The content digest of docs/protocol.md#replay-and-duplicates is SHA-256 over this form of {@code msg:Message}.
 * Exclusive C14N normalises attribute order, quoting, whitespace inside tags, empty-element
 * syntax, character references and namespace declarations that are unused or repeated; it keeps
 * namespace prefixes as written, so the codec always writes {@code msg}.
 */
public final class Canonical {

    private Canonical() {}

    /** Requires {@code org.apache.xml.security.Init.init()} to have run (the codec does it once). */
    public static byte[] exclusive(Element element) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS)
                    .canonicalizeSubtree(element, out);
            return out.toByteArray();
        } catch (InvalidCanonicalizerException e) {
            throw new IllegalStateException("Exclusive C14N is not available", e);
        } catch (CanonicalizationException e) {
            throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "the message element cannot be canonicalized");
        }
    }
}
