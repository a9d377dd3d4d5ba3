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
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mlagateway.config.As4Config;
import org.mlagateway.security.As4Mime;
import org.mlagateway.security.As4Payload;
import org.mlagateway.security.As4Profile;
import org.mlagateway.security.As4Sealer;
import org.mlagateway.security.As4UserMessage;
import org.mlagateway.security.SigningKeys;
import org.mlagateway.security.TlsContexts;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.pki.PkiFiles;

/**
 * A partner that speaks AS4 to KZ-GPO with the keys of a sample deployment: it seals UserMessages
 * with our own {@link As4Sealer} (phase4 is the independent peer; this one lets tests forge), and
 * posts them over real TLS.
 */
public final class As4Partner {
    public final IssuedKey signing;
    public final X509Certificate kzEncryption;
    private final HttpClient http;
    private final As4Sealer sealer;

    public As4Partner(Path deployment, String self, String signingOf) {
        try {
            char[] password = Files.readString(deployment.resolve(self).resolve("secrets/keystore.password"))
                    .strip()
                    .toCharArray();
            Path signer = deployment.resolve(signingOf);
            char[] signerPassword = Files.readString(signer.resolve("secrets/keystore.password"))
                    .strip()
                    .toCharArray();
            signing = PkiFiles.readKey(
                    PkiFiles.openPkcs12(signer.resolve("signing.p12"), signerPassword), "signing", signerPassword);
            Path dir = deployment.resolve(self);
            IssuedKey tls = PkiFiles.readKey(PkiFiles.openPkcs12(dir.resolve("tls.p12"), password), "tls", password);
            kzEncryption = PkiFiles.readCertificates(dir.resolve("partners/kz-gpo/encryption.pem"))
                    .get(0);
            List<X509Certificate> kzCa = PkiFiles.readCertificates(dir.resolve("partners/kz-gpo/ca.pem"));
            http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .sslContext(TlsContexts.client(tls, kzCa))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        sealer = new As4Sealer(SigningKeys.single(signing), Clock.systemUTC(), 64, 64L << 20);
    }

    /** A UserMessage header from party {@code from} to KZ-GPO, under the default service. */
    public static As4UserMessage header(String from, String action, String partId) {
        return header(from, action, partId, List.of());
    }

    /** As above, with the PartInfos of further parts (documents) after the message's. */
    public static As4UserMessage header(
            String from, String action, String partId, List<As4UserMessage.PartInfo> documents) {
        List<As4UserMessage.PartInfo> payloads = new java.util.ArrayList<>();
        payloads.add(As4Payload.partInfo(partId));
        payloads.addAll(documents);
        return new As4UserMessage(
                UUID.randomUUID() + "@tr-moj.example",
                Instant.now(),
                new As4UserMessage.Party(from, As4Config.DEFAULT_PARTY_ID_TYPE, As4Profile.INITIATOR),
                new As4UserMessage.Party("KZ-GPO", As4Config.DEFAULT_PARTY_ID_TYPE, As4Profile.RESPONDER),
                As4Config.DEFAULT_SERVICE,
                action,
                UUID.randomUUID().toString(),
                Map.of(As4Payload.ORIGINAL_SENDER, "TR-MOJ", As4Payload.FINAL_RECIPIENT, "KZ-GPO"),
                payloads);
    }

    /** Sealed for KZ-GPO: our msg:Message as the compressed first part. */
    public As4Mime.Written seal(As4UserMessage header, byte[] messageXml) {
        return seal(header, messageXml, List.of());
    }

    /** As above, with further parts (documents) after the message's. */
    public As4Mime.Written seal(As4UserMessage header, byte[] messageXml, List<As4Mime.Part> documents) {
        String partId = header.payloads().get(0).href().substring(4);
        List<As4Mime.Part> parts = new java.util.ArrayList<>();
        parts.add(As4Payload.part(partId, messageXml));
        parts.addAll(documents);
        return sealer.seal(header, parts, kzEncryption, As4Profile.EDELIVERY_1).wire();
    }

    public HttpResponse<String> post(URI url, As4Mime.Written wire) {
        return Http.text(
                http,
                HttpRequest.newBuilder(url)
                        .header("Content-Type", wire.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(wire.body()))
                        .build());
    }

    public HttpResponse<String> post(URI url, String contentType, byte[] body) {
        return Http.text(
                http,
                HttpRequest.newBuilder(url)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build());
    }
}
