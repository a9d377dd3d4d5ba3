package org.mlagateway.tools.bench;

import com.helger.base.io.iface.IHasInputStream;
import com.helger.collection.commons.CommonsArrayList;
import com.helger.collection.commons.ICommonsList;
import com.helger.http.header.HttpHeaderMap;
import com.helger.mime.CMimeType;
import com.helger.mime.IMimeType;
import com.helger.phase4.attachment.EAS4CompressionMode;
import com.helger.phase4.attachment.IAS4IncomingAttachmentFactory;
import com.helger.phase4.attachment.WSS4JAttachment;
import com.helger.phase4.client.AS4ClientBuiltMessage;
import com.helger.phase4.client.AS4ClientUserMessage;
import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;
import com.helger.phase4.crypto.ECryptoAlgorithmCrypt;
import com.helger.phase4.crypto.ECryptoAlgorithmSign;
import com.helger.phase4.crypto.ECryptoAlgorithmSignDigest;
import com.helger.phase4.ebms3header.Ebms3Property;
import com.helger.phase4.ebms3header.Ebms3SignalMessage;
import com.helger.phase4.ebms3header.Ebms3UserMessage;
import com.helger.phase4.error.AS4ErrorList;
import com.helger.phase4.incoming.AS4IncomingMessageMetadata;
import com.helger.phase4.incoming.AS4IncomingProfileSelectorFromGlobal;
import com.helger.phase4.incoming.AS4IncomingReceiverConfiguration;
import com.helger.phase4.incoming.AS4RequestHandler;
import com.helger.phase4.incoming.IAS4IncomingMessageMetadata;
import com.helger.phase4.incoming.IAS4IncomingMessageState;
import com.helger.phase4.incoming.IAS4ResponseAbstraction;
import com.helger.phase4.incoming.crypto.AS4IncomingSecurityConfiguration;
import com.helger.phase4.incoming.spi.AS4MessageProcessorResult;
import com.helger.phase4.incoming.spi.AS4SignalMessageProcessorResult;
import com.helger.phase4.incoming.spi.IAS4IncomingMessageProcessorSPI;
import com.helger.phase4.mgr.AS4ManagerFactoryInMemory;
import com.helger.phase4.mgr.MetaAS4Manager;
import com.helger.phase4.model.ESoapVersion;
import com.helger.phase4.model.pmode.DefaultPMode;
import com.helger.phase4.model.pmode.IPMode;
import com.helger.phase4.util.AS4ResourceHelper;
import com.helger.scope.mgr.ScopeManager;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.mlagateway.config.As4Config;
import org.mlagateway.security.As4Payload;
import org.mlagateway.security.As4Profile;
import org.w3c.dom.Node;

