package org.mlagateway.security;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.xml.security.Init;

/**
 * The one place where Santuario is initialised. Santuario keeps its algorithm registry in JVM-wide
 * state that its own API requires; initialising it here, idempotently, keeps that out of every other
 * class. Signature validation always runs with Santuario's secure validation on.
 */
final class XmlSecurity {
    static final boolean SECURE_VALIDATION = true;

    /**
     * The XML signature API's reference code warns, through java.util.logging and so straight onto the
     * console, whenever a transform writes its output to the digest stream itself instead of returning
     * bytes. The SwA Attachment-Content-Signature-Transform of every AS4 part does exactly that, and the
     * digest is right; the warning only buries the output of commands such as {@code demo}. Held here
     * because java.util.logging keeps its loggers only weakly.
     */
    private static final Logger DIGEST_INPUT_WARNING =
            Logger.getLogger("org.apache.jcp.xml.dsig.internal.dom.DOMReference");

    private XmlSecurity() {}

    static void init() {
        Init.init();
        DIGEST_INPUT_WARNING.setLevel(Level.SEVERE);
    }
}
