package org.mlagateway.tools.bench;

import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.soap.SOAPBinding;
import java.io.StringReader;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.ws.security.wss4j.DefaultCryptoCoverageChecker;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.mlagateway.message.Namespaces;
import org.mlagateway.security.AlgorithmPolicy;
import org.mlagateway.security.TlsContexts;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.transport.ListenerEngine;
import org.mlagateway.transport.ListenerEngineFactory;
import org.mlagateway.transport.ListenerPolicy;

/**
 * The benchmark's baseline: a bare CXF JAX-WS endpoint on the same Netty transport and TLS as the
 * gateway ({@link ListenerEngine}), with the standard {@link WSS4JInInterceptor} (Timestamp
 * Signature Encrypt, the profile's inbound algorithms, PKIX trust in the sender's CA) and
 * {@link WSS4JOutInterceptor} (Timestamp Signature), echoing a small signed acknowledgement and
 * storing nothing.
 */
@WebServiceProvider(serviceName = "BaselineService", portName = "BaselinePort", targetNamespace = "urn:mla-bench")
@ServiceMode(Service.Mode.PAYLOAD)
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
public final class BaselineService implements Provider<Source> {
    static final String PATH = "/baseline/v1";
    private static final String PASSWORD = "in-memory";
    private static final String SOAP12 = Namespaces.SOAP12;
    private static final String WSU = Namespaces.WSU;

    @Override
    public Source invoke(Source request) {
        return new StreamSource(
                new StringReader("<ack:Acknowledged xmlns:ack=\"urn:mla-bench\">ok</ack:Acknowledged>"));
    }

    /** A running baseline endpoint. */
    static final class Running implements AutoCloseable {
        private final Bus bus;
        private final Server server;
        private final ListenerEngine engine;

        private Running(Bus bus, Server server, ListenerEngine engine) {
            this.bus = bus;
            this.server = server;
            this.engine = engine;
        }

        URI url() {
            return URI.create("https://127.0.0.1:" + engine.boundPort() + PATH);
        }

        @Override
        public void close() {
            server.destroy();
            bus.shutdown(true);
        }
    }

    static Running start(
            IssuedKey tls,
            IssuedKey signing,
            IssuedKey decryption,
            List<X509Certificate> senderAnchors,
            String senderSubjects,
            int maxEnvelopeBytes,
            int threads)
            throws Exception {
        ListenerEngine engine = new ListenerEngine(
                "127.0.0.1",
                0,
                TlsContexts.serverEngines(tls, senderAnchors, false),
                maxEnvelopeBytes,
                true,
                threads,
                ListenerPolicy.plain("baseline", org.mlagateway.config.ListenerLimitsConfig.defaults()));
        Bus bus = BusFactory.newInstance().createBus();
        new ListenerEngineFactory(bus, engine);

        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(
                "signing",
                signing.privateKey(),
                PASSWORD.toCharArray(),
                signing.chain().toArray(new Certificate[0]));
        keys.setKeyEntry(
                "encryption",
                decryption.privateKey(),
                PASSWORD.toCharArray(),
                decryption.chain().toArray(new Certificate[0]));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < senderAnchors.size(); i++) {
            trust.setCertificateEntry("anchor-" + i, senderAnchors.get(i));
        }
        Merlin crypto = new Merlin();
        crypto.setKeyStore(keys);
        crypto.setTrustStore(trust);
        CallbackHandler passwords = callbacks -> {
            for (Callback c : callbacks) {
                if (c instanceof WSPasswordCallback pc) {
                    pc.setPassword(PASSWORD);
                }
            }
        };

        Map<String, Object> in = new HashMap<>();
        in.put(ConfigurationConstants.ACTION, "Timestamp Signature Encrypt");
        in.put(ConfigurationConstants.PW_CALLBACK_REF, passwords);
        in.put("cryptoRef", crypto);
        in.put(ConfigurationConstants.SIG_VER_PROP_REF_ID, "cryptoRef");
        in.put(ConfigurationConstants.DEC_PROP_REF_ID, "cryptoRef");
        in.put(ConfigurationConstants.TTL_TIMESTAMP, "300");
        in.put(ConfigurationConstants.TIMESTAMP_STRICT, "true");
        in.put(ConfigurationConstants.REQUIRE_TIMESTAMP_EXPIRES, "true");
        in.put(ConfigurationConstants.SIG_SUBJECT_CERT_CONSTRAINTS, senderSubjects);
        in.put(ConfigurationConstants.SIG_ALGO, AlgorithmPolicy.PROFILE.signature());
        in.put(ConfigurationConstants.SIG_DIGEST_ALGO, AlgorithmPolicy.PROFILE.digest());
        in.put(ConfigurationConstants.ENC_SYM_ALGO, AlgorithmPolicy.PROFILE.outboundDataEncryption());
        in.put(ConfigurationConstants.ENC_KEY_TRANSPORT, AlgorithmPolicy.PROFILE.keyTransport());

        Map<String, Object> out = new HashMap<>();
        out.put(ConfigurationConstants.ACTION, "Timestamp Signature");
        out.put(ConfigurationConstants.USER, "signing");
        out.put(ConfigurationConstants.SIGNATURE_USER, "signing");
        out.put(ConfigurationConstants.PW_CALLBACK_REF, passwords);
        out.put("cryptoRef", crypto);
        out.put(ConfigurationConstants.SIG_PROP_REF_ID, "cryptoRef");
        out.put(ConfigurationConstants.SIG_KEY_ID, "DirectReference");
        out.put(ConfigurationConstants.SIGNATURE_PARTS, "{}{" + SOAP12 + "}Body;{}{" + WSU + "}Timestamp");
        out.put(ConfigurationConstants.SIG_ALGO, AlgorithmPolicy.PROFILE.signature());
        out.put(ConfigurationConstants.SIG_DIGEST_ALGO, AlgorithmPolicy.PROFILE.digest());
        out.put(ConfigurationConstants.SIG_C14N_ALGO, AlgorithmPolicy.PROFILE.canonicalization());

        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setServiceBean(new BaselineService());
        factory.setAddress("https://127.0.0.1:0" + PATH);
        factory.getInInterceptors().add(new WSS4JInInterceptor(in));
        factory.getInInterceptors().add(new DefaultCryptoCoverageChecker());
        factory.getOutInterceptors().add(new WSS4JOutInterceptor(out));
        Server server = factory.create();
        return new Running(bus, server, engine);
    }
}