/**
 * phase4's side of {@code bench as4}, run in a child JVM whose class path holds phase4 (a test
 * dependency, kept off the gateway's own class path). Arguments: the bench's keys directory, a
 * directory of MLA message files ({@code <n>.xml}), an output directory, the receiving authority's
 * AS4 party id. First, as the sending authority (RU-GPO), phase4's own client builds, signs and
 * encrypts one AS4 UserMessage per file for KZ-GPO and writes its body and Content-Type to the
 * output directory ({@code <n>.mime}, {@code <n>.type}): the same messages go to both receivers.
 * Then phase4's AS4 receiver ({@link AS4RequestHandler}, its managers in memory) answers POSTs on
 * loopback as KZ-GPO, with KZ-GPO's keys, trusting RU-GPO's CA; its message processor accepts every
 * UserMessage and keeps nothing. It prints {@code READY <port>} and stops when standard input closes.
 * The profile's values it names are compile-time constants of the gateway's classes, which are not
 * on this JVM's class path.
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
            Path kz = keys.resolve("kz-gpo");
            X509Certificate kzEncryption = certificate(ru.resolve("partners/kz-gpo/encryption.pem"));
            KeyStore trustRu = trust(certificate(kz.resolve("partners/ru-gpo/ca.pem")));
            build(key(ru, "signing"), password(ru), kzEncryption, payloads, out, receiverParty);
            AS4CryptoFactoryInMemoryKeyStore sign =
                    new AS4CryptoFactoryInMemoryKeyStore(key(kz, "signing"), "signing", password(kz), trustRu);
            AS4CryptoFactoryInMemoryKeyStore crypt =
                    new AS4CryptoFactoryInMemoryKeyStore(key(kz, "encryption"), "encryption", password(kz), trustRu);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            AtomicLong accepted = new AtomicLong();
            server.createContext("/as4", exchange -> receive(exchange, sign, crypt, accepted));
            server.setExecutor(Executors.newFixedThreadPool(32));
            server.start();
            System.out.println("READY " + server.getAddress().getPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the bench closes our standard input
            }
            server.stop(0);
            System.out.println("ACCEPTED " + accepted.get());
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

    /** One POST through phase4's request handler, set up as its servlet ({@code AS4XServletHandler}) sets it up. */
    private static void receive(
            HttpExchange exchange,
            AS4CryptoFactoryInMemoryKeyStore sign,
            AS4CryptoFactoryInMemoryKeyStore crypt,
            AtomicLong accepted)
            throws IOException {
        HttpHeaderMap headers = new HttpHeaderMap();
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            for (String v : h.getValue()) {
                headers.addHeader(h.getKey(), v);
            }
        }
        Answer answer = new Answer();
        try (InputStream in = exchange.getRequestBody();
                AS4RequestHandler handler = new AS4RequestHandler(
                        AS4IncomingMessageMetadata.createForRequest().setHttpHeaders(headers))) {
            handler.setCryptoFactorySign(sign)
                    .setCryptoFactoryCrypt(crypt)
                    // No AS4 profile module is on the class path: phase4's own default P-Mode for the two parties.
                    .setPModeResolver((id, service, action, initiator, responder, agreement, address) ->
                            DefaultPMode.getOrCreateDefaultPMode(initiator, responder, address, false))
                    .setIncomingProfileSelector(new AS4IncomingProfileSelectorFromGlobal())
                    .setIncomingAttachmentFactory(IAS4IncomingAttachmentFactory.DEFAULT_INSTANCE)
                    .setIncomingSecurityConfiguration(AS4IncomingSecurityConfiguration.createDefaultInstance())
                    .setIncomingReceiverConfiguration(new AS4IncomingReceiverConfiguration())
                    .setProcessorSupplier(() -> new CommonsArrayList<>(new AcceptAll(accepted)));
            handler.handleRequest(in, headers, answer);
        } catch (Exception e) {
            answer.status = 500;
            answer.body = String.valueOf(e).getBytes(StandardCharsets.UTF_8);
            answer.type = "text/plain";
        }
        exchange.getResponseHeaders().add("Content-Type", answer.type == null ? "text/plain" : answer.type);
        exchange.sendResponseHeaders(answer.status, answer.body.length == 0 ? -1 : answer.body.length);
        try (OutputStream o = exchange.getResponseBody()) {
            o.write(answer.body);
        }
    }

    /** The answer phase4's handler writes, kept until the handler returns. */
    private static final class Answer implements IAS4ResponseAbstraction {
        int status = 200;
        byte[] body = new byte[0];
        String type;

        @Override
        public void setContent(byte[] content, Charset charset) {
            body = content;
        }

        @Override
        public void setContent(HttpHeaderMap headers, IHasInputStream content) {
            try (InputStream in = content.getInputStream()) {
                body = in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            String t = headers.getFirstHeaderValue("Content-Type");
            if (t != null) {
                type = t.replaceAll("\\s*\\r?\\n\\s*", " ");
            }
        }

        @Override
        public void setMimeType(IMimeType mimeType) {
            if (type == null) {
                type = mimeType.getAsString();
            }
        }

        @Override
        public void setStatus(int code) {
            status = code;
        }
    }

    /** Takes every UserMessage and keeps nothing: phase4 then answers with its receipt. */
    private record AcceptAll(AtomicLong accepted) implements IAS4IncomingMessageProcessorSPI {
        @Override
        public AS4MessageProcessorResult processAS4UserMessage(
                IAS4IncomingMessageMetadata metadata,
                HttpHeaderMap headers,
                Ebms3UserMessage message,
                IPMode pmode,
                Node payload,
                ICommonsList<WSS4JAttachment> attachments,
                IAS4IncomingMessageState state,
                AS4ErrorList errors) {
            accepted.incrementAndGet();
            return AS4MessageProcessorResult.createSuccess();
        }

        @Override
        public AS4SignalMessageProcessorResult processAS4SignalMessage(
                IAS4IncomingMessageMetadata metadata,
                HttpHeaderMap headers,
                Ebms3SignalMessage signal,
                IPMode pmode,
                IAS4IncomingMessageState state,
                AS4ErrorList errors) {
            return AS4SignalMessageProcessorResult.createSuccess();
        }

        @Override
        public void processAS4ResponseMessage(
                IAS4IncomingMessageMetadata metadata,
                IAS4IncomingMessageState state,
                String messageId,
                byte[] response,
                boolean ok) {
            // no responses are sent from here
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
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(authority.resolve(name + ".p12"))) {
            ks.load(in, password(authority));
        }
        return ks;
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static KeyStore trust(X509Certificate cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("trusted", cert);
        return trust;
    }
}
