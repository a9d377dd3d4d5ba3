package org.mlagateway.exchange;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What the transport knows about one request: who connected, and the TLS client certificate chain
 * when the partner presented one (mutual TLS).
 */
record RequestInfo(String remoteAddress, List<X509Certificate> tlsClientChain) {
    RequestInfo {
        tlsClientChain = tlsClientChain == null ? List.of() : List.copyOf(tlsClientChain);
    }
}
