package org.mlagateway.testing;

import com.helger.base.io.iface.IHasInputStream;
import com.helger.collection.commons.CommonsArrayList;
import com.helger.collection.commons.ICommonsList;
import com.helger.http.header.HttpHeaderMap;
import com.helger.mime.IMimeType;
import com.helger.phase4.attachment.IAS4IncomingAttachmentFactory;
import com.helger.phase4.attachment.WSS4JAttachment;
import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;
import com.helger.phase4.crypto.ECryptoAlgorithmCrypt;
import com.helger.phase4.crypto.ECryptoAlgorithmSign;
import com.helger.phase4.crypto.ECryptoAlgorithmSignDigest;
import com.helger.phase4.ebms3header.Ebms3SignalMessage;
import com.helger.phase4.ebms3header.Ebms3UserMessage;
import com.helger.phase4.error.AS4ErrorList;
import com.helger.phase4.incoming.AS4IncomingMessageMetadata;
import com.helger.phase4.incoming.AS4IncomingProfileSelectorConstant;
import com.helger.phase4.incoming.AS4IncomingReceiverConfiguration;
import com.helger.phase4.incoming.AS4RequestHandler;
import com.helger.phase4.incoming.IAS4IncomingMessageMetadata;
import com.helger.phase4.incoming.IAS4IncomingMessageState;
import com.helger.phase4.incoming.IAS4ResponseAbstraction;
import com.helger.phase4.incoming.crypto.AS4IncomingSecurityConfiguration;
import com.helger.phase4.incoming.spi.AS4MessageProcessorResult;
import com.helger.phase4.incoming.spi.AS4SignalMessageProcessorResult;
import com.helger.phase4.incoming.spi.IAS4IncomingMessageProcessorSPI;
import com.helger.phase4.model.EMEP;
import com.helger.phase4.model.EMEPBinding;
import com.helger.phase4.model.ESoapVersion;
import com.helger.phase4.model.pmode.IPMode;
import com.helger.phase4.model.pmode.PMode;
import com.helger.phase4.model.pmode.PModeParty;
import com.helger.phase4.model.pmode.PModeReceptionAwareness;
import com.helger.phase4.model.pmode.leg.EPModeSendReceiptReplyPattern;
import com.helger.phase4.model.pmode.leg.PModeLeg;
import com.helger.phase4.model.pmode.leg.PModeLegBusinessInformation;
import com.helger.phase4.model.pmode.leg.PModeLegProtocol;
import com.helger.phase4.model.pmode.leg.PModeLegSecurity;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.mlagateway.security.TlsContexts;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.pki.PkiFiles;
import org.w3c.dom.Node;

/**
 * phase4's own AS4 receiver ({@link AS4RequestHandler}, 4.2.0) behind the JDK's HTTPS server, with the
 * keys of one authority of a sample deployment: it decrypts and verifies what a gateway sends with its
 * own code, hands each UserMessage with its decrypted, decompressed parts to a processor that keeps
 * them, and answers with the Receipt (or ebMS error) phase4 builds and signs itself. A filter may
 * alter the answer on its way back, so that tests can hand the sender a damaged receipt. TLS is mutual:
 * the server presents the authority's TLS key and requires a client certificate of the sender's CA.
 */
public final class Phase4Receiver implements AutoCloseable {
    /** One UserMessage phase4 accepted and passed on: its header and its parts, decrypted. */
    public record Received(Ebms3UserMessage header, X509Certificate signer, List<byte[]> parts) {}

    /** The processing mode phase4 holds for the one sender. */
    public record Agreement(String initiator, String responder, String partyIdType, String service, String action) {}

    private final HttpsServer server;
    private final AS4CryptoFactoryInMemoryKeyStore signing;
    private final AS4CryptoFactoryInMemoryKeyStore decryption;
    private final PMode pmode;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> pmodeLookups = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<UnaryOperator<byte[]>> answerFilter = new AtomicReference<>(UnaryOperator.identity());

    /**
     * {@code self} is the authority phase4 plays (its directory in the deployment), {@code sender} the
     * directory of the one gateway it takes messages from (its CA in {@code partners/}).
     */
    public Phase4Receiver(Path deployment, String self, String sender, Agreement agreement) throws Exception {
        Path dir = deployment.resolve(self);
        char[] password = Files.readString(dir.resolve("secrets/keystore.password"))
                .strip()
                .toCharArray();
        List<X509Certificate> senderCa = PkiFiles.readCertificates(dir.resolve("partners/" + sender + "/ca.pem"));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < senderCa.size(); i++) {
            trust.setCertificateEntry("sender-ca-" + i, senderCa.get(i));
        }
        signing = new AS4CryptoFactoryInMemoryKeyStore(
                PkiFiles.openPkcs12(dir.resolve("signing.p12"), password), "signing", password, trust);
        decryption = new AS4CryptoFactoryInMemoryKeyStore(
                PkiFiles.openPkcs12(dir.resolve("encryption.p12"), password), "encryption", password, trust);
        pmode = pmode(agreement);

