package org.mlagateway.tools.bench;

import com.helger.mime.CMimeType;
import com.helger.phase4.attachment.EAS4CompressionMode;
import com.helger.phase4.client.AS4ClientBuiltMessage;
import com.helger.phase4.client.AS4ClientUserMessage;
import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;
import com.helger.phase4.crypto.ECryptoAlgorithmCrypt;
import com.helger.phase4.crypto.ECryptoAlgorithmSign;
import com.helger.phase4.crypto.ECryptoAlgorithmSignDigest;
import com.helger.phase4.ebms3header.Ebms3Property;
import com.helger.phase4.mgr.AS4ManagerFactoryInMemory;
import com.helger.phase4.mgr.MetaAS4Manager;
import com.helger.phase4.model.ESoapVersion;
import com.helger.phase4.util.AS4ResourceHelper;
import com.helger.scope.mgr.ScopeManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;
import org.mlagateway.config.As4Config;
import org.mlagateway.security.As4Payload;
import org.mlagateway.security.As4Profile;
import org.mlagateway.security.pki.PkiFiles;
import org.mlagateway.testing.Phase4Receiver;

/**
 * phase4's side of {@code bench as4}, run in a child JVM whose class path holds phase4 (a test
 * dependency, kept off the gateway's own class path). Arguments: the bench's keys directory, a
 * directory of MLA message files ({@code <n>.xml}), an output directory, the receiving authority's
 * AS4 party id. First, as the sending authority (RU-GPO), phase4's own client builds, signs and
 * encrypts one AS4 UserMessage per file for KZ-GPO and writes its body and Content-Type to the
 * output directory ({@code <n>.mime}, {@code <n>.type}): the same messages go to both receivers.
 * Then phase4's AS4 receiver ({@link Phase4Receiver}: its request handler behind the JDK's HTTPS
 * server with mutual TLS, its managers in memory) answers as KZ-GPO with KZ-GPO's keys, trusting
 * RU-GPO's CA, each UserMessage with a signed receipt. It prints {@code READY <port>} and stops when
 * standard input closes.
 */
public final class Phase4Peer {
    private Phase4Peer() {}

    public static void main(String[] args) throws Exception {
        Path keys = Path.of(args[0]);
        Path payloads = Path.of(args[1]);
        Path out = Path.of(args[2]);
        String receiverParty = args[3];
        ScopeManager.onGlobalBegin("phase4-bench");
        MetaAS4Manager.setFactory(new AS4ManagerFactoryInMemory());
        try {
            Path ru = keys.resolve("ru-gpo");
            build(
                    key(ru, "signing"),
                    password(ru),
                    certificate(ru.resolve("partners/kz-gpo/encryption.pem")),
                    payloads,
                    out,
                    receiverParty);
            try (Phase4Receiver receiver = new Phase4Receiver(
                    keys,
                    "kz-gpo",
                    "ru-gpo",
                    new Phase4Receiver.Agreement(
                            "RU-GPO",
                            receiverParty,
                            As4Config.DEFAULT_PARTY_ID_TYPE,
                            As4Config.DEFAULT_SERVICE,
                            "MLA_REQUEST"))) {
                System.out.println("READY " + receiver.url().getPort());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // until the bench closes our standard input
                }
                System.out.println("ACCEPTED " + receiver.received().size());
            }
        } finally {
            ScopeManager.onGlobalEnd();
        }
        System.exit(0);
    }

    /** phase4's client, as RU-GPO: the messages both receivers take, signed and encrypted beforehand. */
    private static void build(
            KeyStore signing, char[] password, X509Certificate kzEncryption, Path payloads, Path out, String to)
            throws Exception {
        AS4CryptoFactoryInMemoryKeyStore crypto =
                new AS4CryptoFactoryInMemoryKeyStore(signing, "signing", password, trust(kzEncryption));
        Files.createDirectories(out);
        List<Path> files;
        try (var listing = Files.list(payloads)) {
            files = listing.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        for (Path payload : files) {
            String name = payload.getFileName().toString().replace(".xml", "");
            try (AS4ResourceHelper resources = new AS4ResourceHelper()) {
                AS4ClientUserMessage client = new AS4ClientUserMessage(resources);
                client.setSoapVersion(ESoapVersion.SOAP_12);
                client.setCryptoFactory(crypto);
                client.signingParams()
                        .setAlgorithmSign(ECryptoAlgorithmSign.RSA_SHA_256)
                        .setAlgorithmSignDigest(ECryptoAlgorithmSignDigest.DIGEST_SHA_256);
                client.cryptParams()
                        .setAlgorithmCrypt(ECryptoAlgorithmCrypt.AES_128_GCM)
                        .setCertificate(kzEncryption);
                client.setFromPartyIDType(As4Config.DEFAULT_PARTY_ID_TYPE);
                client.setFromPartyID("RU-GPO");
                client.setFromRole(As4Profile.INITIATOR);
                client.setToPartyIDType(As4Config.DEFAULT_PARTY_ID_TYPE);
                client.setToPartyID(to);
                client.setToRole(As4Profile.RESPONDER);
                client.setServiceValue(As4Config.DEFAULT_SERVICE);
                client.setAction("MLA_REQUEST");
                client.setConversationID(UUID.randomUUID().toString());
                client.ebms3Properties().add(property(As4Payload.ORIGINAL_SENDER, "RU-GPO"));
                client.ebms3Properties().add(property(As4Payload.FINAL_RECIPIENT, to));
                client.addAttachment(payload.toFile(), CMimeType.APPLICATION_XML, EAS4CompressionMode.GZIP);
                AS4ClientBuiltMessage built = client.buildMessage(client.createMessageID(), null);
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                built.getHttpEntity().writeTo(body);
                Files.write(out.resolve(name + ".mime"), body.toByteArray());
                // phase4 folds its Content-Type over several lines, as MIME headers may be; HTTP takes one.
                String type = built.getHttpEntity().getContentType().replaceAll("\\s*\\r?\\n\\s*", " ");
                Files.writeString(out.resolve(name + ".type"), type);
            }
        }
    }

    private static Ebms3Property property(String name, String value) {
        Ebms3Property p = new Ebms3Property();
        p.setName(name);
        p.setValue(value);
        return p;
    }

    private static char[] password(Path authority) throws IOException {
        return Files.readString(authority.resolve("secrets/keystore.password"))
                .strip()
                .toCharArray();
    }

    private static KeyStore key(Path authority, String name) throws Exception {
        return PkiFiles.openPkcs12(authority.resolve(name + ".p12"), password(authority));
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        return PkiFiles.readCertificates(pem).get(0);
    }

    private static KeyStore trust(X509Certificate cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("trusted", cert);
        return trust;
    }
}
