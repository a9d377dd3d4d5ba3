package org.mlagateway.security;

import org.apache.xml.security.Init;

/**
 * The one place where Santuario is initialised. Santuario keeps its algorithm registry in JVM-wide
 * state that its own API requires; initialising it here, idempotently, keeps that out of every other
 * class. Signature validation always runs with Santuario's secure validation on.
 */
final class XmlSecurity {
    static final boolean SECURE_VALIDATION = true;

    private XmlSecurity() {}

    static void init() {
        Init.init();
    }
}
