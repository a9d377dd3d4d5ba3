package org.mlagateway.security;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.mlagateway.security.pki.IssuedKey;

/**
 * TLS material for both listeners and the sender: our TLS key, and trust limited to the anchors
 * configured for a purpose (never the JDK's default public CAs). TLS 1.3 and 1.2 only, with the
 * cipher suites of {@link #CIPHER_SUITES} only, on the server and on our client alike.
 */
public final class TlsContexts {
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /**
     * The cipher-suite policy. TLS 1.3: its three suites, as the JDK enables them (all AEAD, all
     * with ephemeral key exchange). TLS 1.2: ECDHE key exchange with an AEAD cipher only, as RFC 9325
     * §4.2 recommends: no static RSA key exchange (no forward secrecy), no CBC, no SHA-1 MACs, no
     * finite-field DHE. Strongest first; the server's order decides.
     */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");

    private TlsContexts() {}

    /** Our TLS key for the handshake, in memory or in a token ({@link OwnKeyManager}). */
    public static KeyManager[] keyManagers(IssuedKey key) {
        return new KeyManager[] {new OwnKeyManager(key)};
    }

    /** Trust exactly these anchors; an empty list trusts nothing. */
    public static TrustManager[] trustManagers(List<X509Certificate> anchors) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                store.setCertificateEntry("anchor-" + i, anchors.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build the TLS trust store", e);
        }
    }

    /**
     * Server-side TLS engines for a listener: our TLS key, TLS 1.3 and 1.2 only, and a client
     * certificate requested (not required) when {@code requestClientCertificates}, verified against
     * {@code clientAnchors}. Which partner must present one is decided per message.
     */
    public static Supplier<SSLEngine> serverEngines(
            IssuedKey ours, List<X509Certificate> clientAnchors, boolean requestClientCertificates) {
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(keyManagers(ours), trustManagers(clientAnchors), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create a TLS server context", e);
        }
        SSLParameters policy = parameters(context.getSupportedSSLParameters().getCipherSuites());
        policy.setWantClientAuth(requestClientCertificates);
        policy.setUseCipherSuitesOrder(true);
        return () -> {
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            engine.setSSLParameters(policy);
            return engine;
        };
    }

    /**
     * Our client's protocols and cipher suites, for the JDK HttpClient that delivers to partners
     * ({@code HttpClient.Builder.sslParameters}): the same policy as our listeners.
     */
    public static SSLParameters clientParameters() {
        try {
            return parameters(
                    SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No default TLS context", e);
        }
    }

    private static SSLParameters parameters(String[] supported) {
        List<String> available = List.of(supported);
        String[] suites = CIPHER_SUITES.stream().filter(available::contains).toArray(String[]::new);
        if (suites.length == 0) {
            throw new IllegalStateException("The JDK supports none of the allowed TLS cipher suites " + CIPHER_SUITES);
        }
        return new SSLParameters(suites, PROTOCOLS.toArray(new String[0]));
    }

    /** A client context presenting our TLS key and trusting only {@code anchors}. */
    public static SSLContext client(IssuedKey ours, List<X509Certificate> anchors) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(ours), trustManagers(anchors), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create a TLS client context", e);
        }
    }
}
