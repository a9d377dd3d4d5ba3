package org.mlagateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.mlagateway.security.TlsContexts;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.pki.PkiFiles;

/**
 * A partner's side of the wire, built from one authority's folder of a generated deployment: its
 * signing and TLS keys, and the peer's encryption certificate and CA. Posts raw bytes over real
 * TLS and returns the raw answer, so tests can send what no correct sender would.
 */
public final class PartnerClient {
    public final IssuedKey signing;
    public final IssuedKey tls;
    public final X509Certificate peerEncryption;
    private final HttpClient http;
    private final HttpClient anonymous;

    public PartnerClient(Path deployment, String self, String peer) {
        try {
            Path dir = deployment.resolve(self);
            char[] password = Files.readString(dir.resolve("secrets/keystore.password"))
                    .strip()
                    .toCharArray();
            signing = PkiFiles.readKey(PkiFiles.openPkcs12(dir.resolve("signing.p12"), password), "signing", password);
            tls = PkiFiles.readKey(PkiFiles.openPkcs12(dir.resolve("tls.p12"), password), "tls", password);
            peerEncryption = PkiFiles.readCertificates(dir.resolve("partners/" + peer + "/encryption.pem"))
                    .get(0);
            List<X509Certificate> peerCa = PkiFiles.readCertificates(dir.resolve("partners/" + peer + "/ca.pem"));
            http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .sslContext(TlsContexts.client(tls, peerCa))
                    .build();
            javax.net.ssl.SSLContext noClientCert = javax.net.ssl.SSLContext.getInstance("TLS");
            noClientCert.init(null, TlsContexts.trustManagers(peerCa), null);
            anonymous = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .sslContext(noClientCert)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public EnvelopeForge forge() {
        return new EnvelopeForge(signing, peerEncryption);
    }

    public HttpResponse<String> post(URI url, byte[] body) {
        return send(HttpRequest.newBuilder(url)
                .header("Content-Type", "application/soap+xml; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    /** As {@link #post}, presenting no TLS client certificate. */
    public HttpResponse<String> postWithoutClientCertificate(URI url, byte[] body) {
        return Http.text(
                anonymous,
                HttpRequest.newBuilder(url)
                        .header("Content-Type", "application/soap+xml; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build());
    }

    public HttpResponse<String> get(URI url) {
        return send(HttpRequest.newBuilder(url).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        return Http.text(http, request);
    }
}