        IssuedKey tls = PkiFiles.readKey(PkiFiles.openPkcs12(dir.resolve("tls.p12"), password), "tls", password);
        SSLContext context = TlsContexts.client(tls, senderCa);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = context.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/as4", this::handle);
        server.start();
    }

    /** One-way push, signed RSA-SHA256 and encrypted AES-128-GCM, answered by a signed NRR receipt. */
    private static PMode pmode(Agreement a) {
        PModeLegSecurity security = new PModeLegSecurity();
        security.setX509SignatureAlgorithm(ECryptoAlgorithmSign.RSA_SHA_256);
        security.setX509SignatureHashFunction(ECryptoAlgorithmSignDigest.DIGEST_SHA_256);
        security.setX509EncryptionAlgorithm(ECryptoAlgorithmCrypt.AES_128_GCM);
        security.setSendReceipt(true);
        security.setSendReceiptNonRepudiation(true);
        security.setSendReceiptReplyPattern(EPModeSendReceiptReplyPattern.RESPONSE);
        PModeLegBusinessInformation business = new PModeLegBusinessInformation();
        business.setService(a.service());
        business.setAction(a.action());
        PModeLeg leg = new PModeLeg();
        leg.setProtocol(new PModeLegProtocol(null, ESoapVersion.SOAP_12));
        leg.setBusinessInfo(business);
        leg.setSecurity(security);
        PModeReceptionAwareness awareness = PModeReceptionAwareness.createDefault();
        awareness.setDuplicateDetection(true);
        return new PMode(
                "mla-gateway-" + a.initiator(),
                PModeParty.createSimple(
                        a.initiator(), "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/initiator"),
                PModeParty.createSimple(
                        a.responder(), "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/responder"),
                null,
                EMEP.ONE_WAY,
                EMEPBinding.PUSH,
                leg,
                null,
                null,
                awareness);
    }

    public URI url() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/as4");
    }

    /** Every UserMessage phase4 passed to its processor, in order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** How many requests reached the server. */
    public int requests() {
        return requests.get();
    }

    /** The (service, action) pairs phase4 looked a processing mode up for. */
    public List<String> pmodeLookups() {
        return List.copyOf(pmodeLookups);
    }

    /** Alters every following answer (receipt or error) before it goes back. */
    public void filterAnswers(UnaryOperator<byte[]> filter) {
        answerFilter.set(filter);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        HttpHeaderMap headers = new HttpHeaderMap();
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            for (String value : h.getValue()) {
                headers.addHeader(h.getKey(), value);
            }
        }
        Answer answer = new Answer();
        IAS4IncomingMessageMetadata metadata = AS4IncomingMessageMetadata.createForRequest()
                .setRemoteAddr(exchange.getRemoteAddress().getAddress().getHostAddress())
                .setRemotePort(exchange.getRemoteAddress().getPort())
                .setHttpHeaders(headers);
        try (InputStream in = exchange.getRequestBody();
                AS4RequestHandler handler = new AS4RequestHandler(metadata)) {
            handler.setCryptoFactorySign(signing)
                    .setCryptoFactoryCrypt(decryption)
                    .setPModeResolver((id, service, action, initiator, responder, agreement, address) -> {
                        pmodeLookups.add(service + " " + action);
                        return pmode;
                    })
                    .setIncomingAttachmentFactory(IAS4IncomingAttachmentFactory.DEFAULT_INSTANCE)
                    .setIncomingSecurityConfiguration(AS4IncomingSecurityConfiguration.createDefaultInstance())
                    .setIncomingReceiverConfiguration(new AS4IncomingReceiverConfiguration())
                    .setLocale(java.util.Locale.US)
                    .setIncomingProfileSelector(new AS4IncomingProfileSelectorConstant(null, false))
                    .setProcessorSupplier(() -> new CommonsArrayList<>(new Processor()));
            handler.handleRequest(in, headers, answer);
        } catch (Exception e) {
            answer.setStatus(500);
            answer.setContent(("phase4 failed: " + e).getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        }
        byte[] body = answerFilter.get().apply(answer.body.toByteArray());
        if (answer.contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", answer.contentType);
        }
        exchange.sendResponseHeaders(answer.status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** What phase4 writes as its HTTP answer. */
    private static final class Answer implements IAS4ResponseAbstraction {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private String contentType;
        private int status = 200;

        @Override
        public void setContent(byte[] content, Charset charset) {
            body.reset();
            body.writeBytes(content);
        }

        @Override
        public void setContent(HttpHeaderMap headers, IHasInputStream content) {
            body.reset();
            try (InputStream in = content.getInputStream()) {
                in.transferTo(body);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            String type = headers.getFirstHeaderValue("Content-Type");
            if (type != null) {
                contentType = type;
            }
        }

        @Override
        public void setMimeType(IMimeType mimeType) {
            contentType = mimeType.getAsString();
        }

        @Override
        public void setStatus(int status) {
            this.status = status;
        }
    }

    /** phase4's hook for a UserMessage that passed all its checks: keep it, with its parts read. */
    private final class Processor implements IAS4IncomingMessageProcessorSPI {
        @Override
        public AS4MessageProcessorResult processAS4UserMessage(
                IAS4IncomingMessageMetadata metadata,
                HttpHeaderMap headers,
                Ebms3UserMessage userMessage,
                IPMode mode,
                Node payload,
                ICommonsList<WSS4JAttachment> attachments,
                IAS4IncomingMessageState state,
                AS4ErrorList errors) {
            List<byte[]> parts = new java.util.ArrayList<>();
            for (WSS4JAttachment a : attachments) {
                try (InputStream in = a.getSourceStream()) {
                    parts.add(in.readAllBytes());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            received.add(new Received(userMessage, state.getSigningCertificate(), parts));
            return AS4MessageProcessorResult.createSuccess();
        }

        @Override
        public AS4SignalMessageProcessorResult processAS4SignalMessage(
                IAS4IncomingMessageMetadata metadata,
                HttpHeaderMap headers,
                Ebms3SignalMessage signal,
                IPMode mode,
                IAS4IncomingMessageState state,
                AS4ErrorList errors) {
            return AS4SignalMessageProcessorResult.createSuccess();
        }

        @Override
        public void processAS4ResponseMessage(
                IAS4IncomingMessageMetadata metadata,
                IAS4IncomingMessageState state,
                String responseMessageId,
                byte[] response,
                boolean responseSent) {}
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
